import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@zhongshu/contracts';
import { EventHandler } from '@zhongshu/platform';
import { OaRequests } from './oa-requests.js';

/**
 * 合同审批: a signed contract version starts the request type bound to `crm.contract`
 * (`PUT /oa/business-bindings`), applied for by whoever signed it, with the contract's
 * figures in the form. The business id is `<contract id>:<signed version>`, so signing
 * again after a revision starts a new review, and a repeated event finds the one it
 * started (`startForBusiness` is once per business key).
 */
@Injectable()
export class ContractReviewStarter {
  constructor(private readonly requests: OaRequests) {}

  @EventHandler('crm.contract.signed', { name: 'oa.start-contract-review' })
  async onSigned(event: EventEnvelope<'crm.contract.signed'>): Promise<void> {
    const contract = event.payload;
    const remark = `${contract.number}（第 ${contract.version} 版）${contract.title}：${contract.lines.length} 项，不含税 ${contract.totalExclTax}，税额 ${contract.taxTotal}，${contract.startDate} 至 ${contract.endDate}`;
    await this.requests.startForBusiness({
      businessType: 'crm.contract',
      businessId: `${contract.contractId}:${contract.version}`,
      applicantId: contract.signedById,
      title: `合同审批：${contract.customer.name} ${contract.number}`.slice(0, 200),
      formData: { customer: contract.customer.name.slice(0, 100), amount: contract.total, remark: remark.slice(0, 500) },
    });
  }
}
