import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmPermission } from '@zhongshu/contracts';
import { isInScope, type Principal } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { CrmPeople } from '../shared/crm-people.js';
import { companyNameKey, creditCodeProblem, emailDomain, normaliseCreditCode, phoneKey } from './customer-keys.js';
import type { DuplicateKey, DuplicateMatchDto, DuplicateResultDto } from './customer.dto.js';

export interface DuplicateProbe {
  name?: string | null;
  creditCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** The duplicate keys of a customer as stored. */
export interface CustomerKeys {
  nameKey: string | null;
  creditCode: string | null;
  phoneKey: string | null;
  emailDomain: string | null;
}

/** The stored keys of what was typed; a credit code that fails its checksum is refused here. */
export function keysOf(probe: DuplicateProbe, field = 'creditCode'): CustomerKeys {
  let creditCode: string | null = null;
  if (probe.creditCode) {
    creditCode = normaliseCreditCode(probe.creditCode);
    const problem = creditCodeProblem(creditCode);
    if (problem) throw new CrmError(CrmErrorCode.InvalidCreditCode, HttpStatus.UNPROCESSABLE_ENTITY, `The unified social credit code ${problem}`, [{ field, message: problem }]);
  }
  return { nameKey: probe.name ? companyNameKey(probe.name) : null, creditCode, phoneKey: phoneKey(probe.phone), emailDomain: emailDomain(probe.email) };
}

/**
 * Finds the active customers sharing a key with a probe, across the whole company
 * (a duplicate owned by another rep is exactly what must be caught), in one statement
 * answered by the keys' indexes.
 */
@Injectable()
export class CustomerDuplicates {
  constructor(private readonly people: CrmPeople) {}

  async find(manager: EntityManager, principal: Principal, keys: CustomerKeys, excludeId?: string): Promise<DuplicateResultDto> {
    if (!keys.nameKey && !keys.creditCode && !keys.phoneKey && !keys.emailDomain) return { matches: [], blocking: false };
    const rows: Array<{ id: string; name: string; owner_id: string | null; department_id: string; credit: boolean; named: boolean; phoned: boolean; mailed: boolean }> = await manager.query(
      `SELECT id, name, owner_id, department_id,
              credit_code = $1 AS credit, name_key = $2 AS named, phone_key = $3 AS phoned, email_domain = $4 AS mailed
         FROM crm.customer
        WHERE status = 'active' AND id IS DISTINCT FROM $5::uuid
          AND (credit_code = $1 OR name_key = $2 OR phone_key = $3 OR email_domain = $4)
        ORDER BY (credit_code = $1) DESC NULLS LAST, name
        LIMIT 20`,
      [keys.creditCode, keys.nameKey, keys.phoneKey, keys.emailDomain, excludeId ?? null],
    );
    const names = await this.people.names(rows.map((row) => row.owner_id));
    const matches: DuplicateMatchDto[] = rows.map((row) => {
      const matchedOn: DuplicateKey[] = [];
      if (row.credit) matchedOn.push('creditCode');
      if (row.named) matchedOn.push('name');
      if (row.phoned) matchedOn.push('phone');
      if (row.mailed) matchedOn.push('emailDomain');
      return {
        customerId: row.id,
        name: row.name,
        ownerId: row.owner_id,
        ownerName: row.owner_id ? (names.get(row.owner_id) ?? null) : null,
        inPool: row.owner_id === null,
        matchedOn,
        visible: row.owner_id === null || isInScope(principal, CrmPermission.CustomerRead, { ownerId: row.owner_id, departmentId: row.department_id }),
      };
    });
    return { matches, blocking: matches.some((match) => match.matchedOn.includes('creditCode')) };
  }

  /**
   * Refuses a save that duplicates another customer: always on the credit code, on the
   * other keys unless the person saw the matches and chose to save anyway.
   */
  async refuse(manager: EntityManager, principal: Principal, keys: CustomerKeys, allowDuplicates: boolean, excludeId?: string): Promise<void> {
    const result = await this.find(manager, principal, keys, excludeId);
    const refused = result.matches.filter((match) => match.matchedOn.includes('creditCode') || !allowDuplicates);
    if (refused.length === 0) return;
    const fieldOf: Record<DuplicateKey, string> = { creditCode: 'creditCode', name: 'name', phone: 'phone', emailDomain: 'email' };
    throw new CrmError(
      CrmErrorCode.DuplicateCustomer,
      HttpStatus.CONFLICT,
      `This customer looks like ${refused.map((match) => `「${match.name}」`).join(', ')}${result.blocking ? ': the unified social credit code is already registered' : '; check the matches, then save anyway if it is a different company'}`,
      refused.flatMap((match) => match.matchedOn.filter((key) => key === 'creditCode' || !allowDuplicates).map((key) => ({ field: fieldOf[key], message: `matches ${match.name} (${match.customerId})` }))),
    );
  }
}
