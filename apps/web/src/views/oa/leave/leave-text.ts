import { Decimal } from 'decimal.js'
import type { Leave, LedgerEntry } from '@/api/oa/leave'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** What an entry changed of the days available (granted − held − used), signed: "+5", "−2", "0". */
export function availableChange(entry: Pick<LedgerEntry, 'grantedDelta' | 'heldDelta' | 'usedDelta'>): string {
  const change = new Decimal(entry.grantedDelta).minus(entry.heldDelta).minus(entry.usedDelta)
  if (change.isZero()) return '0'
  return change.gt(0) ? `+${change.toString()}` : `−${change.abs().toString()}`
}

/**
 * An entry of the ledger in words: what happened (granted, held for a leave, taken,
 * released because it was rejected, returned by 销假, carried over, expired) and what
 * it was about (the leave's dates, the grant's note, the adjustment's reason).
 */
export function ledgerText(entry: Pick<LedgerEntry, 'kind' | 'source' | 'note' | 'leavePeriod'>, t: Translate): { what: string; about: string } {
  // A grant with no source is an HR adjustment; the source says which yearly grant it was.
  const what = entry.kind === 'grant' && entry.source === null && entry.note !== null && !entry.note.startsWith('加班') ? t('oaLeave.mine.adjustment') : t(`oaLeave.mine.ledgerKinds.${entry.kind}`)
  const parts: string[] = []
  if (entry.leavePeriod) parts.push(entry.leavePeriod)
  const returnedFrom = entry.kind === 'return' && entry.note ? /^销假 from (\d{4}-\d{2}-\d{2})$/.exec(entry.note) : null
  if (entry.kind === 'release' && entry.note && ['rejected', 'withdrawn', 'cancelled'].includes(entry.note)) parts.push(t(`oaLeave.mine.releaseReasons.${entry.note}`))
  else if (returnedFrom) parts.push(t('oaLeave.mine.returnedFrom', { date: returnedFrom[1] }))
  else if (entry.note) parts.push(entry.note)
  return { what, about: parts.join(' · ') }
}

/** What an entry that leaves the available days as they are did: held days taken (已休 +3). */
export function usedChange(entry: Pick<LedgerEntry, 'usedDelta'>): string | null {
  const used = new Decimal(entry.usedDelta)
  return used.gt(0) ? used.toString() : null
}

/** A leave's period as a person reads it: 2026-10-08 上午 ~ 2026-10-09 下午, or with times for hours. */
export function leavePeriodText(leave: Pick<Leave, 'startDate' | 'endDate' | 'startHalf' | 'endHalf' | 'startTime' | 'endTime'>, t: Translate): string {
  const half = (value: 'am' | 'pm' | null) => (value ? ` ${t(`oaLeave.${value}`)}` : '')
  const start = `${leave.startDate}${leave.startTime ? ` ${leave.startTime}` : half(leave.startHalf)}`
  const end = `${leave.endDate}${leave.endTime ? ` ${leave.endTime}` : half(leave.endHalf)}`
  return `${start} ~ ${end}`
}

/** Whether 销假 can be asked of a leave: approved, and no cancellation waiting. */
export function mayCancel(leave: Pick<Leave, 'status' | 'cancellation'>): boolean {
  return leave.status === 'approved' && leave.cancellation?.status !== 'pending'
}

/** Whether a delegation is still worth offering: approved and not over by `today`. */
export function mayDelegate(leave: Pick<Leave, 'status' | 'endDate'>, today: string): boolean {
  return leave.status === 'approved' && leave.endDate >= today
}

/** The first day 销假 would start from by default: today within the leave, else its first day. */
export function defaultCancelFrom(leave: Pick<Leave, 'startDate' | 'endDate'>, today: string): string {
  if (today <= leave.startDate) return leave.startDate
  if (today > leave.endDate) return leave.endDate
  return today
}

/** Today's date in the browser's calendar, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/**
 * Where the applicant of an approved leave sets a delegation for it (the leave page's
 * offer), while the leave is not over; null for any other request or reader.
 */
export function leaveDelegationOffer(
  request: { businessType: string | null; businessId: string | null; status: string; applicant: { id: string }; formData: Record<string, unknown> } | null,
  readerId: string | undefined,
  today: string = localToday(),
): string | null {
  if (!request || request.businessType !== 'oa.leave' || !request.businessId || request.status !== 'approved' || request.applicant.id !== readerId) return null
  const period = request.formData.period as { end?: unknown } | undefined
  if (typeof period?.end !== 'string' || period.end < today) return null
  return `/oa/leave/mine?delegate=${request.businessId}`
}
