import type { OaApprovalMode, OaFormData, OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts'
import type { components, operations } from '../schema'

/**
 * The OA API as the SPA uses it. The wire shapes are the generated ones
 * (`api/schema.d.ts`, from the controllers in `libs/oa`); where the document can only say
 * "an object" (a form, a process) the contracts' types (`libs/contracts/src/oa`) say
 * what it holds. A few shapes are adapted for the pages in this folder and nowhere
 * else: the request type's availability as an audience, its state as draft / published /
 * archived, the catalogue as one list, the route preview as steps.
 */
type Schemas = components['schemas']

// ---------------------------------------------------------------- request types

/** Who may start a request of a type: everyone, people in some departments (and below), or holders of some roles. */
export type OaAudience =
  | { kind: 'everyone' }
  | { kind: 'departments'; departmentIds: string[] }
  | { kind: 'roles'; roleCodes: string[] }

/** A type never published is a draft; the server's `active` with a published version is published. */
export type RequestTypeStatus = 'draft' | 'published' | 'archived'

export type RequestTypeWire = Schemas['RequestTypeDto']
export type RequestTypeSummaryWire = Schemas['RequestTypeSummaryDto']
export type Availability = Schemas['AvailabilityDto']

/** A request type as its designer edits it: the draft, with the version a save must name. */
export type RequestType = Omit<RequestTypeWire, 'availableTo' | 'form' | 'process' | 'status'> & {
  audience: OaAudience
  form: OaFormSchema
  process: OaProcessDefinition
  status: RequestTypeStatus
}

/** One line of the request-type list. */
export type RequestTypeSummary = Omit<RequestTypeSummaryWire, 'status'> & {
  status: RequestTypeStatus
}

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

// ---------------------------------------------------------------- catalogue and submitting

/** A published type the caller may start. */
export type CatalogueEntry = Schemas['CatalogueEntryDto'] & {
  category: string
}

/** A type ready to submit: its catalogue entry with the form of its published version. */
export type SubmittableType = CatalogueEntry & {
  versionNo: number
  form: OaFormSchema
}

/** A submission, or the same for a preview of its route. */
export interface SubmitRequest {
  requestTypeId: string
  formData: OaFormData
  /** The approvers the applicant chose for the first node whose rule lets the one before it choose. */
  chosenApproverIds?: string[]
  title?: string
}

export type PersonName = Schemas['PersonNameDto']
export type RouteApprover = PersonName
export type RouteBranch = Schemas['RouteBranchDto']

/** One node on the route a submission would take, in order (the start node left out). */
export interface RouteStep {
  nodeId: string
  name: string
  type: 'approval' | 'cc'
  approvers: RouteApprover[]
  mode?: OaApprovalMode
  /** Nobody found and the node's rule says skip. */
  skipped: boolean
  /** Nobody found and the process admin takes it. */
  toAdmin: boolean
  /** The applicant chooses this node's approvers when submitting (`chosenApproverIds`). */
  needsChoice: boolean
  /** The approver before this node chooses its approvers when approving. */
  chosenLater: boolean
  branch?: RouteBranch
}

export interface RoutePreview {
  steps: RouteStep[]
}

export type RequestState = Schemas['RequestStateDto']
export type RequestStatus = RequestState['status']

// ---------------------------------------------------------------- inbox and the request page

export type RequestListItem = Schemas['RequestListItemDto']
export type RequestPage = Schemas['RequestPageDto']
export type RequestListQuery = NonNullable<operations['Requests_list']['parameters']['query']>
export type TaskListItem = Schemas['TaskListItemDto']
export type TaskPage = Schemas['TaskPageDto']
export type TaskListQuery = NonNullable<operations['Tasks_list']['parameters']['query']>
export type InboxCounts = Schemas['InboxCountsDto']

export type RouteNode = Schemas['RouteNodeDto']
export type RoutePerson = Schemas['RoutePersonDto']
export type HistoryEntry = Schemas['HistoryEntryDto']
export type RequestAction = Schemas['RequestActionDto']
export type RequestActionName = RequestAction['action']
export type ReturnTarget = Schemas['ReturnTargetDto']
export type Attachment = Schemas['AttachmentDto']

/** One request as its page shows it; the form is the version's, typed by the contracts. */
export type RequestDetail = Omit<Schemas['RequestDetailDto'], 'form' | 'formData'> & {
  form: OaFormSchema
  formData: OaFormData
}

export type ApproveBody = Schemas['ApproveDto']
export type ReturnBody = Schemas['ReturnDto']
export type TransferBody = Schemas['TransferDto']
export type AddApproverBody = Schemas['AddApproverDto']
export type CommentBody = Schemas['CommentDto']
export type CcBody = Schemas['CcDto']
export type ResubmitBody = Omit<Schemas['ResubmitDto'], 'formData'> & { formData: OaFormData }

// ---------------------------------------------------------------- delegations, offboarding

export type Delegation = Schemas['DelegationDto']
export type CreateDelegation = Schemas['CreateDelegationDto']
export type PersonOpenTask = Schemas['PersonOpenTaskDto']
