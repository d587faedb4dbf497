import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { ORG_DIRECTORY, type CrmContractSignedPayload, type ErpSalesOrderStatus, type EventEnvelope, type OrgDirectory } from '@zhongshu/contracts';
import { APP_CONFIG, EventBus, EventHandler, newId, type AppConfig } from '@zhongshu/platform';
import { TradingTermsService } from '../trading-terms/trading-terms.service.js';
import { canCancel, canConfirm } from './sales-order-status.js';

type ContractEvent = EventEnvelope<'crm.contract.signed' | 'crm.contract.approved' | 'crm.contract.revision-requested' | 'crm.contract.terminated'>;

interface OrderRow {
  id: string;
  number: string;
  contract_id: string;
  contract_version: number;
  customer_id: string;
  status: ErpSalesOrderStatus;
  total: string;
}

/**
 * ERP follows the contract: a signed version becomes a sales order waiting for the
 * contract's review, the review's outcome confirms or cancels it, a termination cancels
 * what is left. One handler for all four types, so the bus hands it one contract's
 * events in the order CRM emitted them (order is kept per aggregate and handler). The
 * outcome of the review reaches ERP through CRM's contract events rather than OA's
 * `oa.approval.completed`: OA's event belongs to the approval, another aggregate, whose
 * order against the signing the bus does not keep. A repeated event changes nothing:
 * the bus applies it once, and each change here is conditional on the state it expects.
 */
@Injectable()
export class ContractOrders {
  constructor(
    private readonly events: EventBus,
    private readonly terms: TradingTermsService,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @EventHandler(['crm.contract.signed', 'crm.contract.approved', 'crm.contract.revision-requested', 'crm.contract.terminated'], { name: 'erp.follow-contract' })
  async onContract(event: ContractEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case 'crm.contract.signed':
        return this.open((event as EventEnvelope<'crm.contract.signed'>).payload, manager);
      case 'crm.contract.approved': {
        const { contractId, version, approvalId } = (event as EventEnvelope<'crm.contract.approved'>).payload;
        return this.confirm(manager, contractId, version, approvalId);
      }
      case 'crm.contract.revision-requested': {
        const { contractId, version, approvalId, outcome, comment } = (event as EventEnvelope<'crm.contract.revision-requested'>).payload;
        return this.cancel(manager, contractId, version, `contract review ${outcome}${comment ? `: ${comment}` : ''}`, false, approvalId);
      }
      case 'crm.contract.terminated': {
        const { contractId, reason } = (event as EventEnvelope<'crm.contract.terminated'>).payload;
        return this.cancel(manager, contractId, null, `contract terminated: ${reason}`, true, null);
      }
    }
  }

