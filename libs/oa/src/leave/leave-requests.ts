import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { ORG_DIRECTORY, OaPermission, type OrgDirectory } from '@zhongshu/contracts';
import { APP_CONFIG, Clock, EventBus, Notifications, UnitOfWork, isInScope, newId, type AppConfig, type Principal } from '@zhongshu/platform';
import { ApprovalHooks, type ApprovalEnded } from '../business/approval-hooks.js';
import { OaRequests } from '../business/oa-requests.js';
import { CompanyCalendar } from '../calendar/company-calendar.js';
import { addDays, leaveDuration, type LeaveDuration } from '../calendar/working-calendar.js';
import { calendarDate } from '../delegations/delegation-resolver.js';
import { FormValidator } from '../forms/form-validator.js';
import { OaError, OaErrorCode } from '../oa-error.js';
import { LeaveBook } from './leave-book.js';
import type { CancelLeaveDto, LeaveDto, LeavePeriodDto, LeaveQuoteDto, LeaveSubmittedDto, LeaveTypeDto, SubmitLeaveDto } from './leave.dto.js';
import { LeaveTypes } from './leave-types.service.js';

export const LEAVE_BUSINESS = 'oa.leave';
export const LEAVE_CANCELLATION_BUSINESS = 'oa.leave-cancellation';

interface LeaveRow {
  id: string;
  person_id: string;
  leave_type_id: string;
  start_date: string;
  end_date: string;
  start_half: 'am' | 'pm' | null;
  end_half: 'am' | 'pm' | null;
  start_time: string | null;
  end_time: string | null;
  days: string;
  status: string;
  balance_id: string | null;
  request_id: string | null;
  returned_days: string;
}

const LEAVE_ROW = `id, person_id, leave_type_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date,
  start_half, end_half, start_time, end_time, days::text, status, balance_id, request_id, returned_days::text`;

const LEAVE_DTO = `SELECT l.id, json_build_object('id', l.person_id, 'name', '') AS person,
    json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'nameEn', t.name_en, 'unit', t.unit) AS "leaveType",
    to_char(l.start_date, 'YYYY-MM-DD') AS "startDate", to_char(l.end_date, 'YYYY-MM-DD') AS "endDate",
    l.start_half AS "startHalf", l.end_half AS "endHalf", l.start_time AS "startTime", l.end_time AS "endTime",
    trim_scale(l.days)::text AS days, trim_scale(l.hours)::text AS hours, trim_scale(l.returned_days)::text AS "returnedDays", l.reason, l.status,
    l.request_id AS "requestId", r.number AS "requestNumber",
    (SELECT json_build_object('id', c.id, 'fromDate', to_char(c.from_date, 'YYYY-MM-DD'), 'days', trim_scale(c.days)::text, 'status', c.status, 'requestId', c.request_id)
       FROM oa.leave_cancellation c WHERE c.leave_id = l.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS cancellation,
    to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
  FROM oa.leave_request l JOIN oa.leave_type t ON t.id = l.leave_type_id LEFT JOIN oa.request r ON r.id = l.request_id`;

const UNIT_WORDS = { day: '天', 'half-day': '天', hour: '小时' } as const;

/**
 * 请假: a leave is quoted on the company calendar, held against its balance and sent
 * for approval in one transaction; its approval's end takes the days (approved) or
 * gives them back (rejected, withdrawn, cancelled) through the engine's hook, in the
 * transaction that ends it. 销假 (cancelling approved leave) has an approval of its own
 * and gives back the days from its first day not taken.
 */
