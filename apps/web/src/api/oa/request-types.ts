import type { OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts'
import { aborting, api, dataOf } from '../request'
import type {
  Availability,
  CreateRequestType,
  OaAudience,
  RequestType,
  RequestTypePage,
  RequestTypeQuery,
  RequestTypeStatus,
  RequestTypeSummary,
  RequestTypeSummaryWire,
  RequestTypeWire,
  UpdateRequestType,
} from './wire'

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

/** The server's `active` is a draft until it is first published. */
export function typeStatus(wire: Pick<RequestTypeSummaryWire, 'status' | 'publishedVersion'>): RequestTypeStatus {
  if (wire.status === 'archived') return 'archived'
  return wire.publishedVersion === null ? 'draft' : 'published'
}

/** The server's availability as the audience editor shows it: one of everyone, departments or roles. */
export function audienceOf(availability: Availability): OaAudience {
  if (availability.everyone) return { kind: 'everyone' }
  if (availability.roleCodes.length > 0 && availability.departmentIds.length === 0) return { kind: 'roles', roleCodes: [...availability.roleCodes] }
  return { kind: 'departments', departmentIds: [...availability.departmentIds] }
}

export function availabilityOf(audience: OaAudience): Availability {
  if (audience.kind === 'everyone') return { everyone: true, departmentIds: [], roleCodes: [] }
  if (audience.kind === 'roles') return { everyone: false, departmentIds: [], roleCodes: audience.roleCodes }
  return { everyone: false, departmentIds: audience.departmentIds, roleCodes: [] }
}

function fromWire(wire: RequestTypeWire): RequestType {
  const { availableTo, form, process, status, ...rest } = wire
  return {
    ...rest,
    audience: audienceOf(availableTo),
    form: form as unknown as OaFormSchema,
    process: process as unknown as OaProcessDefinition,
    status: typeStatus({ status, publishedVersion: wire.publishedVersion }),
  }
}

const SORTABLE: Record<string, (type: RequestTypeSummary) => string> = {
  name: (type) => type.name,
  code: (type) => type.code,
  updatedAt: (type) => type.updatedAt,
}

/**
 * The request types, searched, filtered, sorted and paged here: the server answers the
 * whole catalogue (a company has tens of types, not thousands).
 */
export async function listRequestTypes(query: RequestTypeQuery = {}, signal?: AbortSignal): Promise<RequestTypePage> {
  const all = dataOf(await api.GET('/api/v1/oa/request-types', aborting(signal))).map(
    (wire): RequestTypeSummary => ({ ...wire, status: typeStatus(wire) }),
  )
  const search = query.search?.trim().toLowerCase() ?? ''
  let items = all.filter(
    (type) =>
      (search === '' || [type.name, type.code, type.category].some((value) => value.toLowerCase().includes(search))) &&
      (query.status === undefined || type.status === query.status),
  )
  const [, descending, key] = /^(-?)(\w+)$/.exec(query.sort ?? '') ?? []
  const by = key ? SORTABLE[key] : undefined
  if (by) items = [...items].sort((a, b) => by(a).localeCompare(by(b), 'zh-CN') * (descending ? -1 : 1))
  const pageSize = query.pageSize ?? 20
  const page = query.page ?? 1
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length }
}

export async function fetchRequestType(id: string): Promise<RequestType> {
  return fromWire(dataOf(await api.GET('/api/v1/oa/request-types/{id}', { params: { path: { id } } })))
}

/** A new type starts as a draft with an empty form and a process of its start node alone. */
export async function createRequestType(body: CreateRequestType): Promise<RequestType> {
  return fromWire(dataOf(await api.POST('/api/v1/oa/request-types', { body })))
}

/** Saves the draft; a stale `version` answers 409 and changes nothing. */
export async function updateRequestType(id: string, body: UpdateRequestType): Promise<RequestType> {
  const { audience, form, process, ...rest } = body
  const wire = {
    ...rest,
    ...(audience ? { availableTo: availabilityOf(audience) } : {}),
    ...(form ? { form: form as unknown as Record<string, unknown> } : {}),
    ...(process ? { process: process as unknown as Record<string, unknown> } : {}),
  }
  return fromWire(dataOf(await api.PATCH('/api/v1/oa/request-types/{id}', { params: { path: { id } }, body: wire })))
}

/**
 * Publishes the draft as the next version. A design that cannot run answers 422 with
 * errors at `process.<nodeId>` and `form.<fieldKey>`.
 */
export async function publishRequestType(id: string, version: number): Promise<RequestType> {
  return fromWire(dataOf(await api.POST('/api/v1/oa/request-types/{id}/publish', { params: { path: { id } }, body: { version } })))
}

/** No new requests of an archived type; those running finish on their version. */
export async function archiveRequestType(id: string, version: number): Promise<RequestType> {
  return fromWire(dataOf(await api.POST('/api/v1/oa/request-types/{id}/archive', { params: { path: { id } }, body: { version } })))
}
