import type { ErpSalesOrderStatus } from '../events/erp.events.js';

/**
 * The ERP context's query port for its sales orders, for the contexts that show a deal
 * as one thread (CRM's contract page). Like every port it answers on the caller's
 * transaction connection and does not write (see `org-directory.ts`).
 */
export interface SalesOrderSummary {
  orderId: string;
  number: string;
  contractId: string;
  contractVersion: number;
  status: ErpSalesOrderStatus;
  currency: string;
  total: string;
  overCreditLimit: boolean;
  /** ISO 8601. */
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface SalesOrderLedger {
  /** Every order made for the contract, oldest version first. */
  ordersOfContract(contractId: string): Promise<SalesOrderSummary[]>;
}

export const SALES_ORDER_LEDGER = Symbol.for('zhongshu.sales-order-ledger');
