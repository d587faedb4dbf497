import type { components } from '../schema'
import { aborting, api, dataOf } from '../request'

export type SubmitExpense = components['schemas']['SubmitExpenseDto']
export type ExpenseLineInput = components['schemas']['ExpenseLineInputDto']
export type ExpenseSubmitted = components['schemas']['ExpenseSubmittedDto']
export type ExpenseClaim = components['schemas']['ExpenseClaimDto']
export type ExpenseLine = components['schemas']['ExpenseLineDto']

/** Files an expense claim: checked, converted, its invoice numbers claimed, sent for approval. */
export async function submitExpense(body: SubmitExpense): Promise<ExpenseSubmitted> {
  return dataOf(await api.POST('/api/v1/oa/expenses', { body }))
}

/** One claim with its lines and receipts: the applicant's, an approver's, or within oa:expense:read. */
export async function fetchExpense(id: string, signal?: AbortSignal): Promise<ExpenseClaim> {
  return dataOf(await api.GET('/api/v1/oa/expenses/{id}', { params: { path: { id } }, ...aborting(signal) }))
}

/** The caller's claims, latest first. */
export async function fetchMyExpenses(signal?: AbortSignal): Promise<ExpenseClaim[]> {
  return dataOf(await api.GET('/api/v1/oa/expenses', aborting(signal)))
}
