import { Inject, Injectable } from '@nestjs/common';
import { CrmPermission } from '@zhongshu/contracts';
import { APP_CONFIG, AuditScope, Clock, Notifications, ReadModel, ScheduledJob, UnitOfWork, isInScope, newId, sql, type AppConfig, type Principal, type ScheduledRun } from '@zhongshu/platform';
import { CrmError } from '../crm-error.js';
import { timestampText } from '../customers/customer-read.js';
import { CustomersService } from '../customers/customers.service.js';
import { CrmPeople } from '../shared/crm-people.js';
import { Timeline } from '../timeline/timeline.js';
import type { CreateFollowUpDto, FollowUpDto } from './follow-up.dto.js';

const FOLLOW_UPS = new ReadModel<FollowUpDto>({
  from: 'crm.follow_up follow_up LEFT JOIN crm.contact contact ON contact.id = follow_up.contact_id',
  fields: {
    id: 'follow_up.id',
    customerId: 'follow_up.customer_id',
    leadId: 'follow_up.lead_id',
    contactId: 'follow_up.contact_id',
    contactName: 'contact.name',
    opportunityId: 'follow_up.opportunity_id',
    kind: 'follow_up.kind',
    content: 'follow_up.content',
    occurredAt: timestampText('follow_up.occurred_at'),
    nextOn: 'follow_up.next_on::text',
    authorId: 'follow_up.author_id',
    authorName: 'NULL::text',
  },
  sortable: { occurredAt: 'follow_up.occurred_at' },
  defaultSort: [{ column: 'follow_up.occurred_at', direction: 'DESC' }],
  key: 'follow_up.id',
});

