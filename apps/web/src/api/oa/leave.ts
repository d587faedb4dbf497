import type { components } from '../schema'
import { aborting, api, dataOf } from '../request'

/**
 * 请假 and the working calendar as the SPA uses them (`libs/oa/src/leave`,
 * `libs/oa/src/calendar`): the wire shapes are the generated ones.
 */
type Schemas = components['schemas']

export type LeaveType = Schemas['LeaveTypeDto']
export type LeavePeriod = Schemas['LeavePeriodDto']
export type LeaveQuote = Schemas['LeaveQuoteDto']
export type SubmitLeave = Schemas['SubmitLeaveDto']
export type LeaveSubmitted = Schemas['LeaveSubmittedDto']
export type Leave = Schemas['LeaveDto']
export type LeaveBalance = Schemas['LeaveBalanceDto']
export type LedgerEntry = Schemas['LedgerEntryDto']
export type TeamCalendar = Schemas['TeamCalendarDto']
export type TeamLeave = Schemas['TeamLeaveDto']
export type CalendarDay = Schemas['CalendarDayDto']
export type CalendarYear = Schemas['CalendarYearDto']
export type CalendarYearDay = Schemas['CalendarYearDayDto']
export type SetOverride = Schemas['SetOverrideDto']


/** The active types with their rules (unit, balance, attachment). */
export async function fetchLeaveTypes(signal?: AbortSignal): Promise<LeaveType[]> {
  return dataOf(await api.GET('/api/v1/oa/leave/types', aborting(signal)))
}

export type LeaveTypeInput = Schemas['LeaveTypeInputDto']
export type UpdateLeaveType = Schemas['UpdateLeaveTypeDto']

export async function createLeaveType(body: LeaveTypeInput): Promise<LeaveType> {
  return dataOf(await api.POST('/api/v1/oa/leave/types', { body }))
}

/** Names the version read: a stale one answers 409. */
export async function updateLeaveType(id: string, body: UpdateLeaveType): Promise<LeaveType> {
  return dataOf(await api.PATCH('/api/v1/oa/leave/types/{id}', { params: { path: { id } }, body }))
}

/** What the period counts on the company calendar and what the balance keeps; 422 names the field a bad period is wrong in. */
export async function quoteLeave(body: LeavePeriod, signal?: AbortSignal): Promise<LeaveQuote> {
  return dataOf(await api.POST('/api/v1/oa/leave/quote', { body, ...aborting(signal) }))
}

export async function submitLeave(body: SubmitLeave): Promise<LeaveSubmitted> {
  return dataOf(await api.POST('/api/v1/oa/leave/requests', { body }))
}

/** The caller's leave, latest first; one year's when given. */
export async function fetchMyLeave(year?: number, signal?: AbortSignal): Promise<Leave[]> {
  return dataOf(await api.GET('/api/v1/oa/leave/requests', { params: { query: year ? { year } : {} }, ...aborting(signal) }))
}

export async function fetchLeave(id: string): Promise<Leave> {
  return dataOf(await api.GET('/api/v1/oa/leave/requests/{id}', { params: { path: { id } } }))
}

/** 销假: gives back the leave from `fromDate` on, once its own approval says so. */
export async function cancelLeave(id: string, body: { fromDate: string; reason: string }): Promise<LeaveSubmitted> {
  return dataOf(await api.POST('/api/v1/oa/leave/requests/{id}/cancel', { params: { path: { id } }, body }))
}

/** A year's balances: the caller's, or another person's (oa:leave:manage). */
export async function fetchBalances(year: number, personId?: string, signal?: AbortSignal): Promise<LeaveBalance[]> {
  return dataOf(await api.GET('/api/v1/oa/leave/balances', { params: { query: { year, ...(personId ? { personId } : {}) } }, ...aborting(signal) }))
}

/** An HR correction of a person's balance (days added, negative to take away), with its reason; answers the person's balances of that year. */
export async function adjustBalance(body: Schemas['AdjustBalanceDto']): Promise<LeaveBalance[]> {
  return dataOf(await api.POST('/api/v1/oa/leave/balances/adjust', { body }))
}

/** A year's statutory and fixed grants for everyone (HR); repeating it changes nothing. */
export async function runGrants(year: number): Promise<Schemas['GrantRunResultDto']> {
  return dataOf(await api.POST('/api/v1/oa/leave/balances/grant', { body: { year } }))
}

/** Unused days of `fromYear`, up to each type's cap, into the next year (HR); repeating it changes nothing. */
export async function runCarryOver(fromYear: number): Promise<Schemas['GrantRunResultDto']> {
  return dataOf(await api.POST('/api/v1/oa/leave/balances/carry-over', { body: { fromYear } }))
}

export async function fetchLedger(balanceId: string, signal?: AbortSignal): Promise<LedgerEntry[]> {
  return dataOf(await api.GET('/api/v1/oa/leave/balances/{id}/ledger', { params: { path: { id: balanceId } }, ...aborting(signal) }))
}

/** Who is away from `from` to `to` (at most 62 days) in the departments the caller's oa:leave:team reaches. */
export async function fetchTeamCalendar(from: string, to: string, signal?: AbortSignal): Promise<TeamCalendar> {
  return dataOf(await api.GET('/api/v1/oa/leave/team-calendar', { params: { query: { from, to } }, ...aborting(signal) }))
}

export async function fetchCalendarYear(year: number, signal?: AbortSignal): Promise<CalendarYear> {
  return dataOf(await api.GET('/api/v1/oa/calendar/{year}', { params: { path: { year } }, ...aborting(signal) }))
}

export async function setCalendarOverride(date: string, body: SetOverride): Promise<CalendarDay> {
  return dataOf(await api.PUT('/api/v1/oa/calendar/overrides/{date}', { params: { path: { date } }, body }))
}

export async function removeCalendarOverride(date: string): Promise<CalendarDay> {
  return dataOf(await api.DELETE('/api/v1/oa/calendar/overrides/{date}', { params: { path: { date } } }))
}
