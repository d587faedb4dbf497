import type { CrmCustomerChangedField, CrmCustomerSnapshot } from '@zhongshu/contracts';
import type { Customer } from './customer.entity.js';

export function customerSnapshot(customer: Customer): CrmCustomerSnapshot {
  return {
    customerId: customer.id,
    name: customer.name,
    creditCode: customer.creditCode,
    level: customer.level,
    industry: customer.industry,
    province: customer.province,
    city: customer.city,
    district: customer.district,
    address: customer.address,
    phone: customer.phone,
    email: customer.email,
    tags: [...customer.tags],
    ownerId: customer.ownerId,
    departmentId: customer.departmentId,
  };
}

const SNAPSHOT_FIELDS: CrmCustomerChangedField[] = ['name', 'creditCode', 'level', 'industry', 'province', 'city', 'district', 'address', 'phone', 'email', 'tags', 'departmentId'];

/** The snapshot fields that differ between two states of a customer. */
export function changedFields(before: CrmCustomerSnapshot, after: CrmCustomerSnapshot): CrmCustomerChangedField[] {
  return SNAPSHOT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
