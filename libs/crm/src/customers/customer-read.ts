import { ReadModel } from '@zhongshu/platform';
import type { CustomerDto } from './customer.dto.js';

const TIMESTAMP = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Whose a customer is and its team: what data scope is decided on. */
export const CUSTOMER_SCOPE = { owner: 'customer.owner_id', department: 'customer.department_id' };

export const timestampText = TIMESTAMP;

/**
 * The customer list, the pool and a customer's card, read straight into the DTO.
 * `name` sorts in pinyin order (its collation); search runs on trigram indexes.
 * `ownerName` is filled from org's directory after the read.
 */
export const CUSTOMERS = new ReadModel<CustomerDto>({
  from: 'crm.customer customer',
  fields: {
    id: 'customer.id',
    name: 'customer.name',
    creditCode: 'customer.credit_code',
    level: 'customer.level',
    industry: 'customer.industry',
    source: 'customer.source',
    province: 'customer.province',
    city: 'customer.city',
    district: 'customer.district',
    address: 'customer.address',
    phone: 'customer.phone',
    email: 'customer.email',
    website: 'customer.website',
    remark: 'customer.remark',
    tags: 'customer.tags',
    ownerId: 'customer.owner_id',
    ownerName: 'NULL::text',
    departmentId: 'customer.department_id',
    inPool: '(customer.owner_id IS NULL)',
    lastFollowUpAt: TIMESTAMP('customer.last_follow_up_at'),
    nextFollowUpOn: 'customer.next_follow_up_on::text',
    poolEnteredAt: TIMESTAMP('customer.pool_entered_at'),
    openOpportunities: `(SELECT count(*)::int FROM crm.opportunity o WHERE o.customer_id = customer.id AND o.status = 'open')`,
    createdAt: TIMESTAMP('customer.created_at'),
    version: 'customer.version',
  },
  sortable: {
    name: 'customer.name',
    createdAt: 'customer.created_at',
    lastFollowUpAt: 'customer.last_follow_up_at',
    nextFollowUpOn: 'customer.next_follow_up_on',
    level: 'customer.level',
    poolEnteredAt: 'customer.pool_entered_at',
  },
  defaultSort: [{ column: 'customer.name', direction: 'ASC' }],
  key: 'customer.id',
});
