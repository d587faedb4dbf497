import { dataOf } from '../request'
import { oaApi } from './client'
import type { CatalogueEntry, RoutePreview, SubmitRequest, SubmittedRequest } from './wire'

export type { CatalogueEntry, RouteApprover, RoutePreview, RouteStep, SubmitRequest, SubmittedRequest } from './wire'

/** The published types the caller may start, each with its published form. */
export async function fetchCatalogue(): Promise<CatalogueEntry[]> {
  return dataOf(await oaApi.GET('/api/v1/oa/catalogue'))
}

/** Who would approve, in order, for these values; nothing is saved. */
export async function previewRoute(body: SubmitRequest, signal?: AbortSignal): Promise<RoutePreview> {
  return dataOf(await oaApi.POST('/api/v1/oa/requests/preview-route', { body, ...(signal ? { signal } : {}) }))
}

/** Starts a request. Bad values answer 422 at `formData.<key>` / `formData.<table>[i].<col>`. */
export async function submitRequest(body: SubmitRequest): Promise<SubmittedRequest> {
  return dataOf(await oaApi.POST('/api/v1/oa/requests', { body }))
}