/**
 * 跟进记录: a call, visit, meeting, message or note on a customer or a lead. It restarts
 * the pool's no-follow-up clock, and its next follow-up date reminds the owner that day.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly customers: CustomersService,
    private readonly people: CrmPeople,
    private readonly timeline: Timeline,
    private readonly notifications: Notifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, input: CreateFollowUpDto): Promise<FollowUpDto> {
    if (!input.customerId === !input.leadId) throw CrmError.invalidReference('customerId', 'Give exactly one of customerId and leadId');
    const now = this.clock.now();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw CrmError.invalidReference('occurredAt', 'A follow-up cannot have happened in the future');
    if (input.nextOn && input.nextOn < this.today(now)) throw CrmError.invalidReference('nextOn', 'The next follow-up date cannot be in the past');
    const id = await this.uow.run(async (manager) => {
      const id = newId();
      if (input.customerId) {
        const customer = await this.customers.lockForChange(manager, principal, input.customerId, CrmPermission.CustomerUpdate).catch(() => {
          throw CrmError.invalidReference('customerId', `Customer ${input.customerId} does not exist or is not yours to follow up`);
        });
        if (input.contactId) await this.requireBelongs(manager, 'contact', input.contactId, customer.id, 'contactId');
        if (input.opportunityId) await this.requireBelongs(manager, 'opportunity', input.opportunityId, customer.id, 'opportunityId');
        await this.insert(manager, id, principal.userId, input, occurredAt);
        await manager.query(
          `UPDATE crm.customer SET last_follow_up_at = GREATEST(last_follow_up_at, $2::timestamptz), pool_warned_for = NULL,
                  next_follow_up_on = CASE WHEN $3::date IS NULL THEN next_follow_up_on ELSE $3::date END
            WHERE id = $1`,
          [customer.id, occurredAt, input.nextOn ?? null],
        );
        // Earlier reminders of this customer are settled by the newer follow-up.
        await manager.query('UPDATE crm.follow_up SET reminded_at = $3 WHERE customer_id = $1 AND id <> $2 AND next_on IS NOT NULL AND reminded_at IS NULL', [customer.id, id, now]);
        await this.timeline.record(manager, { customerId: customer.id, kind: 'follow-up', occurredAt, followUpId: id, personId: principal.userId, detail: { kind: input.kind, content: input.content.slice(0, 500), nextOn: input.nextOn ?? null } });
      } else {
        const [lead] = await manager.query(`SELECT owner_id, department_id, status FROM crm.lead WHERE id = $1 FOR UPDATE`, [input.leadId]);
        if (!lead || !isInScope(principal, CrmPermission.LeadUpdate, { ownerId: lead.owner_id, departmentId: lead.department_id })) {
          throw CrmError.invalidReference('leadId', `Lead ${input.leadId} does not exist or is not yours to follow up`);
        }
        if (input.contactId || input.opportunityId) throw CrmError.invalidReference('contactId', 'A lead has no contacts or opportunities yet');
        await this.insert(manager, id, principal.userId, input, occurredAt);
        await manager.query('UPDATE crm.lead SET last_follow_up_at = GREATEST(last_follow_up_at, $2::timestamptz) WHERE id = $1', [input.leadId, occurredAt]);
        await manager.query('UPDATE crm.follow_up SET reminded_at = $3 WHERE lead_id = $1 AND id <> $2 AND next_on IS NOT NULL AND reminded_at IS NULL', [input.leadId, id, now]);
      }
      return id;
    });
    const [created] = await this.named(await FOLLOW_UPS.list(this.uow.manager, [sql`follow_up.id = ${id}`]));
    return created;
  }

  /** A customer's or a lead's follow-ups, newest first (the caller has been checked to see the record). */
  async of(record: { customerId?: string; leadId?: string }): Promise<FollowUpDto[]> {
    const where = record.customerId ? sql`follow_up.customer_id = ${record.customerId}` : sql`follow_up.lead_id = ${record.leadId}`;
    return this.named(await FOLLOW_UPS.list(this.uow.manager, [where]));
  }

  /**
   * Every few minutes on the Clock: follow-ups whose next date has come remind the
   * owner of their customer or lead, once.
   */
  @ScheduledJob('crm.follow-up-reminders', { everyMs: 5 * 60_000 })
  async remind({ now }: ScheduledRun): Promise<{ reminded: number }> {
    return AuditScope.run({ action: 'crm:follow-up:remind' }, async () =>
      this.uow.run(async (manager) => {
        const due: Array<{ id: string; next_on: string; owner_id: string | null; name: string; customer_id: string | null; lead_id: string | null }> = await manager.query(
          `SELECT f.id, f.next_on::text, coalesce(c.owner_id, l.owner_id) AS owner_id, coalesce(c.name, l.company, l.name) AS name, f.customer_id, f.lead_id
             FROM crm.follow_up f
             LEFT JOIN crm.customer c ON c.id = f.customer_id
             LEFT JOIN crm.lead l ON l.id = f.lead_id
            WHERE f.next_on IS NOT NULL AND f.reminded_at IS NULL AND f.next_on <= $1::date
            ORDER BY f.next_on LIMIT 1000
            FOR UPDATE OF f SKIP LOCKED`,
          [this.today(now)],
        );
        if (due.length === 0) return { reminded: 0 };
        await manager.query('UPDATE crm.follow_up SET reminded_at = $2 WHERE id = ANY($1::uuid[])', [due.map((row) => row.id), now]);
        const reminders = due.filter((row) => row.owner_id);
        await this.notifications.notify(
          reminders.map((row) => ({
            recipientId: row.owner_id as string,
            kind: 'crm.follow-up.due',
            title: `今天该跟进「${row.name}」了`,
            body: `计划跟进日期：${row.next_on}`,
            link: row.customer_id ? `/crm/customers/${row.customer_id}` : `/crm/leads/${row.lead_id}`,
            sourceType: row.customer_id ? 'crm.customer' : 'crm.lead',
            sourceId: (row.customer_id ?? row.lead_id) as string,
          })),
        );
        return { reminded: reminders.length };
      }),
    );
  }

  /** Today's date in the company's time zone. */
  today(now: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }

  private async insert(manager: import('typeorm').EntityManager, id: string, authorId: string, input: CreateFollowUpDto, occurredAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO crm.follow_up (id, customer_id, lead_id, contact_id, opportunity_id, kind, content, occurred_at, next_on, author_id, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)`,
      [id, input.customerId ?? null, input.leadId ?? null, input.contactId ?? null, input.opportunityId ?? null, input.kind, input.content.trim(), occurredAt, input.nextOn ?? null, authorId],
    );
  }

  private async requireBelongs(manager: import('typeorm').EntityManager, table: 'contact' | 'opportunity', id: string, customerId: string, field: string): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM crm.${table} WHERE id = $1 AND customer_id = $2`, [id, customerId]);
    if (!row) throw CrmError.invalidReference(field, `${table === 'contact' ? 'Contact' : 'Opportunity'} ${id} is not one of this customer's`);
  }

  private async named(rows: FollowUpDto[]): Promise<FollowUpDto[]> {
    const names = await this.people.names(rows.map((row) => row.authorId));
    for (const row of rows) row.authorName = names.get(row.authorId) ?? null;
    return rows;
  }
}
