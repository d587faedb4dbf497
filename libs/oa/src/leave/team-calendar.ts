import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, OaPermission, type OrgDirectory } from '@zhongshu/contracts';
import { UnitOfWork, scopeCondition, sql, type Principal } from '@zhongshu/platform';
import { CompanyCalendar } from '../calendar/company-calendar.js';
import { daysBetween, isCalendarDate } from '../calendar/working-calendar.js';
import { OaError } from '../oa-error.js';
import type { TeamCalendarDto, TeamLeaveDto } from './leave.dto.js';

/** The longest range the team calendar shows at once. */
const MAX_RANGE_DAYS = 62;

/**
 * 团队日历: who is away when, pending or approved, for the departments the caller's
 * `oa:leave:team` reaches (a manager: their department and below).
 */
@Injectable()
export class TeamCalendar {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendar: CompanyCalendar,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async between(principal: Principal, from: string, to: string): Promise<TeamCalendarDto> {
    if (!isCalendarDate(from)) throw OaError.invalidForm([{ field: 'from', message: 'must be a date YYYY-MM-DD' }]);
    if (!isCalendarDate(to) || to < from) throw OaError.invalidForm([{ field: 'to', message: 'must be a date not before from' }]);
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw OaError.invalidForm([{ field: 'to', message: `at most ${MAX_RANGE_DAYS} days at once` }]);
    const scope = scopeCondition(principal, OaPermission.LeaveTeam, { department: 'l.department_id' });
    const query = sql`SELECT l.id, l.person_id, l.department_id,
        json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'nameEn', t.name_en, 'unit', t.unit) AS "leaveType",
        to_char(l.start_date, 'YYYY-MM-DD') AS "startDate", to_char(l.end_date, 'YYYY-MM-DD') AS "endDate",
        l.start_half AS "startHalf", l.end_half AS "endHalf", trim_scale(l.days)::text AS days, l.status
      FROM oa.leave_request l JOIN oa.leave_type t ON t.id = l.leave_type_id
      WHERE l.status IN ('pending', 'approved') AND l.start_date <= ${to}::date AND l.end_date >= ${from}::date AND ${scope}
      ORDER BY l.start_date, l.id`.render();
    const rows: Array<TeamLeaveDto & { person_id: string; department_id: string }> = await this.uow.manager.query(query.text, query.values);
    const names = new Map((await this.directory.people(rows.map((row) => row.person_id))).map((person) => [person.id, person]));
    const people = new Map<string, TeamCalendarDto['people'][number]>();
    for (const { person_id: personId, department_id: departmentId, ...leave } of rows) {
      const entry = people.get(personId) ?? { person: { id: personId, name: names.get(personId)?.name ?? '' }, departmentId, leaves: [] };
      entry.leaves.push(leave);
      people.set(personId, entry);
    }
    const calendar = await this.calendar.between(from, to);
    return {
      from,
      to,
      days: calendar.days(from, to),
      people: [...people.values()].sort((a, b) => a.person.name.localeCompare(b.person.name, 'zh-CN')),
    };
  }
}
