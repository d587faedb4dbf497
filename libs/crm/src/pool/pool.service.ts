import { Inject, Injectable } from '@nestjs/common';
import { CrmPermission, type Page } from '@zhongshu/contracts';
import { APP_CONFIG, AuditScope, Clock, Notifications, PlatformError, RequestContext, ScheduledJob, UnitOfWork, containsText, sql, type AppConfig, type Principal, type ScheduledRun, type Sql } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { CUSTOMERS } from '../customers/customer-read.js';
import type { CustomerDto, PoolQueryDto, PoolSettingsDto, ReturnToPoolDto } from '../customers/customer.dto.js';
import { Customer } from '../customers/customer.entity.js';
import { CustomersService } from '../customers/customers.service.js';
import { CrmPeople } from '../shared/crm-people.js';

const DAY = 86_400_000;
const BATCH = 500;

interface Settings {
  holdingCap: number | null;
  dailyClaimCap: number | null;
  noFollowUpDays: number | null;
  noDealDays: number | null;
  warnDays: number;
  coolingOffDays: number;
  version: number;
}

const SETTINGS_SQL = `SELECT holding_cap AS "holdingCap", daily_claim_cap AS "dailyClaimCap", no_follow_up_days AS "noFollowUpDays", no_deal_days AS "noDealDays",
  warn_days AS "warnDays", cooling_off_days AS "coolingOffDays", version FROM crm.pool_settings`;

/**
 * 公海: customers without an owner, claimed by reps within a holding cap and a daily
 * claim cap, returned by their owner or by the rules (no follow-up for N days, no won
 * deal for M days; never while an open opportunity is at or past its pipeline's
 * protecting stage), with a warning before, and a cooling-off before the rep it was
 * returned from may claim it again.
 */
