import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrmCustomerSnapshot, EventEnvelope } from '@zhongshu/contracts';
import { EventHandler } from '@zhongshu/platform';
import { TradingTermsService, type CustomerSnapshot } from './trading-terms.service.js';

type CustomerEvent = EventEnvelope<'crm.customer.created' | 'crm.customer.changed' | 'crm.customer.transferred' | 'crm.customer.merged'>;

function snapshotOf(customer: CrmCustomerSnapshot): CustomerSnapshot {
  const address = [customer.province, customer.city, customer.district, customer.address].filter((part) => part).join('') || null;
  return { customerId: customer.customerId, name: customer.name, address, ownerId: customer.ownerId, departmentId: customer.departmentId };
}

/**
 * Keeps each CRM customer's trading terms row in step with the customer: one handler
 * for the four types, so one customer's events apply in the order CRM emitted them.
 * `merged` is the merged-away customer's event: its terms and orders go to the survivor.
 */
@Injectable()
export class CustomerTerms {
  constructor(private readonly terms: TradingTermsService) {}

  @EventHandler(['crm.customer.created', 'crm.customer.changed', 'crm.customer.transferred', 'crm.customer.merged'], { name: 'erp.keep-trading-terms' })
  async onCustomer(event: CustomerEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case 'crm.customer.created':
      case 'crm.customer.changed':
        return this.terms.follow(manager, snapshotOf((event as EventEnvelope<'crm.customer.created'>).payload));
      case 'crm.customer.transferred': {
        const { customerId, toOwnerId, departmentId } = (event as EventEnvelope<'crm.customer.transferred'>).payload;
        return this.terms.transferred(manager, customerId, toOwnerId, departmentId);
      }
      case 'crm.customer.merged': {
        const { mergedId, survivor } = (event as EventEnvelope<'crm.customer.merged'>).payload;
        return this.terms.merged(manager, mergedId, snapshotOf(survivor));
      }
    }
  }
}
