import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { ORG_DIRECTORY, OaPermission, type EventEnvelope, type OrgDirectory } from '@zhongshu/contracts';
import { APP_CONFIG, AuditScope, Clock, EventHandler, ScheduledJob, UnitOfWork, isInScope, type AppConfig, type Principal, type ScheduledRun } from '@zhongshu/platform';
import { calendarDate } from '../delegations/delegation-resolver.js';
import { OaError } from '../oa-error.js';
import { statutoryAnnualDays } from './entitlement.js';
import { LeaveBook } from './leave-book.js';
import type { AdjustBalanceDto, GrantRunResultDto, LeaveBalanceDto, LedgerEntryDto } from './leave.dto.js';
import { LeaveTypes } from './leave-types.service.js';

const BALANCE_DTO = `SELECT b.id, json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'nameEn', t.name_en, 'unit', t.unit) AS "leaveType", $2::int AS year,
    trim_scale(coalesce(b.granted, 0))::text AS granted, trim_scale(coalesce(b.held, 0))::text AS held, trim_scale(coalesce(b.used, 0))::text AS used,
    trim_scale(coalesce(b.granted - b.held - b.used, 0))::text AS available, trim_scale(coalesce(b.carried, 0))::text AS carried,
    to_char(b.carried_expires_on, 'YYYY-MM-DD') AS "carriedExpiresOn", coalesce(b.carried_expired, false) AS "carriedExpired"
  FROM oa.leave_type t LEFT JOIN oa.leave_balance b ON b.leave_type_id = t.id AND b.person_id = $1 AND b.year = $2
  WHERE t.keeps_balance AND (t.status = 'active' OR b.id IS NOT NULL)
  ORDER BY t.sort, t.code`;

/**
 * 假期余额: what each person may take, by type and year, and the ledger that explains
 * it. Grants: statutory annual leave by years of service (prorated for joiners and
 * leavers, recomputed when someone leaves), fixed yearly grants, compensatory leave
 * from approved overtime (`OvertimeService`); carry-over into the next year up to the
 * type's cap, expiring on its day (the `oa.leave-carry-over-expiry` job).
 */
