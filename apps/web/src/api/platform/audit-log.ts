import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type AuditEntry = components['schemas']['AuditLogEntryDto']
export type AuditPage = components['schemas']['AuditLogPageDto']
export type AuditQuery = NonNullable<operations['AuditLog_search']['parameters']['query']>

/** `signal` lets the list drop a search that a newer one has replaced. */
export async function searchAuditLog(query: AuditQuery = {}, signal?: AbortSignal): Promise<AuditPage> {
  return dataOf(await api.GET('/api/v1/platform/audit-log', { params: { query }, ...aborting(signal) }))
}