@Injectable()
export class PoolService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly customers: CustomersService,
    private readonly people: CrmPeople,
    private readonly notifications: Notifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, query: PoolQueryDto): Promise<Page<CustomerDto>> {
    const where: Sql[] = [sql`customer.status = 'active'`, sql`customer.owner_id IS NULL`, await this.customers.poolCondition(principal)];
    if (query.search) where.push(containsText(['customer.name', 'customer.phone', 'customer.credit_code'], query.search));
    if (query.industry) where.push(sql`customer.industry = ${query.industry}`);
    if (query.province) where.push(sql`customer.province = ${query.province}`);
    return CUSTOMERS.page(this.uow.manager, where, { ...query, sort: query.sort ?? '-poolEnteredAt' });
  }

  async settings(): Promise<Settings> {
    const [row] = (await this.uow.manager.query(SETTINGS_SQL)) as Settings[];
    return row;
  }

  async updateSettings(input: PoolSettingsDto): Promise<Settings> {
    return this.uow.run(async (manager) => {
      const [rows]: [Settings[], number] = await manager.query(
        `UPDATE crm.pool_settings SET holding_cap = $1, daily_claim_cap = $2, no_follow_up_days = $3, no_deal_days = $4, warn_days = $5, cooling_off_days = $6,
                version = version + 1, updated_at = now(), updated_by = $8
          WHERE version = $7
          RETURNING holding_cap AS "holdingCap", daily_claim_cap AS "dailyClaimCap", no_follow_up_days AS "noFollowUpDays", no_deal_days AS "noDealDays", warn_days AS "warnDays", cooling_off_days AS "coolingOffDays", version`,
        [input.holdingCap, input.dailyClaimCap, input.noFollowUpDays, input.noDealDays, input.warnDays, input.coolingOffDays, input.version, RequestContext.actorId() ?? null],
      );
      if (rows.length === 0) throw PlatformError.versionConflict('Pool settings', 'crm.pool_settings', input.version, (await this.settings()).version);
      // A changed rule gives every owner a fresh warning before its new dates.
      await manager.query('UPDATE crm.customer SET pool_warned_for = NULL WHERE pool_warned_for IS NOT NULL');
      return rows[0];
    });
  }

  /**
   * A rep claims a pool customer. Claims of one rep are serialised (an advisory lock on
   * the rep), so two claims for the last slot of a cap cannot both pass; the customer's
   * row lock makes two reps claiming the same customer one winner and one 409.
   */
  async claim(principal: Principal, id: string): Promise<Customer> {
    return this.uow.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('crm.pool-claim:' || $1, 0))`, [principal.userId]);
      const customer = await manager.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!customer || customer.status !== 'active') throw CrmError.notFound('Customer', id);
      const teams = await this.people.poolTeams(principal, CrmPermission.PoolClaim);
      if (customer.ownerId === null && teams !== undefined && !teams.includes(customer.departmentId)) throw CrmError.notFound('Customer', id);
      if (customer.ownerId !== null) {
        throw CrmError.conflict(CrmErrorCode.NotInPool, customer.ownerId === principal.userId ? 'You already own this customer' : 'Someone else claimed this customer first; it is no longer in the pool');
      }
      const departmentId = principal.departmentIds[0];
      if (!departmentId) throw CrmError.unprocessable(CrmErrorCode.NotInPool, 'You belong to no department, so you cannot hold customers');
      const now = this.clock.now();
      const settings = await this.settings();
      if (settings.coolingOffDays > 0) {
        const [returned] = await manager.query(
          `SELECT max(occurred_at) AS at FROM crm.timeline_entry WHERE customer_id = $1 AND person_id = $2 AND kind = 'pool-returned'`,
          [id, principal.userId],
        );
        const until = returned?.at ? new Date(new Date(returned.at).getTime() + settings.coolingOffDays * DAY) : null;
        if (until && until > now) {
          throw CrmError.conflict(CrmErrorCode.CoolingOff, `This customer was returned to the pool from you; you may claim it again from ${until.toISOString()} (a ${settings.coolingOffDays}-day cooling-off)`);
        }
      }
      if (settings.holdingCap !== null) {
        const [{ held }] = await manager.query(`SELECT count(*)::int AS held FROM crm.customer WHERE owner_id = $1 AND status = 'active'`, [principal.userId]);
        if (held >= settings.holdingCap) throw CrmError.conflict(CrmErrorCode.HoldingCapReached, `You already hold ${held} customers, the most a rep may hold (${settings.holdingCap}); return or transfer some first`);
      }
      if (settings.dailyClaimCap !== null) {
        const [{ claimed }] = await manager.query(
          `SELECT count(*)::int AS claimed FROM crm.timeline_entry
            WHERE person_id = $1 AND kind = 'claimed' AND occurred_at >= (date_trunc('day', $2::timestamptz AT TIME ZONE $3) AT TIME ZONE $3) AND occurred_at <= $2`,
          [principal.userId, now, this.config.timeZone],
        );
        if (claimed >= settings.dailyClaimCap) throw CrmError.conflict(CrmErrorCode.DailyClaimCapReached, `You have claimed ${claimed} customers today, the daily limit (${settings.dailyClaimCap}); claim more tomorrow`);
      }
      return this.customers.changeOwner(manager, customer, { toOwnerId: principal.userId, departmentId, kind: 'claim', reason: null });
    });
  }

  /** The owner (or someone whose scope reaches the customer) gives it back to its team's pool. */
  async giveBack(principal: Principal, id: string, input: ReturnToPoolDto): Promise<Customer> {
    return this.uow.run(async (manager) => {
      const customer = await this.customers.lockForChange(manager, principal, id, CrmPermission.PoolReturn);
      if (customer.ownerId === null) throw CrmError.conflict(CrmErrorCode.NotOwned, 'The customer is already in the pool');
      if (customer.version !== input.version) throw PlatformError.versionConflict('Customer', id, input.version, customer.version);
      return this.customers.changeOwner(manager, customer, { toOwnerId: null, departmentId: customer.departmentId, kind: 'pool-return', reason: input.reason });
    });
  }

  /**
   * The rules, on the Clock: owned customers past their due date go back to the pool
   * and their owner is told; those within `warnDays` of it get one warning per due date.
   */
  @ScheduledJob('crm.pool-rules', { everyMs: 15 * 60_000 })
  async applyRules({ now }: ScheduledRun): Promise<{ returned: number; warned: number }> {
    return AuditScope.run({ action: 'crm:pool:rules' }, async () => {
      const tally = { returned: 0, warned: 0 };
      const settings = await this.settings();
      if (settings.noFollowUpDays === null && settings.noDealDays === null) return tally;
      const horizon = new Date(now.getTime() + settings.warnDays * DAY);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const due: Array<{ id: string; owner_id: string; name: string; due_at: Date; pool_warned_for: Date | null; rule: 'no-follow-up' | 'no-deal' }> = await this.uow.manager.query(
          `SELECT id, owner_id, name, due_at, pool_warned_for, rule FROM (
             SELECT c.id, c.owner_id, c.name, c.pool_warned_for,
                    LEAST(f.due, d.due) AS due_at,
                    CASE WHEN d.due IS NULL OR f.due <= d.due THEN 'no-follow-up' ELSE 'no-deal' END AS rule
               FROM crm.customer c
               CROSS JOIN LATERAL (SELECT GREATEST(c.last_follow_up_at, coalesce(c.owned_since, c.created_at)) + make_interval(days => $1::int) AS due) f
               CROSS JOIN LATERAL (SELECT GREATEST(c.last_won_at, coalesce(c.owned_since, c.created_at)) + make_interval(days => $2::int) AS due) d
              WHERE c.status = 'active' AND c.owner_id IS NOT NULL AND c.id > $4
                AND NOT EXISTS (
                  SELECT 1 FROM crm.opportunity o
                    JOIN crm.pipeline p ON p.id = o.pipeline_id
                    JOIN crm.pipeline_stage guard ON guard.id = p.protect_from_stage_id
                    JOIN crm.pipeline_stage stage ON stage.id = o.stage_id
                   WHERE o.customer_id = c.id AND o.status = 'open' AND stage.position >= guard.position)
           ) candidates
           WHERE due_at <= $3
           ORDER BY id LIMIT ${BATCH}`,
          [settings.noFollowUpDays, settings.noDealDays, horizon, after],
        );
        for (const row of due) {
          const dueAt = new Date(row.due_at);
          if (dueAt <= now) {
            if (await this.returnByRule(row.id, row.owner_id, row.rule, dueAt)) tally.returned += 1;
          } else if (!row.pool_warned_for || new Date(row.pool_warned_for).getTime() !== dueAt.getTime()) {
            await this.warn(row.id, row.owner_id, row.name, row.rule, dueAt);
            tally.warned += 1;
          }
        }
        if (due.length < BATCH) break;
        after = due[due.length - 1].id;
      }
      return tally;
    });
  }

  private async returnByRule(id: string, ownerId: string, rule: string, dueAt: Date): Promise<boolean> {
    return this.uow.run(async (manager) => {
      const customer = await manager.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // Claimed, transferred or followed up since the candidates were read: the next run decides again.
      if (!customer || customer.status !== 'active' || customer.ownerId !== ownerId) return false;
      const reason = rule === 'no-follow-up' ? 'no-follow-up' : 'no-deal';
      await this.customers.changeOwner(manager, customer, { toOwnerId: null, departmentId: customer.departmentId, kind: 'pool-rule', reason, actorId: null });
      await this.notifications.notify({
        recipientId: ownerId,
        kind: 'crm.pool.returned',
        title: `客户「${customer.name}」已退回公海`,
        body: rule === 'no-follow-up' ? `超过规定天数未跟进（截至 ${dueAt.toISOString().slice(0, 10)}）` : `超过规定天数未成交（截至 ${dueAt.toISOString().slice(0, 10)}）`,
        link: `/crm/customers/${id}`,
        sourceType: 'crm.customer',
        sourceId: id,
      });
      return true;
    });
  }

  private async warn(id: string, ownerId: string, name: string, rule: string, dueAt: Date): Promise<void> {
    await this.uow.run(async (manager) => {
      await manager.query('UPDATE crm.customer SET pool_warned_for = $2 WHERE id = $1', [id, dueAt]);
      await this.notifications.notify({
        recipientId: ownerId,
        kind: 'crm.pool.warning',
        title: `客户「${name}」将于 ${dueAt.toISOString().slice(0, 10)} 退回公海`,
        body: rule === 'no-follow-up' ? '请尽快跟进，跟进后重新计时' : '长期未成交；推进商机或赢单可保留客户',
        link: `/crm/customers/${id}`,
        sourceType: 'crm.customer',
        sourceId: id,
      });
    });
  }
}
