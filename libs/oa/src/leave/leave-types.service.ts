import { HttpStatus, Injectable } from '@nestjs/common';
import { PlatformError, UnitOfWork, newId, type Principal } from '@zhongshu/platform';
import { OaError, OaErrorCode } from '../oa-error.js';
import type { LeaveTypeDto, LeaveTypeInputDto, UpdateLeaveTypeDto } from './leave.dto.js';

export const LEAVE_TYPE_COLUMNS = `id, code, name, name_en AS "nameEn", paid, unit, calendar_days AS "calendarDays", keeps_balance AS "keepsBalance",
  allow_negative AS "allowNegative", accrual, yearly_days::text AS "yearlyDays", attachment_above_days::text AS "attachmentAboveDays",
  max_days_per_request::text AS "maxDaysPerRequest", carry_over_max_days::text AS "carryOverMaxDays", carry_over_expires AS "carryOverExpires", sort, status, version`;

/**
 * 假期类型: annual, sick, personal, marriage, maternity, paternity, bereavement,
 * compensatory (调休) and whatever an admin adds, each with its rules.
 */
@Injectable()
export class LeaveTypes {
  constructor(private readonly uow: UnitOfWork) {}

  async list(includeArchived: boolean): Promise<LeaveTypeDto[]> {
    return this.uow.manager.query(`SELECT ${LEAVE_TYPE_COLUMNS} FROM oa.leave_type WHERE $1 OR status = 'active' ORDER BY sort, code`, [includeArchived]);
  }

  async get(id: string): Promise<LeaveTypeDto | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${LEAVE_TYPE_COLUMNS} FROM oa.leave_type WHERE id = $1`, [id]);
    return row as LeaveTypeDto | undefined;
  }

  async byAccrual(accrual: string): Promise<LeaveTypeDto | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${LEAVE_TYPE_COLUMNS} FROM oa.leave_type WHERE accrual = $1 AND status = 'active' ORDER BY sort, code LIMIT 1`, [accrual]);
    return row as LeaveTypeDto | undefined;
  }

  async create(principal: Principal, input: LeaveTypeInputDto): Promise<LeaveTypeDto> {
    this.check(input);
    return this.uow.run(async (manager) => {
      const [taken] = await manager.query('SELECT 1 FROM oa.leave_type WHERE code = $1', [input.code]);
      if (taken) throw new OaError(OaErrorCode.Duplicate, HttpStatus.CONFLICT, `A leave type with the code ${input.code} exists`, [{ field: 'code', message: 'is taken' }]);
      const id = newId();
      await manager.query(
        `INSERT INTO oa.leave_type (id, code, name, name_en, paid, unit, calendar_days, keeps_balance, allow_negative, accrual, yearly_days,
                                    attachment_above_days, max_days_per_request, carry_over_max_days, carry_over_expires, sort, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
        [id, input.code, input.name, input.nameEn, ...this.rules(input), principal.userId],
      );
      return (await this.get(id)) as LeaveTypeDto;
    });
  }

  async update(principal: Principal, id: string, input: UpdateLeaveTypeDto): Promise<LeaveTypeDto> {
    this.check(input);
    return this.uow.run(async (manager) => {
      const current = await this.get(id);
      if (!current) throw OaError.notFound('Leave type', id);
      if (current.code !== input.code) throw OaError.invalidReference('code', 'The code of a leave type does not change');
      const [, changed] = await manager.query(
        `UPDATE oa.leave_type SET name = $3, name_en = $4, paid = $5, unit = $6, calendar_days = $7, keeps_balance = $8, allow_negative = $9, accrual = $10,
                yearly_days = $11, attachment_above_days = $12, max_days_per_request = $13, carry_over_max_days = $14, carry_over_expires = $15, sort = $16,
                status = $17, updated_by = $18, updated_at = now(), version = version + 1
          WHERE id = $1 AND version = $2`,
        [id, input.version, input.name, input.nameEn, ...this.rules(input), input.status, principal.userId],
      );
      if (!changed) throw PlatformError.versionConflict('Leave type', id, input.version, current.version);
      return (await this.get(id)) as LeaveTypeDto;
    });
  }

  private rules(input: LeaveTypeInputDto): unknown[] {
    return [
      input.paid,
      input.unit,
      input.calendarDays,
      input.keepsBalance,
      input.allowNegative,
      input.accrual,
      input.yearlyDays ?? null,
      input.attachmentAboveDays ?? null,
      input.maxDaysPerRequest ?? null,
      input.carryOverMaxDays ?? null,
      input.carryOverExpires ?? null,
      input.sort ?? 0,
    ];
  }

  /** The rules that only make sense together, each refused on its field. */
  private check(input: LeaveTypeInputDto): void {
    const problems: Array<{ field: string; message: string }> = [];
    if (input.unit === 'hour' && input.calendarDays) problems.push({ field: 'calendarDays', message: 'an hourly type counts working hours' });
    if (input.accrual === 'fixed' && !input.yearlyDays) problems.push({ field: 'yearlyDays', message: 'a fixed grant needs its days per year' });
    if (!input.keepsBalance && input.accrual !== 'none') problems.push({ field: 'accrual', message: 'a type without a balance grants nothing' });
    if (input.carryOverMaxDays && !input.carryOverExpires) problems.push({ field: 'carryOverExpires', message: 'carried-over days need the day they expire' });
    if (problems.length > 0) throw OaError.invalidForm(problems);
  }
}
