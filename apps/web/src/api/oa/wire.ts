import type {
  OaApprovalMode,
  OaAttachmentRef,
  OaFormData,
  OaFormSchema,
  OaProcessDefinition,
} from '@zhongshu/contracts'

/**
 * The OA API's wire shapes, typed here from the contracts (`libs/contracts/src/oa`) until
 * the engine's routes are in `openapi/openapi.json`. Nothing outside `api/oa` and
 * `api/platform/attachments.ts` knows these paths or bodies: when the engine lands, `OaPaths`
 * becomes the generated `paths` and the compiler points at whatever differs.
 */

/** Who may start a request of a type: everyone, people in some departments (and below), or holders of some roles. */
export type OaAudience =
  | { kind: 'everyone' }
  | { kind: 'departments'; departmentIds: string[] }
  | { kind: 'roles'; roleCodes: string[] }

export type RequestTypeStatus = 'draft' | 'published' | 'archived'

/** A request type as its designer edits it: the draft, with the version a save must name. */
export interface RequestType {
  id: string
  code: string
  name: string
  category: string
  /** A name from the SPA's request-type icon registry. */
  icon: string | null
  description: string | null
  audience: OaAudience
  form: OaFormSchema
  process: OaProcessDefinition
  /** The draft's version (optimistic locking): a save or publish names the one it read. */
  version: number
  /** The latest published version number, null before the first publish. */
  publishedVersion: number | null
  status: RequestTypeStatus
  updatedAt: string
}

/** One line of the request-type list. */
export type RequestTypeSummary = Pick<
  RequestType,
  'id' | 'code' | 'name' | 'category' | 'icon' | 'description' | 'version' | 'publishedVersion' | 'status' | 'updatedAt'
>

export interface RequestTypePage {
  items: RequestTypeSummary[]
  total: number
}

export interface RequestTypeQuery {
  page?: number
  pageSize?: number
  search?: string
  status?: RequestTypeStatus
  sort?: string
}

export interface CreateRequestType {
  code: string
  name: string
  category: string
  icon?: string | null
  description?: string | null
}

/** A draft save: the version read, and whatever changed. */
export interface UpdateRequestType {
  version: number
  name?: string
  category?: string
  icon?: string | null
  description?: string | null
  audience?: OaAudience
  form?: OaFormSchema
  process?: OaProcessDefinition
}

export interface VersionBody {
  version: number
}

/** A published type the caller may start, with the form of its published version. */
export interface CatalogueEntry {
  id: string
  code: string
  name: string
  category: string
  icon: string | null
  description: string | null
  publishedVersion: number
  form: OaFormSchema
}

/** A submission, or the same for a preview of its route. */
export interface SubmitRequest {
  requestTypeId: string
  formData: OaFormData
  /** Approvers the applicant chose, per node whose rule lets the one before it choose. */
  chosenApproverIds?: Record<string, string[]>
}

export interface RouteApprover {
  id: string
  name: string
}

/** One node on the route a submission would take, in order. */
export interface RouteStep {
  nodeId: string
  name: string
  type: 'approval' | 'cc'
  approvers: RouteApprover[]
  mode?: OaApprovalMode
  /** True when the node would not run: nobody found and its rule says skip, or approved automatically. */
  skipped: boolean
  /** Why it is skipped, in the server's words. */
  reason?: string
  /** The applicant chooses this node's approvers when submitting (`chosenApproverIds[nodeId]`). */
  needsChoice: boolean
}

export interface RoutePreview {
  steps: RouteStep[]
}

export interface SubmittedRequest {
  id: string
  /** The human number (`OA-2026-000123`). */
  number?: string
}

type Json<T> = { content: { 'application/json': T } }
type Answer<T> = { headers: Record<string, unknown> } & Json<T>
type NoParameters = { query?: never; header?: never; path?: never; cookie?: never }
type IdPath = { query?: never; header?: never; path: { id: string }; cookie?: never }

/** The OA routes in the shape openapi-typescript generates, so the client's types work the same. */
export interface OaPaths {
  '/api/v1/oa/request-types': {
    parameters: NoParameters
    get: { parameters: { query?: RequestTypeQuery; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: { 200: Answer<RequestTypePage> } }
    post: { parameters: NoParameters; requestBody: Json<CreateRequestType>; responses: { 201: Answer<RequestType> } }
  }
  '/api/v1/oa/request-types/{id}': {
    parameters: NoParameters
    get: { parameters: IdPath; requestBody?: never; responses: { 200: Answer<RequestType> } }
    patch: { parameters: IdPath; requestBody: Json<UpdateRequestType>; responses: { 200: Answer<RequestType> } }
  }
  '/api/v1/oa/request-types/{id}/publish': {
    parameters: NoParameters
    post: { parameters: IdPath; requestBody: Json<VersionBody>; responses: { 200: Answer<RequestType> } }
  }
  '/api/v1/oa/request-types/{id}/archive': {
    parameters: NoParameters
    post: { parameters: IdPath; requestBody: Json<VersionBody>; responses: { 200: Answer<RequestType> } }
  }
  '/api/v1/oa/catalogue': {
    parameters: NoParameters
    get: { parameters: NoParameters; requestBody?: never; responses: { 200: Answer<CatalogueEntry[]> } }
  }
  '/api/v1/oa/requests/preview-route': {
    parameters: NoParameters
    post: { parameters: NoParameters; requestBody: Json<SubmitRequest>; responses: { 200: Answer<RoutePreview> } }
  }
  '/api/v1/oa/requests': {
    parameters: NoParameters
    post: { parameters: NoParameters; requestBody: Json<SubmitRequest>; responses: { 201: Answer<SubmittedRequest> } }
  }
  '/api/v1/platform/attachments': {
    parameters: NoParameters
    post: { parameters: NoParameters; requestBody: { content: { 'multipart/form-data': FormData } }; responses: { 201: Answer<OaAttachmentRef> } }
  }
}
