import { dataOf } from '../request'
import { oaApi } from './client'
import type { CreateRequestType, RequestType, RequestTypePage, RequestTypeQuery, UpdateRequestType } from './wire'

export type {
  CreateRequestType,
  OaAudience,
  RequestType,
  RequestTypePage,
  RequestTypeQuery,
  RequestTypeStatus,
  RequestTypeSummary,
  UpdateRequestType,
} from './wire'

export async function listRequestTypes(query: RequestTypeQuery = {}, signal?: AbortSignal): Promise<RequestTypePage> {
  return dataOf(await oaApi.GET('/api/v1/oa/request-types', { params: { query }, ...(signal ? { signal } : {}) }))
}

export async function fetchRequestType(id: string): Promise<RequestType> {
  return dataOf(await oaApi.GET('/api/v1/oa/request-types/{id}', { params: { path: { id } } }))
}

/** A new type starts as a draft with an empty form and a process of its start node alone. */
export async function createRequestType(body: CreateRequestType): Promise<RequestType> {
  return dataOf(await oaApi.POST('/api/v1/oa/request-types', { body }))
}

/** Saves the draft; a stale `version` answers 409 and changes nothing. */
export async function updateRequestType(id: string, body: UpdateRequestType): Promise<RequestType> {
  return dataOf(await oaApi.PATCH('/api/v1/oa/request-types/{id}', { params: { path: { id } }, body }))
}

/**
 * Publishes the draft as the next version. A design that cannot run answers 422 with
 * errors at `process.<nodeId>` and `form.<fieldKey>`.
 */
export async function publishRequestType(id: string, version: number): Promise<RequestType> {
  return dataOf(await oaApi.POST('/api/v1/oa/request-types/{id}/publish', { params: { path: { id } }, body: { version } }))
}

/** No new requests of an archived type; those running finish on their version. */
export async function archiveRequestType(id: string, version: number): Promise<RequestType> {
  return dataOf(await oaApi.POST('/api/v1/oa/request-types/{id}/archive', { params: { path: { id } }, body: { version } }))
}
