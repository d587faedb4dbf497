import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type SalesOrder = components['schemas']['SalesOrderDto']
export type SalesOrderDetail = components['schemas']['SalesOrderDetailDto']
export type SalesOrderPage = components['schemas']['SalesOrderPageDto']
export type SalesOrderQuery = NonNullable<operations['SalesOrders_list']['parameters']['query']>
export type SalesOrderStatus = SalesOrder['status']

export const SALES_ORDER_STATUSES: readonly SalesOrderStatus[] = ['pending_approval', 'confirmed', 'cancelled']

/** Element Plus tag type of each state. */
export const SALES_ORDER_TAG: Record<SalesOrderStatus, 'warning' | 'success' | 'info'> = {
  pending_approval: 'warning',
  confirmed: 'success',
  cancelled: 'info',
}

export async function listSalesOrders(query: SalesOrderQuery = {}, signal?: AbortSignal): Promise<SalesOrderPage> {
  return dataOf(await api.GET('/api/v1/erp/sales-orders', { params: { query }, ...aborting(signal) }))
}

export async function fetchSalesOrder(id: string): Promise<SalesOrderDetail> {
  return dataOf(await api.GET('/api/v1/erp/sales-orders/{id}', { params: { path: { id } } }))
}
