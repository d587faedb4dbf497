import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmContractPermission, priceLines } from '@zhongshu/contracts';
import { DemoSeeder, RequestContext, combineGrants, type DemoRoleGrants, type DemoSeed, type Principal } from '@zhongshu/platform';
import { Decimal } from 'decimal.js';
import { ContractsService } from './contracts.service.js';

const ROLE_GRANTS: DemoRoleGrants = {
  sales: [CrmContractPermission.ContractRead, CrmContractPermission.ContractCreate, CrmContractPermission.ContractSign],
  'sales-manager': [CrmContractPermission.ContractRead, CrmContractPermission.ContractCreate, CrmContractPermission.ContractSign, CrmContractPermission.ContractEnd, CrmContractPermission.ReceivableRecord],
  finance: [CrmContractPermission.ContractRead, CrmContractPermission.ReceivableRecord],
};

/**
 * The demo's contracts for 孙丽 (sales)'s customers, made through the service as the API
 * would: a draft, and two signed at seeding time, whose reviews (OA) and orders (ERP)
 * the event handlers start once the workers run: 张伟 (salesmgr) finds them in his inbox.
 */
@DemoSeeder({ after: ['crm.customers', 'erp.products', 'oa.requests'] })
@Injectable()
export class ContractDemoSeed implements DemoSeed {
  readonly name = 'crm.contracts';
  readonly roleGrants = ROLE_GRANTS;

  constructor(private readonly contracts: ContractsService) {}

  async seed(manager: EntityManager): Promise<void> {
    const [sales] = await manager.query(`SELECT id, main_department_id FROM org.person WHERE username = 'sales'`);
    const customers: Array<{ id: string; name: string }> = await manager.query(`SELECT id, name FROM crm.customer WHERE owner_id = $1 AND status = 'active' ORDER BY name LIMIT 3`, [sales.id]);
    if (customers.length < 3) return;
    const as: Principal = {
      userId: sales.id,
      username: 'sales',
      permissions: new Set(ROLE_GRANTS.sales),
      departmentIds: [sales.main_department_id],
      dataScope: combineGrants([{ roleCode: 'demo', roleName: 'demo', kind: 'all', departmentIds: [], allPermissions: true, permissions: [] }]),
    };
    const acting = <T>(work: () => Promise<T>): Promise<T> => RequestContext.run({ requestId: 'crm-demo-contracts', correlationId: `crm-demo-contracts-${sales.id}`, actorId: sales.id, actorUsername: 'sales' }, work);
    const catalogue = new Map<string, { id: string; price: string; rate: string }>(
      (await manager.query(`SELECT code, id, list_price::text AS price, (tax_rate::integer)::text AS rate FROM erp.product WHERE active`)).map((row: { code: string; id: string; price: string; rate: string }) => [row.code, row]),
    );
    /** Priced as the service will price it, the plan split 30 / 70 of the total. */
    const contract = (customerId: string, title: string, lines: Array<[code: string, quantity: string, discountRate: string]>, overall: string) => {
      const priced = priceLines(
        lines.map(([code, quantity, discountRate]) => ({ quantity, discountRate, unitPrice: (catalogue.get(code) as { price: string }).price, taxRate: (catalogue.get(code) as { rate: string }).rate })),
        overall,
      );
      const first = new Decimal(priced.total).times('0.3').toDecimalPlaces(2).toFixed(2);
      return {
        customerId,
        title,
        lines: lines.map(([code, quantity, discountRate]) => ({ productId: (catalogue.get(code) as { id: string }).id, quantity, discountRate })),
        overallDiscountRate: overall,
        paymentTerms: '预付 30%，验收合格后 60 天内付清余款',
        startDate: '2026-12-01',
        endDate: '2027-11-30',
        instalments: [
          { dueDate: '2026-12-31', amount: first },
          { dueDate: '2027-03-31', amount: new Decimal(priced.total).minus(first).toFixed(2) },
        ],
      };
    };
    // A draft still being put together.
    await acting(() => this.contracts.create(as, contract(customers[0].id, '备件年度框架合同', [['SP-SPINDLE-12K', '2', '5'], ['SV-TRAINING', '4', '0']], '0')));
    // Signed above 200 000: 张伟 then 林静 review it.
    const big = await acting(() => this.contracts.create(as, contract(customers[1].id, '立式加工中心采购合同', [['CNC-V850', '2', '5'], ['SV-INSTALL', '2', '0']], '2')));
    await acting(() => this.contracts.sign(as, big.id, big.version));
    // Signed below 200 000: 张伟 alone reviews it.
    const small = await acting(() => this.contracts.create(as, contract(customers[2].id, '数控车床及培训合同', [['CNC-T460', '1', '0'], ['SV-TRAINING', '3', '0']], '0')));
    await acting(() => this.contracts.sign(as, small.id, small.version));
  }
}
