import { HttpStatus, Injectable } from '@nestjs/common';
import { PlatformError, PlatformErrorCode, UnitOfWork, newId, type Principal } from '@zhongshu/platform';
import { OaError } from '../oa-error.js';
import { CHINA_CALENDAR_YEARS, HOURS_PER_DAY, WORKING_HOURS, WorkingCalendar, isCalendarDate, type CalendarDay, type CalendarOverride } from './working-calendar.js';
import type { CalendarYearDto, SetOverrideDto } from './calendar.dto.js';

const CHINA_ONLY = new WorkingCalendar();
const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The company's working calendar: China's calendar (`chinese-days`) with the company's
 * overrides from `oa.calendar_override`, read in the caller's transaction. Leave
 * durations and the calendar admin page both ask it.
 */
@Injectable()
export class CompanyCalendar {
  constructor(private readonly uow: UnitOfWork) {}

  /** The calendar with the overrides of the dates from `from` to `to`. */
  async between(from: string, to: string): Promise<WorkingCalendar> {
    const rows: Array<{ day: string; kind: 'off' | 'work'; name: string }> = await this.uow.manager.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM oa.calendar_override WHERE day BETWEEN $1 AND $2`,
      [from, to],
    );
    return new WorkingCalendar(rows.map((row): CalendarOverride => ({ date: row.day, kind: row.kind, name: row.name })));
  }

  async year(year: number): Promise<CalendarYearDto> {
    if (year < 2000 || year > 2100) throw new PlatformError(PlatformErrorCode.InvalidQuery, HttpStatus.BAD_REQUEST, 'The year must be between 2000 and 2100', [{ field: 'year', message: 'must be between 2000 and 2100' }]);
    const calendar = await this.between(`${year}-01-01`, `${year}-12-31`);
    return {
      year,
      chinaCalendarKnown: year >= CHINA_CALENDAR_YEARS.first && year <= CHINA_CALENDAR_YEARS.last,
      workingHours: { morning: WORKING_HOURS.morning.map(clock), afternoon: WORKING_HOURS.afternoon.map(clock), hoursPerDay: HOURS_PER_DAY },
      days: calendar.special(year).map((day) => this.toDto(day)),
    };
  }

  /** Sets the company's own meaning of a date (an extra day off, a working day made up). */
  async setOverride(principal: Principal, date: string, input: SetOverrideDto): Promise<CalendarDay> {
    if (!isCalendarDate(date)) throw OaError.invalidReference('date', `${date} is not a date`);
    return this.uow.run(async (manager) => {
      await manager.query(
        `INSERT INTO oa.calendar_override (id, day, kind, name, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = now(), version = oa.calendar_override.version + 1`,
        [newId(), date, input.kind, input.name.trim(), principal.userId],
      );
      return (await this.between(date, date)).day(date);
    });
  }

  /** Removes the override: the date is what China's calendar says again. */
  async removeOverride(date: string): Promise<CalendarDay> {
    if (!isCalendarDate(date)) throw OaError.invalidReference('date', `${date} is not a date`);
    return this.uow.run(async (manager) => {
      const [, removed] = await manager.query('DELETE FROM oa.calendar_override WHERE day = $1', [date]);
      if (!removed) throw OaError.notFound('Calendar override', date);
      return CHINA_ONLY.day(date);
    });
  }

  private toDto(day: CalendarDay): CalendarYearDto['days'][number] {
    const overridden = day.kind === 'company-off' || day.kind === 'company-workday';
    return { ...day, china: overridden ? CHINA_ONLY.day(day.date).kind : day.kind, overridden };
  }
}
