import { declareEventTypes } from './event-catalogue.js';

/**
 * The events of the CRM context. The customer is the one identity every context uses:
 * ERP and MES refer to it by id and keep the snapshot these events carry. Aggregate ids:
 * the customer's id for `crm.customer.*` (for `merged`, the customer that was merged
 * away, so the event follows that customer's earlier events), the opportunity's for
 * `crm.opportunity.*`, the lead's for `crm.lead.*`.
 */

/** Everything another context keeps of a customer, as it stands after the change. */
export interface CrmCustomerSnapshot {
  customerId: string;
  name: string;
  /** 统一社会信用代码 (18 characters, checksum valid), when known. */
  creditCode: string | null;
  level: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  tags: string[];
  /** null while the customer is in the shared pool (公海). */
  ownerId: string | null;
  /** The owning team (department). */
  departmentId: string;
}

/** The fields `crm.customer.changed` reports as changed. */
export type CrmCustomerChangedField = 'name' | 'creditCode' | 'level' | 'industry' | 'province' | 'city' | 'district' | 'address' | 'phone' | 'email' | 'tags' | 'departmentId';

/** Why a customer's owner changed. */
export type CrmOwnerChangeReason = 'transfer' | 'claim' | 'pool-return' | 'pool-rule' | 'merge';

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** Created by hand, by an import, or by converting a lead. */
    'crm.customer.created': { version: 1; payload: CrmCustomerSnapshot };
    /** Something of the snapshot other than the owner changed; `changed` names what. */
    'crm.customer.changed': { version: 1; payload: CrmCustomerSnapshot & { changed: CrmCustomerChangedField[] } };
    /**
     * The owner changed: transferred by a manager, claimed from the pool, returned to it
     * by hand or by the pool rules (`toOwnerId` null).
     */
    'crm.customer.transferred': {
      version: 1;
      payload: { customerId: string; fromOwnerId: string | null; toOwnerId: string | null; departmentId: string; kind: CrmOwnerChangeReason; reason: string | null };
    };
    /**
     * `mergedId` was merged into `survivorId` and no longer exists on its own: whatever
     * another context holds for `mergedId` now belongs to `survivorId`.
     */
    'crm.customer.merged': { version: 1; payload: { mergedId: string; survivorId: string; survivor: CrmCustomerSnapshot } };
    /** A lead became a customer (new or existing), with a contact and an opportunity when made. */
    'crm.lead.converted': { version: 1; payload: { leadId: string; customerId: string; contactId: string | null; opportunityId: string | null; newCustomer: boolean } };
    /** Won: the amount is a decimal string. */
    'crm.opportunity.won': { version: 1; payload: { opportunityId: string; customerId: string; ownerId: string; amount: string; currency: string; reason: string | null } };
    'crm.opportunity.lost': { version: 1; payload: { opportunityId: string; customerId: string; ownerId: string; amount: string; currency: string; reason: string } };
  }
}

declareEventTypes({
  'crm.customer.created': 1,
  'crm.customer.changed': 1,
  'crm.customer.transferred': 1,
  'crm.customer.merged': 1,
  'crm.lead.converted': 1,
  'crm.opportunity.won': 1,
  'crm.opportunity.lost': 1,
});
