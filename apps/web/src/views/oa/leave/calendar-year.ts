import type { CalendarYearDay } from '@/api/oa/leave'

export type DayKind = CalendarYearDay['kind']

/** One cell of a month's grid: a date, or a blank before the 1st. */
export interface MonthCell {
  date: string | null
  day: number | null
  kind: DayKind | null
  special: CalendarYearDay | null
}

function isoWeekday(date: string): number {
  // Monday 0 … Sunday 6: Chinese calendars start the week on Monday.
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
}

/**
 * A month of the year as weeks from Monday, each date with its kind: the server's
 * special days (holidays, adjusted working days, overrides) and, for the rest, the
 * weekend or an ordinary working day.
 */
export function monthGrid(year: number, month: number, special: ReadonlyMap<string, CalendarYearDay>): MonthCell[] {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const first = `${year}-${String(month).padStart(2, '0')}-01`
  const cells: MonthCell[] = Array.from({ length: isoWeekday(first) }, () => ({ date: null, day: null, kind: null, special: null }))
  for (let day = 1; day <= last; day++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const found = special.get(date) ?? null
    cells.push({ date, day, kind: found?.kind ?? (isoWeekday(date) >= 5 ? 'weekend' : 'workday'), special: found })
  }
  return cells
}

/** What China's calendar says of a date: the override's `china`, the special day's kind, or the weekday. */
export function chinaKind(date: string, special: CalendarYearDay | null): DayKind {
  if (special) return special.overridden ? special.china : special.kind
  return isoWeekday(date) >= 5 ? 'weekend' : 'workday'
}

/** The override a date's dialog starts from: its own, else the opposite of what China says. */
export function overrideDraft(date: string, special: CalendarYearDay | null): { kind: 'off' | 'work'; name: string } {
  if (special?.overridden) return { kind: special.kind === 'company-off' ? 'off' : 'work', name: special.name ?? '' }
  const china = chinaKind(date, special)
  return { kind: china === 'workday' || china === 'adjusted-workday' ? 'off' : 'work', name: '' }
}
