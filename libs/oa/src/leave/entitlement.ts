import { addDays, daysBetween } from '../calendar/working-calendar.js';

/**
 * 带薪年休假 by years of service (职工带薪年休假条例 art. 3): 5 days from 1 full year,
 * 10 from 10, 15 from 20.
 */
export function statutoryTier(yearsOfService: number): number {
  if (yearsOfService >= 20) return 15;
  if (yearsOfService >= 10) return 10;
  if (yearsOfService >= 1) return 5;
  return 0;
}

/** Full years from `hireDate` to `date` (an anniversary counts on its day; 02-29 hires on 02-28 in other years). */
export function fullYears(hireDate: string, date: string): number {
  const [hy, hm, hd] = hireDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  let years = y - hy;
  if (m < hm || (m === hm && d < hd)) years -= 1;
  return Math.max(0, years);
}

/**
 * A year's statutory annual leave for one person, prorated day by day (企业职工带薪年休假
 * 实施办法 art. 5 and 12): each day of the year they are employed earns the tier of
 * that day ÷ the days of the year, so a joiner, a leaver and someone crossing an
 * anniversary (1, 10 or 20 years) mid-year each get their share; the part short of
 * a whole day is not granted. `leftOn` is the last day employed.
 */
export function statutoryAnnualDays(year: number, hireDate: string | null, leftOn: string | null = null): number {
  if (!hireDate) return 0;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const from = hireDate > first ? hireDate : first;
  const to = leftOn && leftOn < last ? leftOn : last;
  if (to < from) return 0;
  const daysInYear = daysBetween(first, last) + 1;
  let earned = 0;
  for (let date = from; date <= to; date = addDays(date, 1)) earned += statutoryTier(fullYears(hireDate, date));
  // Integers all the way: earned is tier-days, so the floor is exact.
  return Math.floor(earned / daysInYear);
}
