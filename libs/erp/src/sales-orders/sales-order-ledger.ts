import { Injectable } from '@nestjs/common';
import type { SalesOrderLedger, SalesOrderSummary } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, sql } from '@zhongshu/platform';
import { iso } from './sales-orders.service.js';

const SUMMARIES = new ReadModel<SalesOrderSummary>({
  from: 'erp.sales_order o',
  fields: {
    orderId: 'o.id',
    number: 'o.number',
    contractId: 'o.contract_id',
    contractVersion: 'o.contract_version',
    status: 'o.status',
    currency: 'o.currency',
    total: 'o.total::text',
    overCreditLimit: 'o.over_credit_limit',
    createdAt: iso('o.created_at'),
    confirmedAt: iso('o.confirmed_at'),
    cancelledAt: iso('o.cancelled_at'),
    cancelReason: 'o.cancel_reason',
  },
  sortable: {},
  defaultSort: [{ column: 'o.contract_version', direction: 'ASC' }],
  key: 'o.id',
});

/** The SALES_ORDER_LEDGER port: on the caller's connection, read only. The caller decides who may see the contract. */
@Injectable()
export class ErpSalesOrderLedger implements SalesOrderLedger {
  constructor(private readonly uow: UnitOfWork) {}

  ordersOfContract(contractId: string): Promise<SalesOrderSummary[]> {
    return SUMMARIES.list(this.uow.manager, [sql`o.contract_id = ${contractId}`]);
  }
}
