import { createRequire } from 'node:module';
import { Decimal } from 'decimal.js';
import type { CalendarDayKind, DayHalf, LeaveUnit } from '@zhongshu/contracts';

/** China's public holidays and adjusted working days, as the `chinese-days` package publishes them ("English,中文,days"). */
interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const CHINA: ChineseDays = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDays;

/** The first and last years the package knows; outside them only weekends and the company's overrides apply. */
export const CHINA_CALENDAR_YEARS = ((): { first: number; last: number } => {
  const years = Object.keys(CHINA.holidays).map((date) => Number(date.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) };
})();

/** The company's working hours (morning and afternoon), in minutes after midnight: 09:00–12:00 and 13:00–18:00. */
export const WORKING_HOURS = { morning: [9 * 60, 12 * 60], afternoon: [13 * 60, 18 * 60] } as const;
export const HOURS_PER_DAY = (WORKING_HOURS.morning[1] - WORKING_HOURS.morning[0] + WORKING_HOURS.afternoon[1] - WORKING_HOURS.afternoon[0]) / 60;
const NOON = 12 * 60;
const DAY_MINUTES = 24 * 60;

/** An override of the company (an extra day off, a shutdown week, a working day made up). */
export interface CalendarOverride {
  date: string;
  kind: 'off' | 'work';
  name: string;
}

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  working: boolean;
  /** The holiday's or the override's name (中文), when it has one. */
  name: string | null;
  nameEn: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function names(entry: string | undefined): { name: string | null; nameEn: string | null } {
  if (!entry) return { name: null, nameEn: null };
  const [en, zh] = entry.split(',');
  return { name: zh ?? en ?? null, nameEn: en ?? null };
}

/**
 * 公司工作日历: what each day is. The company's override wins, then China's calendar
 * (a public holiday is off, an adjusted working day (调休上班) is worked, Saturdays
 * and Sundays off otherwise). Pure: built with the overrides of the dates it is asked about.
 */
export class WorkingCalendar {
  private readonly overrides: Map<string, CalendarOverride>;

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((override) => [override.date, override]));
  }

  day(date: string): CalendarDay {
    const override = this.overrides.get(date);
    if (override) return { date, kind: override.kind === 'off' ? 'company-off' : 'company-workday', working: override.kind === 'work', name: override.name, nameEn: null };
    const holiday = CHINA.holidays[date];
    if (holiday) return { date, kind: 'holiday', working: false, ...names(holiday) };
    const adjusted = CHINA.workdays[date];
    if (adjusted) return { date, kind: 'adjusted-workday', working: true, ...names(adjusted) };
    const day = weekday(date);
    return { date, kind: day === 0 || day === 6 ? 'weekend' : 'workday', working: !(day === 0 || day === 6), name: null, nameEn: null };
  }

  /** Every day from `from` to `to`, both included. */
  days(from: string, to: string): CalendarDay[] {
    const days: CalendarDay[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) days.push(this.day(date));
    return days;
  }

  /** The days of a year that are not ordinary (holidays, adjusted working days, overrides), for the month view. */
  special(year: number): CalendarDay[] {
    return this.days(`${year}-01-01`, `${year}-12-31`).filter((day) => day.kind !== 'workday' && day.kind !== 'weekend');
  }
}

/** A leave's period as asked: whole days, halves (morning/afternoon) or times, by the type's unit. */
export interface LeavePeriodInput {
  startDate: string;
  endDate: string;
  startHalf?: DayHalf | null;
  endHalf?: DayHalf | null;
  /** 'HH:MM', for hour units. */
  startTime?: string | null;
  endTime?: string | null;
}

export interface DurationRule {
  unit: LeaveUnit;
  /** Counts calendar days (maternity leave) rather than working days. */
  calendarDays: boolean;
}

export interface CountedDay extends CalendarDay {
  /** What this date adds to the leave, in days (decimal string). */
  days: string;
  hours: string;
}

export interface LeaveDuration {
  /** Local wall time, 'YYYY-MM-DDTHH:MM': the period starts here… */
  from: string;
  /** …and ends here (exclusive). */
  to: string;
  /** The leave's length in days (working or calendar, by the type): a decimal string. */
  days: string;
  /** Working hours in the period (hour units); days × hours per day otherwise. */
  hours: string;
  dates: CountedDay[];
}

export interface PeriodProblem {
  field: string;
  message: string;
}

/** The longest leave one request may cover. */
export const MAX_LEAVE_SPAN_DAYS = 400;

