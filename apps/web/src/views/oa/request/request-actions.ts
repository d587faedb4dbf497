import type { OaAttachmentRef } from '@zhongshu/contracts'
import {
  addApprover,
  approveTask,
  cancelRequest,
  commentOnRequest,
  copyRequest,
  rejectTask,
  returnTask,
  transferTask,
  urgeRequest,
  withdrawRequest,
  type RequestAction,
  type RequestActionName,
  type RequestState,
} from '@/api/oa/requests'
import { ApiError } from '@/api/problem'

/** The order the buttons come in: the decision first, what the applicant does, then the rest. */
const ORDER: readonly RequestActionName[] = ['approve', 'reject', 'return', 'resubmit', 'withdraw', 'urge', 'transfer', 'add-approver', 'cc', 'comment', 'cancel']

/** Buttons shown as they are; the rest fold into "More" (on a phone, all but the first two). */
export function arrangeActions(actions: readonly RequestAction[], inline: number): { shown: RequestAction[]; folded: RequestAction[] } {
  // One task's actions at a time: a person holding two tasks of one request acts on the first.
  const seen = new Set<string>()
  const unique = actions.filter((action) => (seen.has(action.action) ? false : (seen.add(action.action), true)))
  const sorted = [...unique].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action))
  return { shown: sorted.slice(0, inline), folded: sorted.slice(inline) }
}

/** What an action's dialog asks for. */
export interface ActionInput {
  comment: string
  attachments: OaAttachmentRef[]
  /** transfer: one; add-approver, cc, approve's next approvers: several. */
  people: string[]
  /** return: null for the applicant. */
  toNodeId: string | null
  position: 'before' | 'after'
}

export function emptyInput(): ActionInput {
  return { comment: '', attachments: [], people: [], toNodeId: null, position: 'before' }
}

/** Which fields an action's dialog shows, and which of them it needs. */
export interface ActionForm {
  comment: 'optional' | 'required' | 'none'
  attachments: boolean
  people: 'none' | 'one' | 'several'
  peopleRequired: boolean
  returnTarget: boolean
  position: boolean
  /** A question to confirm rather than a form (withdraw, cancel). */
  question?: string
}

export function actionForm(action: RequestAction): ActionForm {
  const base: ActionForm = { comment: 'optional', attachments: false, people: 'none', peopleRequired: false, returnTarget: false, position: false }
  switch (action.action) {
    case 'approve':
      return { ...base, attachments: true, people: action.needsNextApprovers ? 'several' : 'none', peopleRequired: action.needsNextApprovers === true }
    case 'reject':
      return { ...base, comment: 'required' }
    case 'return':
      return { ...base, comment: 'required', returnTarget: true }
    case 'transfer':
      return { ...base, people: 'one', peopleRequired: true }
    case 'add-approver':
      return { ...base, people: 'several', peopleRequired: true, position: true }
    case 'cc':
      return { ...base, people: 'several', peopleRequired: true }
    case 'comment':
      return { ...base, comment: 'required', attachments: true }
    case 'withdraw':
      return { ...base, question: 'oaRequest.dialog.withdrawQuestion' }
    case 'cancel':
      return { ...base, question: 'oaRequest.dialog.cancelQuestion' }
    case 'urge':
      return { ...base, question: 'oaRequest.dialog.urgeHint' }
    default:
      return base
  }
}

/** What is missing before the action may be sent: i18n keys by field. */
export function missing(action: RequestAction, input: ActionInput): Partial<Record<'comment' | 'people', string>> {
  const form = actionForm(action)
  const problems: Partial<Record<'comment' | 'people', string>> = {}
  if (form.comment === 'required' && input.comment.trim() === '') problems.comment = action.action === 'comment' ? 'oaRequest.dialog.commentRequired' : 'oaRequest.dialog.reasonRequired'
  if (form.peopleRequired && input.people.length === 0) problems.people = form.people === 'one' ? 'oaRequest.dialog.choosePerson' : 'oaRequest.dialog.choosePeople'
  return problems
}

/** Sends the action with what the dialog holds: a task's actions to its task, the others to the request. */
export function perform(requestId: string, action: RequestAction, input: ActionInput): Promise<RequestState> {
  const comment = input.comment.trim()
  const withComment = comment === '' ? {} : { comment }
  const taskId = action.taskId ?? ''
  switch (action.action) {
    case 'approve':
      return approveTask(taskId, {
        ...withComment,
        ...(input.attachments.length > 0 ? { attachmentIds: input.attachments.map((file) => file.id) } : {}),
        ...(action.needsNextApprovers ? { nextApproverIds: input.people } : {}),
      })
    case 'reject':
      return rejectTask(taskId, comment)
    case 'return':
      return returnTask(taskId, { ...withComment, toNodeId: input.toNodeId })
    case 'transfer':
      return transferTask(taskId, { ...withComment, toPersonId: input.people[0] ?? '' })
    case 'add-approver':
      return addApprover(taskId, { ...withComment, personIds: input.people, position: input.position })
    case 'withdraw':
      return withdrawRequest(requestId, comment || undefined)
    case 'cancel':
      return cancelRequest(requestId, comment || undefined)
    case 'urge':
      return urgeRequest(requestId, comment || undefined)
    case 'comment':
      return commentOnRequest(requestId, { comment, ...(input.attachments.length > 0 ? { attachmentIds: input.attachments.map((file) => file.id) } : {}) })
    case 'cc':
      return copyRequest(requestId, { ...withComment, personIds: input.people })
    default:
      return Promise.reject(new Error(`${action.action} has no dialog`))
  }
}

/**
 * How a failed action is told: someone else acted first (409) or the task is no longer
 * the caller's (404 on a task): the page must refresh; too soon (429): say when; field
 * errors (422): stay in the dialog; anything else: the server's words.
 */
export type FailureKind = 'conflict' | 'too-soon' | 'gone' | 'fields' | 'other'

export function failureKind(error: unknown, action: RequestAction): FailureKind {
  if (!(error instanceof ApiError)) return 'other'
  if (error.status === 409) return 'conflict'
  if (error.status === 429) return 'too-soon'
  if (error.status === 404) return action.taskId ? 'conflict' : 'gone'
  if (error.fieldErrors.length > 0) return 'fields'
  return 'other'
}
