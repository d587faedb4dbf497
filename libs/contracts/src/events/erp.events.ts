import { declareEventTypes } from './event-catalogue.js';

/**
 * The events of the ERP context. Aggregate: the sales order; its id is the aggregate
 * id. An order belongs to one version of one CRM contract (`contractId`,
 * `contractVersion`): signing the contract again after a revision makes a new order.
 * Amounts are decimal strings.
 */

export type ErpSalesOrderStatus = 'pending_approval' | 'confirmed' | 'cancelled';

export interface ErpSalesOrderRef {
  orderId: string;
  /** 销售订单号, e.g. SO-2026-000012. */
  number: string;
  contractId: string;
  contractVersion: number;
  customerId: string;
}

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** A signed contract version became an order waiting for the contract's approval. */
    'erp.sales-order.created': { version: 1; payload: ErpSalesOrderRef & { status: 'pending_approval'; currency: string; totalExclTax: string; taxTotal: string; total: string; lineCount: number } };
    /** The contract was approved: the order stands. */
    'erp.sales-order.confirmed': { version: 1; payload: ErpSalesOrderRef & { total: string } };
    /** The contract was rejected, sent back for revision or terminated before approval. */
    'erp.sales-order.cancelled': { version: 1; payload: ErpSalesOrderRef & { reason: string } };
  }
}

declareEventTypes({
  'erp.sales-order.created': 1,
  'erp.sales-order.confirmed': 1,
  'erp.sales-order.cancelled': 1,
});
