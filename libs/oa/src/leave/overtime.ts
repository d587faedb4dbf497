import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { ORG_DIRECTORY, type OrgDirectory } from '@zhongshu/contracts';
import { UnitOfWork, newId, type Principal } from '@zhongshu/platform';
import { ApprovalHooks, type ApprovalEnded } from '../business/approval-hooks.js';
import { OaRequests } from '../business/oa-requests.js';
import { HOURS_PER_DAY, isCalendarDate } from '../calendar/working-calendar.js';
import { OaError } from '../oa-error.js';
import { LeaveBook } from './leave-book.js';
import type { LeaveSubmittedDto, OvertimeDto, SubmitOvertimeDto } from './leave.dto.js';
import { LeaveTypes } from './leave-types.service.js';

export const OVERTIME_BUSINESS = 'oa.overtime';

/**
 * 加班: approved overtime earns compensatory leave (调休) on the type whose accrual is
 * `overtime`, in the year it was worked, at the company's hours per day.
 */
@Injectable()
export class OvertimeService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: OaRequests,
    private readonly hooks: ApprovalHooks,
    private readonly book: LeaveBook,
    private readonly types: LeaveTypes,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  onModuleInit(): void {
    this.hooks.register(OVERTIME_BUSINESS, { ended: (event) => this.ended(event) });
  }

  async submit(principal: Principal, input: SubmitOvertimeDto): Promise<LeaveSubmittedDto> {
    if (!isCalendarDate(input.workDate)) throw OaError.invalidForm([{ field: 'workDate', message: 'must be a date YYYY-MM-DD' }]);
    const hours = new Decimal(input.hours);
    if (hours.lte(0) || hours.gt(24)) throw OaError.invalidForm([{ field: 'hours', message: 'must be more than 0 and at most 24' }]);
    return this.uow.run(async (manager) => {
      const [person] = await this.directory.people([principal.userId]);
      if (!person || person.status !== 'active') throw OaError.notFound('Person', principal.userId);
      const id = newId();
      await manager.query(
        `INSERT INTO oa.overtime (id, person_id, department_id, work_date, hours, reason, status, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $2, $2)`,
        [id, principal.userId, person.departmentId, input.workDate, hours.toString(), input.reason],
      );
      const days = hours.div(HOURS_PER_DAY);
      const started = await this.requests.startForBusiness({
        businessType: OVERTIME_BUSINESS,
        businessId: id,
        applicantId: principal.userId,
        actorId: principal.userId,
        title: `${person.name}的加班 ${input.workDate}`,
        formData: { workDate: input.workDate, hours: hours.toNumber(), reason: input.reason },
      });
      await manager.query('UPDATE oa.overtime SET request_id = $2 WHERE id = $1', [id, started.id]);
      return { id, requestId: started.id, number: started.number, status: started.status === 'approved' ? 'approved' : 'pending', days: days.toString() };
    });
  }

  async mine(principal: Principal): Promise<OvertimeDto[]> {
    return this.uow.manager.query(
      `SELECT id, to_char(work_date, 'YYYY-MM-DD') AS "workDate", trim_scale(hours)::text AS hours, trim_scale(round(hours / $2, 4))::text AS days, reason, status, request_id AS "requestId"
         FROM oa.overtime WHERE person_id = $1 ORDER BY work_date DESC, id DESC`,
      [principal.userId, HOURS_PER_DAY],
    );
  }

  private async ended(event: ApprovalEnded): Promise<void> {
    const [overtime] = await this.uow.manager.query(
      `SELECT id, person_id, to_char(work_date, 'YYYY-MM-DD') AS work_date, hours::text, status FROM oa.overtime WHERE id = $1 FOR UPDATE`,
      [event.businessId],
    );
    if (!overtime || overtime.status !== 'pending') return;
    await this.uow.manager.query('UPDATE oa.overtime SET status = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1', [overtime.id, event.outcome, event.byId]);
    if (event.outcome !== 'approved') return;
    const type = await this.types.byAccrual('overtime');
    if (!type) return;
    const balanceId = await this.book.ensure(overtime.person_id as string, type.id, Number((overtime.work_date as string).slice(0, 4)));
    await this.book.post(
      balanceId,
      { kind: 'grant', granted: new Decimal(overtime.hours as string).div(HOURS_PER_DAY), overtimeId: overtime.id as string, note: `加班 ${overtime.work_date} ${new Decimal(overtime.hours as string).toString()} 小时` },
      event.byId,
    );
  }
}
