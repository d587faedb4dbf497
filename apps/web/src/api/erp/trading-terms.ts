import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type TradingTerms = components['schemas']['TradingTermsDto']
export type TradingTermsPage = components['schemas']['TradingTermsPageDto']
export type TradingTermsQuery = NonNullable<operations['TradingTerms_list']['parameters']['query']>
export type UpdateTradingTerms = components['schemas']['UpdateTradingTermsDto']
export type PaymentTerms = TradingTerms['paymentTerms']

export const PAYMENT_TERMS: readonly PaymentTerms[] = ['prepaid', 'on-delivery', 'net-30', 'net-60', 'net-90']

export async function listTradingTerms(query: TradingTermsQuery = {}, signal?: AbortSignal): Promise<TradingTermsPage> {
  return dataOf(await api.GET('/api/v1/erp/trading-terms', { params: { query }, ...aborting(signal) }))
}

export async function fetchTradingTerms(customerId: string): Promise<TradingTerms> {
  return dataOf(await api.GET('/api/v1/erp/trading-terms/{customerId}', { params: { path: { customerId } } }))
}

export async function updateTradingTerms(customerId: string, body: UpdateTradingTerms): Promise<TradingTerms> {
  return dataOf(await api.PATCH('/api/v1/erp/trading-terms/{customerId}', { params: { path: { customerId } }, body }))
}
