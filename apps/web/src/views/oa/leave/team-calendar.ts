import type { TeamLeave } from '@/api/oa/leave'

/** The first and last dates of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string; dates: string[] } {
  const { year, index } = monthParts(month)
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate()
  const dates = Array.from({ length: last }, (_, day) => `${month}-${String(day + 1).padStart(2, '0')}`)
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, dates }
}

/** 'YYYY-MM' as numbers: the year and the month 1–12. */
export function monthParts(month: string): { year: number; index: number } {
  return { year: Number(month.slice(0, 4)), index: Number(month.slice(5, 7)) }
}

/** The month before or after 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const { year, index } = monthParts(month)
  const moved = new Date(Date.UTC(year, index - 1 + by, 1))
  return `${moved.getUTCFullYear()}-${String(moved.getUTCMonth() + 1).padStart(2, '0')}`
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
}

/** What a person's cell of a date shows: the leave on it, and which half when only half the day is taken. */
export interface TeamCell {
  leave: TeamLeave
  half: 'am' | 'pm' | null
}

/**
 * The leave covering `date`, if any; `half` says the date is only its morning (a leave
 * ending 'am') or only its afternoon (one starting 'pm'). A pending leave gives way to
 * an approved one on the same date.
 */
export function cellOf(leaves: readonly TeamLeave[], date: string): TeamCell | null {
  const covering = leaves.filter((leave) => leave.startDate <= date && leave.endDate >= date)
  const leave = covering.find((candidate) => candidate.status === 'approved') ?? covering[0]
  if (!leave) return null
  let half: 'am' | 'pm' | null = null
  if (leave.startDate === date && leave.startHalf === 'pm') half = 'pm'
  if (leave.endDate === date && leave.endHalf === 'am') half = half === 'pm' ? null : 'am'
  return { leave, half }
}

/** How many people are away on `date`. */
export function awayOn(people: ReadonlyArray<{ leaves: readonly TeamLeave[] }>, date: string): number {
  return people.filter((person) => cellOf(person.leaves, date) !== null).length
}

/** The others' leave that shares a day with `start`–`end`: whom an approver sees away at the same time. */
export function overlapping<P extends { person: { id: string; name: string }; leaves: readonly TeamLeave[] }>(
  people: readonly P[],
  exceptPersonId: string,
  start: string,
  end: string,
): Array<{ person: P['person']; leave: TeamLeave }> {
  return people
    .filter((row) => row.person.id !== exceptPersonId)
    .flatMap((row) => row.leaves.filter((leave) => leave.startDate <= end && leave.endDate >= start).map((leave) => ({ person: row.person, leave })))
    .sort((a, b) => a.leave.startDate.localeCompare(b.leave.startDate))
}