  /** One order per signed version: a second delivery finds it and makes none. */
  private async open(contract: CrmContractSignedPayload, manager: EntityManager): Promise<void> {
    const terms = await this.terms.ensureFor(manager, { customerId: contract.customer.customerId, name: contract.customer.name, address: contract.customer.address, ownerId: contract.ownerId, departmentId: contract.departmentId });
    // An earlier version still waiting (signed again without its review ending) gives way to this one.
    for (const earlier of await this.orders(manager, contract.contractId)) {
      if (earlier.contract_version < contract.version && earlier.status === 'pending_approval') {
        await this.setCancelled(manager, earlier, `superseded by contract version ${contract.version}`);
      }
    }
    const [open]: Array<{ total: string }> = await manager.query(
      `SELECT coalesce(sum(total), 0)::text AS total FROM erp.sales_order WHERE customer_id = $1 AND status IN ('pending_approval', 'confirmed')`,
      [contract.customer.customerId],
    );
    const creditLimit = new Decimal(terms.creditLimit);
    const overCreditLimit = creditLimit.gt(0) && new Decimal(open.total).plus(contract.total).gt(creditLimit);
    const [owner] = await this.directory.people([contract.ownerId]);
    const signedAt = new Date(contract.signedAt);
    const orderedOn = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(signedAt);
    const id = newId();
    const inserted: Array<{ number: string }> = await manager.query(
      `INSERT INTO erp.sales_order (id, number, contract_id, contract_number, contract_version, customer_id, customer_name, owner_id, owner_name, department_id, status,
                                    currency, total_excl_tax, tax_total, total, bill_to, ship_to, payment_terms, credit_limit, over_credit_limit, ordered_on, delivery_on)
       SELECT $1, 'SO-' || $2::text || '-' || lpad(nextval('erp.sales_order_number_seq')::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, $10, 'pending_approval',
              $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21
       ON CONFLICT (contract_id, contract_version) DO NOTHING RETURNING number`,
      [
        id,
        orderedOn.slice(0, 4),
        contract.contractId,
        contract.number,
        contract.version,
        contract.customer.customerId,
        contract.customer.name,
        contract.ownerId,
        owner?.name ?? contract.ownerId,
        contract.departmentId,
        contract.currency,
        contract.totalExclTax,
        contract.taxTotal,
        contract.total,
        terms.billTo ?? contract.customer.name,
        terms.shipTo ?? contract.customer.address,
        contract.paymentTerms ?? terms.paymentTerms,
        terms.creditLimit,
        overCreditLimit,
        orderedOn,
        contract.endDate,
      ],
    );
    if (inserted.length === 0) return;
    for (const line of contract.lines) {
      await manager.query(
        `INSERT INTO erp.sales_order_line (id, order_id, line_no, product_id, product_code, product_name, unit, quantity, unit_price, discount_rate, tax_rate, amount_excl_tax, tax_amount, amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [newId(), id, line.lineNo, line.productId, line.productCode, line.productName, line.unit, line.quantity, line.unitPrice, line.discountRate, line.taxRate, line.amountExclTax, line.taxAmount, line.amount],
      );
    }
    await this.events.emit('erp.sales-order.created', id, {
      orderId: id,
      number: inserted[0].number,
      contractId: contract.contractId,
      contractVersion: contract.version,
      customerId: contract.customer.customerId,
      status: 'pending_approval',
      currency: contract.currency,
      totalExclTax: contract.totalExclTax,
      taxTotal: contract.taxTotal,
      total: contract.total,
      lineCount: contract.lines.length,
    });
  }

  private async confirm(manager: EntityManager, contractId: string, version: number, approvalId: string): Promise<void> {
    const order = (await this.orders(manager, contractId)).find((candidate) => candidate.contract_version === version);
    if (!order || !canConfirm(order.status)) return;
    await manager.query(`UPDATE erp.sales_order SET status = 'confirmed', confirmed_at = now(), approval_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [order.id, approvalId]);
    await this.events.emit('erp.sales-order.confirmed', order.id, { ...this.ref(order), total: order.total });
  }

  /** `version` null: every order of the contract that may still be cancelled. */
  private async cancel(manager: EntityManager, contractId: string, version: number | null, reason: string, byTermination: boolean, approvalId: string | null): Promise<void> {
    for (const order of await this.orders(manager, contractId)) {
      if (version !== null && order.contract_version !== version) continue;
      if (!canCancel(order.status, byTermination)) continue;
      await this.setCancelled(manager, order, reason, approvalId);
    }
  }

  private async setCancelled(manager: EntityManager, order: OrderRow, reason: string, approvalId: string | null = null): Promise<void> {
    await manager.query(
      `UPDATE erp.sales_order SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2, approval_id = coalesce($3, approval_id), version = version + 1, updated_at = now() WHERE id = $1`,
      [order.id, reason.slice(0, 500), approvalId],
    );
    await this.events.emit('erp.sales-order.cancelled', order.id, { ...this.ref(order), reason });
  }

  /** The contract's orders, locked: the handler is their only writer, the lock makes that hold anyway. */
  private orders(manager: EntityManager, contractId: string): Promise<OrderRow[]> {
    return manager.query(
      `SELECT id, number, contract_id, contract_version, customer_id, status, total::text AS total FROM erp.sales_order WHERE contract_id = $1 ORDER BY contract_version FOR UPDATE`,
      [contractId],
    );
  }

  private ref(order: OrderRow) {
    return { orderId: order.id, number: order.number, contractId: order.contract_id, contractVersion: order.contract_version, customerId: order.customer_id };
  }
}