const TIME = /^([01]\d|2[0-3]):(00|30)$/;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function overlap(from: number, to: number, segment: readonly [number, number] | readonly number[]): number {
  return Math.max(0, Math.min(to, segment[1]) - Math.max(from, segment[0]));
}

/**
 * The period a leave covers, checked for the unit: answers the problems by field, or
 * the period as minutes from the start date's midnight.
 */
export function leavePeriod(input: LeavePeriodInput, unit: LeaveUnit): { problems: PeriodProblem[]; from?: number; to?: number } {
  const problems: PeriodProblem[] = [];
  if (!isCalendarDate(input.startDate)) problems.push({ field: 'startDate', message: 'must be a date YYYY-MM-DD' });
  if (!isCalendarDate(input.endDate)) problems.push({ field: 'endDate', message: 'must be a date YYYY-MM-DD' });
  if (problems.length > 0) return { problems };
  const span = daysBetween(input.startDate, input.endDate);
  if (span < 0) return { problems: [{ field: 'endDate', message: 'must not be before the start date' }] };
  if (span >= MAX_LEAVE_SPAN_DAYS) return { problems: [{ field: 'endDate', message: `a leave covers at most ${MAX_LEAVE_SPAN_DAYS} days` }] };
  let from = 0;
  let to = (span + 1) * DAY_MINUTES;
  if (unit === 'half-day') {
    if (!input.startHalf) problems.push({ field: 'startHalf', message: 'choose morning or afternoon' });
    if (!input.endHalf) problems.push({ field: 'endHalf', message: 'choose morning or afternoon' });
    if (problems.length > 0) return { problems };
    from = input.startHalf === 'pm' ? NOON : 0;
    to = span * DAY_MINUTES + (input.endHalf === 'am' ? NOON : DAY_MINUTES);
  } else if (unit === 'hour') {
    if (!input.startTime || !TIME.test(input.startTime)) problems.push({ field: 'startTime', message: 'must be a time HH:00 or HH:30' });
    if (!input.endTime || !TIME.test(input.endTime)) problems.push({ field: 'endTime', message: 'must be a time HH:00 or HH:30' });
    if (problems.length > 0) return { problems };
    from = minutesOf(input.startTime as string);
    to = span * DAY_MINUTES + minutesOf(input.endTime as string);
  }
  if (to <= from) return { problems: [{ field: unit === 'hour' ? 'endTime' : 'endHalf', message: 'the leave must end after it starts' }] };
  return { problems, from, to };
}

function wallTime(startDate: string, minutes: number): string {
  const date = addDays(startDate, Math.floor(minutes / DAY_MINUTES));
  const rest = minutes % DAY_MINUTES;
  return `${date}T${String(Math.floor(rest / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
}

/**
 * How long a leave is on the calendar: per date, the working time the period covers
 * (a half day for each half of a working day it touches, or the working hours of it),
 * or the calendar days for a type that counts them. Decimal arithmetic throughout.
 */
export function leaveDuration(calendar: WorkingCalendar, input: LeavePeriodInput, rule: DurationRule): { problems: PeriodProblem[]; duration?: LeaveDuration } {
  const period = leavePeriod(input, rule.unit);
  if (period.problems.length > 0 || period.from === undefined || period.to === undefined) return { problems: period.problems };
  const { from, to } = period;
  let total = new Decimal(0);
  let totalHours = new Decimal(0);
  const dates: CountedDay[] = [];
  for (let index = 0, date = input.startDate; date <= input.endDate; index++, date = addDays(date, 1)) {
    const day = calendar.day(date);
    const start = Math.max(0, from - index * DAY_MINUTES);
    const end = Math.min(DAY_MINUTES, to - index * DAY_MINUTES);
    let days = new Decimal(0);
    let hours = new Decimal(0);
    if (rule.calendarDays || day.working) {
      if (rule.unit === 'hour') {
        hours = new Decimal(overlap(start, end, WORKING_HOURS.morning) + overlap(start, end, WORKING_HOURS.afternoon)).div(60);
        days = hours.div(HOURS_PER_DAY);
      } else {
        const halves = (start < NOON && end > 0 ? 1 : 0) + (end > NOON && start < DAY_MINUTES ? 1 : 0);
        days = new Decimal(halves).div(2);
        hours = days.mul(HOURS_PER_DAY);
      }
    }
    total = total.plus(days);
    totalHours = totalHours.plus(hours);
    dates.push({ ...day, days: days.toString(), hours: hours.toString() });
  }
  return {
    problems: [],
    duration: { from: wallTime(input.startDate, from), to: wallTime(input.startDate, to), days: total.toDecimalPlaces(4).toString(), hours: totalHours.toDecimalPlaces(2).toString(), dates },
  };
}
