import { describe, expect, it } from '@jest/globals';
import { leaveDuration, WorkingCalendar, type DurationRule, type LeavePeriodInput } from './working-calendar.js';

const china = new WorkingCalendar();
const days: DurationRule = { unit: 'day', calendarDays: false };
const count = (input: LeavePeriodInput, rule: DurationRule = days, calendar = china) => {
  const { problems, duration } = leaveDuration(calendar, input, rule);
  if (!duration) throw new Error(JSON.stringify(problems));
  return duration;
};
const worked = (input: LeavePeriodInput, rule: DurationRule = days) =>
  count(input, rule)
    .dates.filter((date) => date.days !== '0')
    .map((date) => date.date);

describe('the working calendar on China’s 2026 calendar', () => {
  it('knows the holidays, the adjusted working days and the weekends', () => {
    expect(china.day('2026-10-01')).toMatchObject({ kind: 'holiday', working: false, name: '国庆节' });
    expect(china.day('2026-10-10')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(china.day('2026-09-20')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(china.day('2026-09-25')).toMatchObject({ kind: 'holiday', name: '中秋' });
    expect(china.day('2026-02-14')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(china.day('2026-02-28')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(china.day('2026-03-07')).toMatchObject({ kind: 'weekend', working: false });
    expect(china.day('2026-03-09')).toMatchObject({ kind: 'workday', working: true });
  });

  it('2026-09-30 to 2026-10-10 counts the working days only: National Day off, the adjusted Saturday 10-10 worked', () => {
    const duration = count({ startDate: '2026-09-30', endDate: '2026-10-10' });
    expect(worked({ startDate: '2026-09-30', endDate: '2026-10-10' })).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(duration.days).toBe('4');
    expect(duration.hours).toBe('32');
  });

  it('across Mid-Autumn (09-25 to 09-27) nothing is counted, and its adjusted Sunday 09-20 is', () => {
    expect(count({ startDate: '2026-09-25', endDate: '2026-09-27' }).days).toBe('0');
    expect(worked({ startDate: '2026-09-19', endDate: '2026-09-27' })).toEqual(['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24']);
  });

  it('Spring Festival: the week off is not counted, the adjusted Saturdays 02-14 and 02-28 are', () => {
    expect(worked({ startDate: '2026-02-13', endDate: '2026-02-28' })).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
  });

  it('half days: an afternoon to the next morning is one day; a morning alone is half', () => {
    const half: DurationRule = { unit: 'half-day', calendarDays: false };
    expect(count({ startDate: '2026-03-09', startHalf: 'pm', endDate: '2026-03-10', endHalf: 'am' }, half).days).toBe('1');
    expect(count({ startDate: '2026-03-09', startHalf: 'am', endDate: '2026-03-09', endHalf: 'am' }, half).days).toBe('0.5');
    // Friday afternoon to Monday morning: the weekend between is not counted.
    expect(count({ startDate: '2026-03-13', startHalf: 'pm', endDate: '2026-03-16', endHalf: 'am' }, half).days).toBe('1');
    expect(leaveDuration(china, { startDate: '2026-03-09', startHalf: 'pm', endDate: '2026-03-09', endHalf: 'am' }, half).problems).toEqual([{ field: 'endHalf', message: 'the leave must end after it starts' }]);
  });

  it('hours: only the working hours count (09:00–12:00, 13:00–18:00), across days and the lunch break', () => {
    const hours: DurationRule = { unit: 'hour', calendarDays: false };
    expect(count({ startDate: '2026-03-09', startTime: '10:00', endDate: '2026-03-09', endTime: '15:00' }, hours)).toMatchObject({ hours: '4', days: '0.5' });
    expect(count({ startDate: '2026-03-09', startTime: '16:00', endDate: '2026-03-10', endTime: '10:30' }, hours)).toMatchObject({ hours: '3.5', days: '0.4375' });
    expect(count({ startDate: '2026-10-01', startTime: '09:00', endDate: '2026-10-01', endTime: '18:00' }, hours).hours).toBe('0');
    expect(leaveDuration(china, { startDate: '2026-03-09', startTime: '10:15', endDate: '2026-03-09', endTime: '11:00' }, hours).problems[0].field).toBe('startTime');
  });

  it('maternity leave counts calendar days, holidays included', () => {
    expect(count({ startDate: '2026-09-28', endDate: '2027-02-28' }, { unit: 'day', calendarDays: true }).days).toBe('154');
    expect(count({ startDate: '2026-09-30', endDate: '2026-10-10' }, { unit: 'day', calendarDays: true }).days).toBe('11');
  });

  it('the company’s overrides win: an extra day off, a working day made up', () => {
    const company = new WorkingCalendar([
      { date: '2026-10-09', kind: 'off', name: '司庆' },
      { date: '2026-10-11', kind: 'work', name: '补班' },
    ]);
    expect(company.day('2026-10-09')).toMatchObject({ kind: 'company-off', working: false, name: '司庆' });
    expect(count({ startDate: '2026-09-30', endDate: '2026-10-11' }, days, company).days).toBe('4');
    expect(company.special(2026).map((day) => day.date)).toContain('2026-10-11');
  });

  it('refuses a period that is not one: bad dates, end before start, too long', () => {
    expect(leaveDuration(china, { startDate: '2026-02-30', endDate: '2026-03-01' }, days).problems).toEqual([{ field: 'startDate', message: 'must be a date YYYY-MM-DD' }]);
    expect(leaveDuration(china, { startDate: '2026-03-02', endDate: '2026-03-01' }, days).problems).toEqual([{ field: 'endDate', message: 'must not be before the start date' }]);
    expect(leaveDuration(china, { startDate: '2026-01-01', endDate: '2027-12-31' }, days).problems[0].field).toBe('endDate');
  });
});
