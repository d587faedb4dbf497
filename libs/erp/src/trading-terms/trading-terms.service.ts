import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErpPermission, type Page } from '@zhongshu/contracts';
import { PlatformError, ReadModel, UnitOfWork, containsText, scopeCondition, sql, type Principal } from '@zhongshu/platform';
import { ErpError } from '../erp-error.js';
import { iso } from '../sales-orders/sales-orders.service.js';
import type { PaymentTerms, TradingTermsDto, TradingTermsQueryDto, UpdateTradingTermsDto } from './trading-terms.dto.js';

const SCOPE = { owner: 'terms.owner_id', department: 'terms.department_id' };

const TERMS = new ReadModel<TradingTermsDto>({
  from: 'erp.trading_terms terms',
  fields: {
    customerId: 'terms.id',
    customerName: 'terms.customer_name',
    customerAddress: 'terms.customer_address',
    ownerId: 'terms.owner_id',
    billTo: 'terms.bill_to',
    shipTo: 'terms.ship_to',
    paymentTerms: 'terms.payment_terms',
    creditLimit: 'terms.credit_limit::text',
    openOrders: `(SELECT coalesce(sum(o.total), 0)::text FROM erp.sales_order o WHERE o.customer_id = terms.id AND o.status IN ('pending_approval', 'confirmed'))`,
    updatedAt: iso('terms.updated_at'),
    version: 'terms.version',
  },
  sortable: { customerName: 'terms.customer_name', creditLimit: 'terms.credit_limit', updatedAt: 'terms.updated_at' },
  defaultSort: [{ column: 'terms.customer_name', direction: 'ASC' }],
  key: 'terms.id',
});

/** What ERP keeps of a CRM customer: the snapshot CRM's events carry. */
export interface CustomerSnapshot {
  customerId: string;
  name: string;
  address: string | null;
  ownerId: string | null;
  departmentId: string;
}

export interface EffectiveTerms {
  billTo: string | null;
  shipTo: string | null;
  paymentTerms: PaymentTerms;
  creditLimit: string;
}

/**
 * A customer's trading terms (交易条件), keyed by CRM's customer id: there is no second
 * customer table. The row appears with CRM's `crm.customer.created` (or with the
 * customer's first order, whichever comes first), follows its name, address and owner,
 * and what ERP's users set (bill-to, ship-to, payment terms, credit limit) is theirs.
 */
@Injectable()
export class TradingTermsService {
  constructor(private readonly uow: UnitOfWork) {}

  list(principal: Principal, query: TradingTermsQueryDto): Promise<Page<TradingTermsDto>> {
    const where = [scopeCondition(principal, ErpPermission.TradingTermsRead, SCOPE), sql`terms.merged_into IS NULL`];
    if (query.search) where.push(containsText(['terms.customer_name'], query.search));
    return TERMS.page(this.uow.manager, where, query);
  }

  async read(principal: Principal, customerId: string, permission: typeof ErpPermission.TradingTermsRead | typeof ErpPermission.TradingTermsUpdate = ErpPermission.TradingTermsRead): Promise<TradingTermsDto> {
    const terms = await TERMS.one(this.uow.manager, [sql`terms.id = ${customerId}`, sql`terms.merged_into IS NULL`, scopeCondition(principal, permission, SCOPE)]);
    if (!terms) throw ErpError.notFound('Trading terms of customer', customerId);
    return terms;
  }