@Injectable()
export class LeaveBalances {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly book: LeaveBook,
    private readonly types: LeaveTypes,
    private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return calendarDate(this.clock.now(), this.config.timeZone);
  }

  async list(principal: Principal, personId: string | undefined, year: number | undefined): Promise<LeaveBalanceDto[]> {
    const subject = personId ?? principal.userId;
    if (subject !== principal.userId) await this.requireManage(principal, subject);
    return this.uow.manager.query(BALANCE_DTO, [subject, year ?? Number(this.today().slice(0, 4))]);
  }

  /** Every entry of a balance, oldest first, with what was available after each. */
  async ledger(principal: Principal, balanceId: string): Promise<LedgerEntryDto[]> {
    const [balance] = await this.uow.manager.query('SELECT person_id FROM oa.leave_balance WHERE id = $1', [balanceId]);
    if (!balance) throw OaError.notFound('Leave balance', balanceId);
    if (balance.person_id !== principal.userId) await this.requireManage(principal, balance.person_id as string, () => OaError.notFound('Leave balance', balanceId));
    return this.uow.manager.query(
      `SELECT e.id, e.kind, trim_scale(e.granted_delta)::text AS "grantedDelta", trim_scale(e.held_delta)::text AS "heldDelta", trim_scale(e.used_delta)::text AS "usedDelta",
              trim_scale(sum(e.granted_delta - e.held_delta - e.used_delta) OVER (ORDER BY e.at, e.id))::text AS "availableAfter",
              e.leave_id AS "leaveId",
              CASE WHEN l.id IS NULL THEN NULL ELSE to_char(l.start_date, 'YYYY-MM-DD') || ' ~ ' || to_char(l.end_date, 'YYYY-MM-DD') END AS "leavePeriod",
              e.source, e.note, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM oa.leave_ledger e LEFT JOIN oa.leave_request l ON l.id = e.leave_id
        WHERE e.balance_id = $1 ORDER BY e.at, e.id`,
      [balanceId],
    );
  }

  /** The year's grants (statutory annual, fixed) for everyone or the people named; repeating it changes nothing. */
  async grantYear(principal: Principal | null, year: number, personIds?: readonly string[]): Promise<GrantRunResultDto> {
    return this.uow.run(async (manager) => {
      const types = (await this.types.list(false)).filter((type) => type.accrual === 'statutory-annual' || type.accrual === 'fixed');
      const people = await this.directory.employees(personIds);
      const leavers = new Map<string, string>(
        (await manager.query(`SELECT person_id, to_char(left_on, 'YYYY-MM-DD') AS left_on FROM oa.leaver WHERE person_id = ANY($1::uuid[])`, [people.map((person) => person.id)])).map(
          (row: { person_id: string; left_on: string }) => [row.person_id, row.left_on],
        ),
      );
      const grants = people.flatMap((person) =>
        types.flatMap((type) => {
          const leftOn = leavers.get(person.id) ?? null;
          // Someone gone before the year began, or gone without a known date, earns nothing in it.
          if (person.status === 'left' && (!leftOn || leftOn < `${year}-01-01`)) return [];
          const amount = type.accrual === 'statutory-annual' ? new Decimal(statutoryAnnualDays(year, person.hireDate, leftOn)) : new Decimal(type.yearlyDays ?? 0);
          const note = type.accrual === 'statutory-annual' ? `法定年假 ${year}（入职 ${person.hireDate ?? '?'}${leftOn ? `，离职 ${leftOn}` : ''}）` : `${type.name} ${year}`;
          return [{ personId: person.id, leaveTypeId: type.id, amount, source: `${type.accrual}:${year}`, note }];
        }),
      );
      const changed = await this.book.grantMany(year, grants, principal?.userId ?? null);
      return { people: people.length, changed };
    });
  }

  /** 结转: unused days of `fromYear` (up to each type's cap) into the next year, expiring on the type's day. */
  async carryOver(principal: Principal, fromYear: number): Promise<GrantRunResultDto> {
    return this.uow.run(async (manager) => {
      const types = (await this.types.list(false)).filter((type) => type.keepsBalance && type.carryOverMaxDays && new Decimal(type.carryOverMaxDays).gt(0));
      let changed = 0;
      let people = 0;
      for (const type of types) {
        const balances: Array<{ person_id: string; left: string }> = await manager.query(
          `SELECT person_id, (granted - held - used)::text AS left FROM oa.leave_balance WHERE leave_type_id = $1 AND year = $2 ORDER BY person_id`,
          [type.id, fromYear],
        );
        people += balances.length;
        for (const balance of balances) {
          const carry = Decimal.max(0, Decimal.min(balance.left, type.carryOverMaxDays as string));
          const [existing] = await manager.query('SELECT id FROM oa.leave_balance WHERE person_id = $1 AND leave_type_id = $2 AND year = $3', [balance.person_id, type.id, fromYear + 1]);
          if (!existing && carry.isZero()) continue;
          const target = (existing?.id as string | undefined) ?? (await this.book.ensure(balance.person_id, type.id, fromYear + 1));
          const source = `carry-over:${fromYear}`;
          const [row] = await manager.query(`SELECT coalesce(sum(granted_delta), 0)::text AS total FROM oa.leave_ledger WHERE balance_id = $1 AND source = $2`, [target, source]);
          const difference = carry.minus(row.total as string);
          if (difference.isZero()) continue;
          await this.book.post(target, { kind: 'carry-over', granted: difference, source, note: `${fromYear} 年结转（上限 ${type.carryOverMaxDays} 天）` }, principal.userId);
          await manager.query(`UPDATE oa.leave_balance SET carried = $2, carried_expires_on = $3, carried_expired = false WHERE id = $1`, [
            target,
            carry.toString(),
            `${fromYear + 1}-${type.carryOverExpires}`,
          ]);
          changed += 1;
        }
      }
      return { people, changed };
    });
  }

  /**
   * Carried-over days expire after their day: what is left of them (days taken or
   * held are counted against the carried days first) leaves the balance.
   */
  @ScheduledJob('oa.leave-carry-over-expiry', { everyMs: 3_600_000 })
  async expireCarryOver({ now }: ScheduledRun): Promise<{ expired: number }> {
    return AuditScope.run({ action: 'oa:leave:carry-over-expiry' }, () =>
      this.uow.run(async (manager) => {
        const today = calendarDate(now, this.config.timeZone);
        const due: Array<{ id: string; unused: string }> = await manager.query(
          `SELECT id, greatest(carried - used - held, 0)::text AS unused FROM oa.leave_balance
            WHERE carried > 0 AND NOT carried_expired AND carried_expires_on < $1 ORDER BY id FOR UPDATE`,
          [today],
        );
        for (const balance of due) {
          await manager.query('UPDATE oa.leave_balance SET carried_expired = true WHERE id = $1', [balance.id]);
          if (new Decimal(balance.unused).gt(0)) await this.book.post(balance.id, { kind: 'expire', granted: new Decimal(balance.unused).neg(), note: '结转假期到期' }, null);
        }
        return { expired: due.length };
      }),
    );
  }

  /** A manual correction, with its reason; it may not take a balance below zero unless the type allows it. */
  async adjust(principal: Principal, input: AdjustBalanceDto): Promise<LeaveBalanceDto[]> {
    await this.requireManage(principal, input.personId);
    return this.uow.run(async (manager) => {
      const type = await this.types.get(input.leaveTypeId);
      if (!type || !type.keepsBalance) throw OaError.invalidReference('leaveTypeId', `Leave type ${input.leaveTypeId} does not exist or keeps no balance`);
      const balanceId = await this.book.ensure(input.personId, type.id, input.year);
      await this.book.post(balanceId, { kind: 'grant', granted: input.days, note: input.note }, principal.userId);
      const [after] = await manager.query('SELECT (granted - held - used)::text AS available FROM oa.leave_balance WHERE id = $1', [balanceId]);
      if (!type.allowNegative && new Decimal(after.available as string).lt(0)) throw OaError.invalidForm([{ field: 'days', message: 'would take the balance below zero' }]);
      return this.uow.manager.query(BALANCE_DTO, [input.personId, input.year]);
    });
  }

  /** A leaver's statutory leave is prorated to the day they left; someone back is whole again. */
  @EventHandler('org.person.status-changed', { name: 'oa.leave-leaver-entitlement' })
  async onStatusChanged(event: EventEnvelope<'org.person.status-changed'>): Promise<void> {
    const { personId, status, previousStatus } = event.payload;
    const day = calendarDate(new Date(event.occurredAt), this.config.timeZone);
    if (status === 'left') {
      await this.uow.manager.query('INSERT INTO oa.leaver (person_id, left_on) VALUES ($1, $2) ON CONFLICT (person_id) DO UPDATE SET left_on = EXCLUDED.left_on', [personId, day]);
    } else if (previousStatus === 'left') {
      await this.uow.manager.query('DELETE FROM oa.leaver WHERE person_id = $1', [personId]);
    } else {
      return;
    }
    await this.regrantExisting(personId, Number(day.slice(0, 4)));
  }

  /** A joiner's grants of the year, once org has them. */
  @EventHandler('org.person.hired', { name: 'oa.leave-joiner-entitlement' })
  async onHired(event: EventEnvelope<'org.person.hired'>): Promise<void> {
    const year = Number(calendarDate(new Date(event.occurredAt), this.config.timeZone).slice(0, 4));
    await this.grantYear(null, year, [event.payload.personId]);
  }

  /** Recomputes a person's statutory grant of a year where they had one. */
  private async regrantExisting(personId: string, year: number): Promise<void> {
    const [granted] = await this.uow.manager.query(
      `SELECT 1 FROM oa.leave_ledger e JOIN oa.leave_balance b ON b.id = e.balance_id WHERE b.person_id = $1 AND b.year = $2 AND e.source = $3 LIMIT 1`,
      [personId, year, `statutory-annual:${year}`],
    );
    if (granted) await this.grantYear(null, year, [personId]);
  }

  private async requireManage(principal: Principal, personId: string, otherwise = () => OaError.notFound('Person', personId)): Promise<void> {
    if (!principal.permissions.has(OaPermission.LeaveManage)) throw otherwise();
    const [person] = await this.directory.people([personId]);
    if (!person || !isInScope(principal, OaPermission.LeaveManage, { ownerId: null, departmentId: person.departmentId })) throw otherwise();
  }
}
