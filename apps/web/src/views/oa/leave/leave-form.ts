import { ApiError } from '@/api/problem'
import type { LeavePeriod, LeaveQuote, LeaveType } from '@/api/oa/leave'

/** The leave form's values as the person fills them in. */
export interface LeaveFormValues {
  leaveTypeId: string | null
  startDate: string | null
  endDate: string | null
  startHalf: 'am' | 'pm'
  endHalf: 'am' | 'pm'
  startTime: string | null
  endTime: string | null
  reason: string
}

export function emptyLeaveForm(): LeaveFormValues {
  return { leaveTypeId: null, startDate: null, endDate: null, startHalf: 'am', endHalf: 'pm', startTime: '09:00', endTime: '18:00', reason: '' }
}

/**
 * The period to quote or submit, shaped by the type's unit (halves for half-day types,
 * times for hourly ones, nothing more for whole days); null while it is not one yet.
 */
export function periodBody(values: LeaveFormValues, type: Pick<LeaveType, 'id' | 'unit'> | undefined): LeavePeriod | null {
  if (!type || !values.startDate || !values.endDate) return null
  const base = { leaveTypeId: type.id, startDate: values.startDate, endDate: values.endDate }
  if (type.unit === 'half-day') return { ...base, startHalf: values.startHalf, endHalf: values.endHalf }
  if (type.unit === 'hour') {
    if (!values.startTime || !values.endTime) return null
    return { ...base, startTime: values.startTime, endTime: values.endTime }
  }
  return base
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The times an hourly leave may start or end at: each half hour of the day. */
export const HALF_HOURS: readonly string[] = Array.from({ length: 48 }, (_, index) => `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`)

/** How much a quote counts, in the type's unit: "4 个工作日", "3.5 小时", "154 个日历日". */
export function amountText(quote: Pick<LeaveQuote, 'days' | 'hours' | 'unit'>, calendarDays: boolean, t: Translate): string {
  if (quote.unit === 'hour') return t('oaLeave.amount.hours', { hours: quote.hours, days: quote.days })
  return t(calendarDays ? 'oaLeave.amount.calendarDays' : 'oaLeave.amount.workingDays', { days: quote.days })
}

/** What a date of the quote is, when it is not an ordinary working day or weekend: 国庆节 · 法定节假日. */
export function dayKindText(day: { kind: string; name: string | null; nameEn: string | null }, t: Translate, english: boolean): string {
  const kind = t(`oaLeave.dayKinds.${day.kind}`)
  const name = english ? (day.nameEn ?? day.name) : day.name
  return name ? `${name} · ${kind}` : kind
}

/**
 * The server's refusals of a leave, by the field they belong to, in the reader's
 * language where the problem's code says what happened (overlap, balance, no working
 * time, attachment); otherwise in the server's words. `''` holds what belongs to no field.
 */
export function leaveFieldErrors(error: unknown, t: Translate): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const code = error.problem.code
  const detail = error.problem.detail ?? ''
  const byField: Record<string, string> = {}
  const put = (field: string, message: string) => {
    byField[field] = byField[field] ? `${byField[field]}；${message}` : message
  }
  for (const { field, message } of error.fieldErrors) {
    const key = field.startsWith('attachmentIds') ? 'attachmentIds' : field
    if (code === 'oa.leave-overlaps') {
      const dates = /(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(detail)
      put(key, dates ? t('oaLeave.errors.overlapsLeave', { start: dates[1], end: dates[2] }) : t('oaLeave.errors.overlaps'))
    } else if (code === 'oa.insufficient-balance') {
      const available = /only (-?[\d.]+) day/.exec(message)
      put(key, available ? t('oaLeave.errors.insufficient', { available: available[1] }) : t('oaLeave.errors.insufficientPlain'))
    } else if (code === 'oa.no-working-time') {
      put(key, t('oaLeave.errors.noWorkingTime'))
    } else if (key === 'attachmentIds' && /needs an attachment/.test(message)) {
      put(key, t('oaLeave.errors.attachmentRequired'))
    } else {
      put(key, message)
    }
  }
  if (error.fieldErrors.length === 0 && error.status !== 0) put('', detail || error.problem.title)
  return byField
}
