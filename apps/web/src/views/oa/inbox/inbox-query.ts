import type { RequestListQuery, RequestStatus, TaskListQuery } from '@/api/oa/requests'

export const INBOX_BOXES = ['todo', 'done', 'mine', 'cc', 'all'] as const
export type InboxBox = (typeof INBOX_BOXES)[number]
export type TaskBox = Extract<InboxBox, 'todo' | 'done'>
export type RequestBox = Exclude<InboxBox, TaskBox>

export const REQUEST_STATUSES: readonly RequestStatus[] = ['running', 'returned', 'approved', 'rejected', 'withdrawn', 'cancelled']

export function isInboxBox(value: unknown): value is InboxBox {
  return typeof value === 'string' && (INBOX_BOXES as readonly string[]).includes(value)
}

export function isTaskBox(box: InboxBox): box is TaskBox {
  return box === 'todo' || box === 'done'
}

/** The badge counter beside each box in the menu and in the inbox's tabs. */
export const BOX_BADGES: Partial<Record<InboxBox, string>> = { todo: 'oa.todo', mine: 'oa.mine', cc: 'oa.cc' }

/** What the filter bar holds, whichever box it filters. */
export interface InboxFilters {
  search: string
  requestTypeId: string | null
  status: string | null
  applicantId: string | null
  submitted: [string, string] | null
}

interface Paging {
  page: number
  pageSize: number
  sort: string | undefined
}

/** The filters every box shares, as the API's query: only what is set. */
function shared(filters: InboxFilters, paging: Paging) {
  const search = filters.search.trim()
  return {
    page: paging.page,
    pageSize: paging.pageSize,
    ...(paging.sort !== undefined ? { sort: paging.sort } : {}),
    ...(search !== '' ? { search } : {}),
    ...(filters.requestTypeId !== null ? { requestTypeId: filters.requestTypeId } : {}),
    ...(filters.status !== null && (REQUEST_STATUSES as readonly string[]).includes(filters.status) ? { status: filters.status as RequestStatus } : {}),
    ...(filters.applicantId !== null ? { applicantId: filters.applicantId } : {}),
    ...(filters.submitted !== null ? { from: filters.submitted[0], to: filters.submitted[1] } : {}),
  }
}

/** 待办 / 已办: every task to do is on a running request, so its status filter is not sent. */
export function taskQuery(box: TaskBox, filters: InboxFilters, paging: Paging): TaskListQuery {
  const query = { ...shared(filters, paging), box }
  if (box === 'todo') delete (query as { status?: unknown }).status
  return query
}

/** 我发起的 / 抄送我的 / 全部: "mine" has one applicant, so its applicant filter is not sent. */
export function requestQuery(box: RequestBox, filters: InboxFilters, paging: Paging): RequestListQuery {
  const query = { ...shared(filters, paging), box }
  if (box === 'mine') delete (query as { applicantId?: unknown }).applicantId
  return query
}

/** A task's deadline has passed (the server's clock decides escalation; this only colours the cell). */
export function isOverdue(dueAt: string | null, now: number = Date.now()): boolean {
  return dueAt !== null && Date.parse(dueAt) < now
}
