import type { OaFormData, OaFormSchema } from '@zhongshu/contracts'
import type { components } from '../schema'
import { aborting, api, dataOf } from '../request'
import type {
  AddApproverBody,
  ApproveBody,
  CatalogueEntry,
  CcBody,
  CommentBody,
  InboxCounts,
  RequestDetail,
  RequestListQuery,
  RequestPage,
  RequestState,
  ResubmitBody,
  ReturnBody,
  RoutePreview,
  RouteStep,
  SubmitRequest,
  SubmittableType,
  TaskListQuery,
  TaskPage,
  TransferBody,
} from './wire'

export type {
  Attachment,
  CatalogueEntry,
  HistoryEntry,
  InboxCounts,
  PersonName,
  RequestAction,
  RequestActionName,
  RequestDetail,
  RequestListItem,
  RequestListQuery,
  RequestPage,
  RequestState,
  RequestStatus,
  ReturnTarget,
  RouteApprover,
  RouteNode,
  RoutePerson,
  RoutePreview,
  RouteStep,
  SubmitRequest,
  SubmittableType,
  TaskListItem,
  TaskListQuery,
  TaskPage,
} from './wire'

/** @deprecated name kept for the submit page: what a submission answers. */
export type SubmittedRequest = RequestState

/** The published types the caller may start, category by category, as one list. */
export async function fetchCatalogue(signal?: AbortSignal): Promise<CatalogueEntry[]> {
  const categories = dataOf(await api.GET('/api/v1/oa/catalogue', aborting(signal)))
  return categories.flatMap(({ category, types }) => types.map((type) => ({ ...type, category })))
}

/**
 * A type the caller may start, with its published form; null when it is not in the
 * caller's catalogue (unknown, archived, not published, or not for them).
 */
export async function fetchSubmittable(requestTypeId: string): Promise<SubmittableType | null> {
  const [entries, published] = await Promise.all([
    fetchCatalogue(),
    api.GET('/api/v1/oa/catalogue/{id}', { params: { path: { id: requestTypeId } } }).then(dataOf, (error: unknown) => {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 404) return null
      throw error
    }),
  ])
  const entry = entries.find((candidate) => candidate.id === requestTypeId)
  if (!entry || !published) return null
  return { ...entry, versionNo: published.versionNo, form: published.form as unknown as OaFormSchema }
}

type PlannedNode = components['schemas']['PlannedNodeDto']

/** The server's planned route as the submit page lists it: the nodes after the start, each with who it names. */
export function routeSteps(route: PlannedNode[]): RouteStep[] {
  const steps: RouteStep[] = []
  for (const node of route) {
    if (node.type !== 'approval' && node.type !== 'cc') continue
    const empty = node.people.length === 0
    const needsChoice = node.chosenBySubmitter
    steps.push({
      nodeId: node.nodeId,
      name: node.name,
      type: node.type,
      approvers: node.people,
      ...(node.mode ? { mode: node.mode as RouteStep['mode'] } : {}),
      skipped: empty && !node.chosenLater && !needsChoice && node.type === 'approval' && node.whenEmpty === 'skip',
      toAdmin: empty && !node.chosenLater && !needsChoice && node.type === 'approval' && node.whenEmpty === 'admin',
      needsChoice,
      chosenLater: node.chosenLater,
      ...(node.branch ? { branch: node.branch } : {}),
    })
  }
  return steps
}

/** Who would approve, in order, for these values; nothing is saved. */
export async function previewRoute(body: SubmitRequest, signal?: AbortSignal): Promise<RoutePreview> {
  const answer = dataOf(await api.POST('/api/v1/oa/requests/preview-route', { body, ...aborting(signal) }))
  return { steps: routeSteps(answer.route) }
}

/** Starts a request. Bad values answer 422 at `formData.<key>` / `formData.<table>[i].<col>`. */
export async function submitRequest(body: SubmitRequest): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests', { body }))
}

// ---------------------------------------------------------------- the inbox

/** 我发起的 (`mine`), 抄送我的 (`cc`), or every request within the caller's scope (`all`). */
export async function listRequests(query: RequestListQuery, signal?: AbortSignal): Promise<RequestPage> {
  return dataOf(await api.GET('/api/v1/oa/requests', { params: { query }, ...aborting(signal) }))
}

/** 待办 (`todo`) and 已办 (`done`). */
export async function listTasks(query: TaskListQuery, signal?: AbortSignal): Promise<TaskPage> {
  return dataOf(await api.GET('/api/v1/oa/tasks', { params: { query }, ...aborting(signal) }))
}

export async function fetchInboxCounts(): Promise<InboxCounts> {
  return dataOf(await api.GET('/api/v1/oa/inbox/counts'))
}

// ---------------------------------------------------------------- one request

/** The request with its form, route, history and exactly the actions the caller may take now; 404 outside their reach. */
export async function fetchRequest(id: string): Promise<RequestDetail> {
  const wire = dataOf(await api.GET('/api/v1/oa/requests/{id}', { params: { path: { id } } }))
  return { ...wire, form: wire.form as unknown as OaFormSchema, formData: wire.formData as OaFormData }
}

const path = (id: string) => ({ params: { path: { id } } })

export async function approveTask(taskId: string, body: ApproveBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/tasks/{id}/approve', { ...path(taskId), body }))
}

export async function rejectTask(taskId: string, comment?: string): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/tasks/{id}/reject', { ...path(taskId), body: comment ? { comment } : {} }))
}

/** Back to the applicant (`toNodeId` absent) or to an earlier approval node. */
export async function returnTask(taskId: string, body: ReturnBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/tasks/{id}/return', { ...path(taskId), body }))
}

export async function transferTask(taskId: string, body: TransferBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/tasks/{id}/transfer', { ...path(taskId), body }))
}

export async function addApprover(taskId: string, body: AddApproverBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/tasks/{id}/add-approver', { ...path(taskId), body }))
}

export async function withdrawRequest(id: string, comment?: string): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/withdraw', { ...path(id), body: comment ? { comment } : {} }))
}

export async function cancelRequest(id: string, comment?: string): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/cancel', { ...path(id), body: comment ? { comment } : {} }))
}

/** At most once an hour; sooner answers 429. */
export async function urgeRequest(id: string, comment?: string): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/urge', { ...path(id), body: comment ? { comment } : {} }))
}

export async function commentOnRequest(id: string, body: CommentBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/comment', { ...path(id), body }))
}

export async function copyRequest(id: string, body: CcBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/cc', { ...path(id), body }))
}

/** After a return to the applicant: the changed values, and the route runs again. */
export async function resubmitRequest(id: string, body: ResubmitBody): Promise<RequestState> {
  return dataOf(await api.POST('/api/v1/oa/requests/{id}/resubmit', { ...path(id), body }))
}
