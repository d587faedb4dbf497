import type { ErpSalesOrderStatus } from '@zhongshu/contracts';

/**
 * A sales order's life: made `pending_approval` when its contract version is signed,
 * `confirmed` when that version's review approves it, `cancelled` when the review does
 * not or the contract is terminated. Cancelled is final; a confirmed order is cancelled
 * only by terminating its contract.
 */
export const SALES_ORDER_TRANSITIONS: Readonly<Record<ErpSalesOrderStatus, readonly ErpSalesOrderStatus[]>> = {
  pending_approval: ['confirmed', 'cancelled'],
  confirmed: ['cancelled'],
  cancelled: [],
};

export function canConfirm(status: ErpSalesOrderStatus): boolean {
  return SALES_ORDER_TRANSITIONS[status].includes('confirmed');
}

/** `byTermination`: only terminating the contract cancels an order already confirmed. */
export function canCancel(status: ErpSalesOrderStatus, byTermination: boolean): boolean {
  if (status === 'confirmed') return byTermination;
  return SALES_ORDER_TRANSITIONS[status].includes('cancelled');
}