  async update(principal: Principal, customerId: string, change: UpdateTradingTermsDto): Promise<TradingTermsDto> {
    return this.uow.run(async (manager) => {
      const current = await this.read(principal, customerId, ErpPermission.TradingTermsUpdate);
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [updated]: [unknown[], number] = await manager.query(
        `UPDATE erp.trading_terms SET
           bill_to = CASE WHEN $3 THEN $4 ELSE bill_to END,
           ship_to = CASE WHEN $5 THEN $6 ELSE ship_to END,
           payment_terms = coalesce($7, payment_terms),
           credit_limit = coalesce($8::numeric, credit_limit),
           version = version + 1, updated_at = now(), updated_by = $9
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          customerId,
          change.version,
          change.billTo !== undefined,
          change.billTo?.trim() || null,
          change.shipTo !== undefined,
          change.shipTo?.trim() || null,
          change.paymentTerms ?? null,
          change.creditLimit ?? null,
          principal.userId,
        ],
      );
      if (updated.length === 0) throw PlatformError.versionConflict('Trading terms', customerId, change.version, current.version);
      return this.read(principal, customerId, ErpPermission.TradingTermsUpdate);
    });
  }

  /** The customer's terms, made with the defaults when ERP has not heard of the customer yet. */
  async ensureFor(manager: EntityManager, customer: CustomerSnapshot): Promise<EffectiveTerms> {
    await manager.query(
      `INSERT INTO erp.trading_terms (id, customer_name, customer_address, owner_id, department_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [customer.customerId, customer.name, customer.address, customer.ownerId, customer.departmentId],
    );
    const [row] = await manager.query(
      `SELECT bill_to AS "billTo", ship_to AS "shipTo", payment_terms AS "paymentTerms", credit_limit::text AS "creditLimit" FROM erp.trading_terms WHERE id = $1`,
      [customer.customerId],
    );
    return row as EffectiveTerms;
  }

  /** CRM's snapshot changed (name, address, owner, team): ERP's own settings stay. */
  async follow(manager: EntityManager, customer: CustomerSnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO erp.trading_terms (id, customer_name, customer_address, owner_id, department_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET customer_name = EXCLUDED.customer_name, customer_address = EXCLUDED.customer_address, owner_id = EXCLUDED.owner_id,
         department_id = EXCLUDED.department_id, version = erp.trading_terms.version + 1, updated_at = now()
       WHERE (erp.trading_terms.customer_name, erp.trading_terms.customer_address, erp.trading_terms.owner_id, erp.trading_terms.department_id)
             IS DISTINCT FROM (EXCLUDED.customer_name, EXCLUDED.customer_address, EXCLUDED.owner_id, EXCLUDED.department_id)`,
      [customer.customerId, customer.name, customer.address, customer.ownerId, customer.departmentId],
    );
  }

  async transferred(manager: EntityManager, customerId: string, ownerId: string | null, departmentId: string): Promise<void> {
    await manager.query(
      `UPDATE erp.trading_terms SET owner_id = $2, department_id = $3, version = version + 1, updated_at = now() WHERE id = $1 AND (owner_id, department_id) IS DISTINCT FROM ($2::uuid, $3::uuid)`,
      [customerId, ownerId, departmentId],
    );
  }

  /**
   * `mergedId` now is `survivorId`: its orders move to the survivor, and so do its terms
   * where the survivor has none of its own (else the survivor's stand and the merged
   * customer's row is kept, marked, for the audit trail).
   */
  async merged(manager: EntityManager, mergedId: string, survivor: CustomerSnapshot): Promise<void> {
    await this.follow(manager, survivor);
    const [merged] = await manager.query('SELECT bill_to, ship_to, payment_terms, credit_limit::text AS credit_limit, version FROM erp.trading_terms WHERE id = $1', [mergedId]);
    const [kept] = await manager.query(
      `SELECT (bill_to IS NULL AND ship_to IS NULL AND payment_terms = 'net-30' AND credit_limit = 0) AS untouched FROM erp.trading_terms WHERE id = $1`,
      [survivor.customerId],
    );
    if (merged && kept?.untouched) {
      await manager.query(
        `UPDATE erp.trading_terms SET bill_to = $2, ship_to = $3, payment_terms = $4, credit_limit = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [survivor.customerId, merged.bill_to, merged.ship_to, merged.payment_terms, merged.credit_limit],
      );
    }
    await manager.query(`UPDATE erp.trading_terms SET merged_into = $2, version = version + 1, updated_at = now() WHERE id = $1 AND merged_into IS DISTINCT FROM $2`, [mergedId, survivor.customerId]);
    await manager.query(`UPDATE erp.sales_order SET customer_id = $2, customer_name = $3, version = version + 1, updated_at = now() WHERE customer_id = $1`, [mergedId, survivor.customerId, survivor.name]);
  }
}