@Injectable()
export class LeaveRequests implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly types: LeaveTypes,
    private readonly book: LeaveBook,
    private readonly calendar: CompanyCalendar,
    private readonly requests: OaRequests,
    private readonly hooks: ApprovalHooks,
    private readonly validator: FormValidator,
    private readonly events: EventBus,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(LEAVE_BUSINESS, { ended: (event) => this.leaveEnded(event), form: { path: '/oa/leave/new', permission: OaPermission.LeaveSubmit } });
    this.hooks.register(LEAVE_CANCELLATION_BUSINESS, { ended: (event) => this.cancellationEnded(event) });
  }

  today(): string {
    return calendarDate(this.clock.now(), this.config.timeZone);
  }

  /** What a leave would count and leave of the balance, as the form is filled in. */
  async quote(principal: Principal, input: LeavePeriodDto): Promise<LeaveQuoteDto> {
    const type = await this.activeType(input.leaveTypeId);
    const duration = await this.duration(type, input);
    const days = new Decimal(duration.days);
    let balance: LeaveQuoteDto['balance'] = null;
    if (type.keepsBalance) {
      const year = Number(input.startDate.slice(0, 4));
      const [row] = await this.uow.manager.query(
        'SELECT (granted - held - used)::text AS available FROM oa.leave_balance WHERE person_id = $1 AND leave_type_id = $2 AND year = $3',
        [principal.userId, type.id, year],
      );
      const available = new Decimal((row?.available as string | undefined) ?? 0);
      balance = { year, available: available.toString(), afterwards: available.minus(days).toString(), allowNegative: type.allowNegative };
    }
    return {
      days: duration.days,
      hours: duration.hours,
      unit: type.unit,
      dates: duration.dates.map(({ date, kind, working, name, nameEn, days: counted, hours }) => ({ date, kind, working, name, nameEn, days: counted, hours })),
      balance,
      attachmentRequired: this.needsAttachment(type, days),
    };
  }

  async submit(principal: Principal, input: SubmitLeaveDto): Promise<LeaveSubmittedDto> {
    return this.uow.run(async (manager) => {
      const type = await this.activeType(input.leaveTypeId);
      const duration = await this.duration(type, input);
      const days = new Decimal(duration.days);
      if (days.isZero()) {
        throw new OaError(OaErrorCode.NoWorkingTime, HttpStatus.UNPROCESSABLE_ENTITY, 'These dates hold no working time (weekends and holidays): there is nothing to take leave from', [
          { field: 'endDate', message: 'no working time between these dates' },
        ]);
      }
      if (type.keepsBalance && input.startDate.slice(0, 4) !== input.endDate.slice(0, 4)) {
        throw OaError.invalidForm([{ field: 'endDate', message: `a ${type.name} stays within one year: end it on ${input.startDate.slice(0, 4)}-12-31 and file the rest separately` }]);
      }
      if (type.maxDaysPerRequest && days.gt(type.maxDaysPerRequest)) throw OaError.invalidForm([{ field: 'endDate', message: `at most ${type.maxDaysPerRequest} day(s) in one request` }]);
      const attachments = await this.validator.attachments(input.attachmentIds, principal.userId);
      if (this.needsAttachment(type, days) && attachments.length === 0) {
        throw OaError.invalidForm([{ field: 'attachmentIds', message: `a ${type.name} longer than ${type.attachmentAboveDays} day(s) needs an attachment` }]);
      }
      const [applicant] = await this.directory.people([principal.userId]);
      if (!applicant || applicant.status !== 'active') throw OaError.notFound('Person', principal.userId);

      const [overlap] = await manager.query(
        `SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM oa.leave_request
          WHERE person_id = $1 AND status IN ('pending', 'approved') AND period && tsrange($2::timestamp, $3::timestamp, '[)') LIMIT 1`,
        [principal.userId, duration.from, duration.to],
      );
      if (overlap) throw this.overlaps(`your leave from ${overlap.start_date} to ${overlap.end_date}`);
      const id = newId();
      const year = Number(input.startDate.slice(0, 4));
      const balanceId = type.keepsBalance ? await this.book.ensure(principal.userId, type.id, year) : null;
      try {
        await manager.query(
          `INSERT INTO oa.leave_request (id, person_id, department_id, leave_type_id, start_date, end_date, start_half, end_half, start_time, end_time, period,
                                         days, hours, reason, attachment_ids, status, balance_id, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, tsrange($11::timestamp, $12::timestamp, '[)'), $13, $14, $15, $16, 'pending', $17, $2, $2)`,
          [
            id,
            principal.userId,
            applicant.departmentId,
            type.id,
            input.startDate,
            input.endDate,
            type.unit === 'half-day' ? (input.startHalf ?? null) : null,
            type.unit === 'half-day' ? (input.endHalf ?? null) : null,
            type.unit === 'hour' ? (input.startTime ?? null) : null,
            type.unit === 'hour' ? (input.endTime ?? null) : null,
            duration.from,
            duration.to,
            duration.days,
            duration.hours,
            input.reason,
            attachments.map((file) => file.id),
            balanceId,
          ],
        );
      } catch (error) {
        // Another leave of the same person committed between the look and the write.
        if ((error as { code?: string }).code === '23P01') throw this.overlaps('another leave of yours submitted at the same time');
        throw error;
      }
      if (balanceId) await this.book.hold(balanceId, days, type.allowNegative, id, principal.userId);
      const started = await this.requests.startForBusiness({
        businessType: LEAVE_BUSINESS,
        businessId: id,
        applicantId: principal.userId,
        actorId: principal.userId,
        title: `${applicant.name}的${type.name} ${input.startDate}~${input.endDate}`,
        formData: {
          leaveType: type.name,
          period: { start: input.startDate, end: input.endDate },
          duration: this.durationWords(type, duration),
          days: Number(duration.days),
          reason: input.reason,
          attachments,
        },
      });
      await manager.query('UPDATE oa.leave_request SET request_id = $2 WHERE id = $1', [id, started.id]);
      return { id, requestId: started.id, number: started.number, status: started.status === 'approved' ? 'approved' : 'pending', days: duration.days };
    });
  }

  async mine(principal: Principal, year?: number): Promise<LeaveDto[]> {
    const rows: LeaveDto[] = await this.uow.manager.query(
      `${LEAVE_DTO} WHERE l.person_id = $1 AND ($2::int IS NULL OR extract(year FROM l.start_date) = $2) ORDER BY l.start_date DESC, l.id DESC`,
      [principal.userId, year ?? null],
    );
    return this.named(rows);
  }

  async read(principal: Principal, id: string): Promise<LeaveDto> {
    const [row]: Array<LeaveDto & { department_id: string }> = await this.uow.manager.query(`${LEAVE_DTO.replace('SELECT l.id,', 'SELECT l.id, l.department_id,')} WHERE l.id = $1`, [id]);
    const mayRead =
      row &&
      (row.person.id === principal.userId ||
        ([OaPermission.LeaveTeam, OaPermission.LeaveManage] as const).some(
          (permission) => principal.permissions.has(permission) && isInScope(principal, permission, { ownerId: row.person.id, departmentId: row.department_id }),
        ));
    if (!mayRead) throw OaError.notFound('Leave', id);
    const { department_id: _department, ...leave } = row;
    return (await this.named([leave]))[0];
  }

  /** 销假: asks to give back an approved leave from its first day not taken; approved through its own request. */
  async cancel(principal: Principal, id: string, input: CancelLeaveDto): Promise<LeaveSubmittedDto> {
    return this.uow.run(async (manager) => {
      const leave = await this.lock(id);
      if (!leave || leave.person_id !== principal.userId) throw OaError.notFound('Leave', id);
      if (leave.status !== 'approved') throw OaError.notAllowed(`This leave is ${leave.status}: only approved leave is cancelled this way (withdraw or cancel its request instead)`);
      if (input.fromDate > leave.end_date) throw OaError.invalidForm([{ field: 'fromDate', message: `the leave ended on ${leave.end_date}` }]);
      const [pending] = await manager.query(`SELECT 1 FROM oa.leave_cancellation WHERE leave_id = $1 AND status = 'pending'`, [id]);
      if (pending) throw OaError.notAllowed('A cancellation of this leave is waiting for approval already');
      const type = (await this.types.get(leave.leave_type_id)) as LeaveTypeDto;
      const returned = await this.untaken(type, leave, input.fromDate);
      if (returned.isZero()) throw OaError.invalidForm([{ field: 'fromDate', message: 'no working time of the leave is left from that day' }]);
      const from = input.fromDate < leave.start_date ? leave.start_date : input.fromDate;
      const cancellationId = newId();
      await manager.query(
        `INSERT INTO oa.leave_cancellation (id, leave_id, person_id, from_date, days, reason, status, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $3, $3)`,
        [cancellationId, id, principal.userId, from, returned.toString(), input.reason],
      );
      const [applicant] = await this.directory.people([principal.userId]);
      const started = await this.requests.startForBusiness({
        businessType: LEAVE_CANCELLATION_BUSINESS,
        businessId: cancellationId,
        applicantId: principal.userId,
        actorId: principal.userId,
        title: `${applicant?.name ?? ''}的销假 ${leave.start_date}~${leave.end_date}`,
        formData: { leaveType: type.name, period: { start: leave.start_date, end: leave.end_date }, fromDate: from, days: returned.toNumber(), reason: input.reason },
      });
      await manager.query('UPDATE oa.leave_cancellation SET request_id = $2 WHERE id = $1', [cancellationId, started.id]);
      return { id: cancellationId, requestId: started.id, number: started.number, status: started.status === 'approved' ? 'approved' : 'pending', days: returned.toString() };
    });
  }

  // ---------------------------------------------------------------- the engine's hooks

  private async leaveEnded(event: ApprovalEnded): Promise<void> {
    const leave = await this.lock(event.businessId);
    if (!leave || leave.status !== 'pending') return;
    const days = new Decimal(leave.days);
    if (event.outcome === 'approved') {
      await this.uow.manager.query(`UPDATE oa.leave_request SET status = 'approved', approved_at = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [
        leave.id,
        event.at,
        event.byId,
      ]);
      if (leave.balance_id) await this.book.post(leave.balance_id, { kind: 'use', held: days.neg(), used: days, leaveId: leave.id }, event.byId);
      const type = (await this.types.get(leave.leave_type_id)) as LeaveTypeDto;
      await this.events.emit('oa.leave.approved', leave.id, {
        leaveId: leave.id,
        number: event.number,
        personId: leave.person_id,
        leaveTypeCode: type.code,
        startDate: leave.start_date,
        endDate: leave.end_date,
        days: days.toString(),
        approvedAt: event.at.toISOString(),
      });
      // The engine's delegation, offered for the leave's dates while they are still ahead.
      if (leave.end_date >= this.today()) {
        await this.notifications.notify([
          {
            recipientId: leave.person_id,
            kind: 'oa.leave.delegation-offer',
            title: `你的${type.name}（${leave.start_date} 至 ${leave.end_date}）已批准：需要请人代你审批吗？`,
            body: '设置审批委托后，这段时间分配给你的审批会转给代理人。',
            link: `/oa/leave/mine?delegate=${leave.id}`,
            sourceType: 'oa.leave',
            sourceId: leave.id,
          },
        ]);
      }
      return;
    }
    await this.uow.manager.query(`UPDATE oa.leave_request SET status = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [leave.id, event.outcome, event.byId]);
    if (leave.balance_id) await this.book.post(leave.balance_id, { kind: 'release', held: days.neg(), leaveId: leave.id, note: event.outcome }, event.byId);
  }

  private async cancellationEnded(event: ApprovalEnded): Promise<void> {
    const [cancellation] = await this.uow.manager.query(
      `SELECT id, leave_id, to_char(from_date, 'YYYY-MM-DD') AS from_date, days::text, status FROM oa.leave_cancellation WHERE id = $1 FOR UPDATE`,
      [event.businessId],
    );
    if (!cancellation || cancellation.status !== 'pending') return;
    await this.uow.manager.query(`UPDATE oa.leave_cancellation SET status = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [
      cancellation.id,
      event.outcome,
      event.byId,
    ]);
    if (event.outcome !== 'approved') return;
    const leave = await this.lock(cancellation.leave_id as string);
    if (!leave || leave.status !== 'approved') return;
    const type = (await this.types.get(leave.leave_type_id)) as LeaveTypeDto;
    // Counted again now, on today's calendar: what is given back is what the leave still holds from that day.
    const returned = Decimal.min(await this.untaken(type, leave, cancellation.from_date as string), new Decimal(leave.days));
    if (cancellation.from_date <= leave.start_date) {
      await this.uow.manager.query(
        `UPDATE oa.leave_request SET status = 'cancelled', returned_days = returned_days + $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
        [leave.id, returned.toString(), event.byId],
      );
    } else {
      const lastDay = addDays(cancellation.from_date as string, -1);
      await this.uow.manager.query(
        `UPDATE oa.leave_request SET end_date = $2, end_half = CASE WHEN end_half IS NULL THEN NULL ELSE 'pm' END, end_time = CASE WHEN end_time IS NULL THEN NULL ELSE '18:00' END,
                period = tsrange(lower(period), $3::timestamp, '[)'), days = days - $4, returned_days = returned_days + $4,
                updated_by = $5, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [leave.id, lastDay, `${cancellation.from_date}T00:00`, returned.toString(), event.byId],
      );
    }
    if (leave.balance_id && returned.gt(0)) {
      await this.book.post(leave.balance_id, { kind: 'return', used: returned.neg(), leaveId: leave.id, note: `销假 from ${cancellation.from_date}` }, event.byId);
    }
  }

  // ---------------------------------------------------------------- helpers

  private async lock(id: string): Promise<LeaveRow | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${LEAVE_ROW} FROM oa.leave_request WHERE id = $1 FOR UPDATE`, [id]);
    return row as LeaveRow | undefined;
  }

  private async activeType(id: string): Promise<LeaveTypeDto> {
    const type = await this.types.get(id);
    if (!type || type.status !== 'active') throw OaError.invalidReference('leaveTypeId', `Leave type ${id} does not exist`);
    return type;
  }

  async duration(type: LeaveTypeDto, input: LeavePeriodDto): Promise<LeaveDuration> {
    const calendar = await this.calendar.between(input.startDate, input.endDate < input.startDate ? input.startDate : input.endDate);
    const { problems, duration } = leaveDuration(calendar, input, { unit: type.unit, calendarDays: type.calendarDays });
    if (!duration) throw OaError.invalidForm(problems);
    return duration;
  }

  /** The days a leave still holds from `fromDate` on (all of it from its first day). */
  private async untaken(type: LeaveTypeDto, leave: LeaveRow, fromDate: string): Promise<Decimal> {
    const duration = await this.duration(type, {
      leaveTypeId: type.id,
      startDate: leave.start_date,
      endDate: leave.end_date,
      startHalf: leave.start_half ?? undefined,
      endHalf: leave.end_half ?? undefined,
      startTime: leave.start_time ?? undefined,
      endTime: leave.end_time ?? undefined,
    });
    return duration.dates.filter((date) => date.date >= fromDate).reduce((sum, date) => sum.plus(date.days), new Decimal(0));
  }

  private needsAttachment(type: LeaveTypeDto, days: Decimal): boolean {
    return type.attachmentAboveDays !== null && days.gt(type.attachmentAboveDays);
  }

  private durationWords(type: LeaveTypeDto, duration: LeaveDuration): string {
    const amount = type.unit === 'hour' ? duration.hours : duration.days;
    return `${amount} ${UNIT_WORDS[type.unit]}${type.calendarDays ? '（日历天）' : ''}`;
  }

  private overlaps(what: string): OaError {
    return new OaError(OaErrorCode.LeaveOverlaps, HttpStatus.CONFLICT, `This leave overlaps ${what}`, [{ field: 'startDate', message: `overlaps ${what}` }]);
  }

  private async named(rows: LeaveDto[]): Promise<LeaveDto[]> {
    const people = new Map((await this.directory.people(rows.map((row) => row.person.id))).map((person) => [person.id, person.name]));
    for (const row of rows) row.person = { id: row.person.id, name: people.get(row.person.id) ?? '' };
    return rows;
  }
}
