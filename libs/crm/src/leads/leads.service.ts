import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmPermission, type FieldError, type Page } from '@zhongshu/contracts';
import { Clock, EventBus, PlatformError, ReadModel, UnitOfWork, containsText, isInScope, newId, saveVersioned, scopeCondition, sql, type Principal, type SheetRow, type Sql } from '@zhongshu/platform';
import { ContactsService } from '../contacts/contacts.service.js';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { CustomerDuplicates, keysOf } from '../customers/customer-duplicates.js';
import { timestampText } from '../customers/customer-read.js';
import type { DuplicateResultDto } from '../customers/customer.dto.js';
import type { Customer } from '../customers/customer.entity.js';
import { CustomersService } from '../customers/customers.service.js';
import { OpportunitiesService } from '../opportunities/opportunities.service.js';
import { CrmPeople } from '../shared/crm-people.js';
import { Timeline } from '../timeline/timeline.js';
import type { AssignmentResultDto, ConversionDto, ConvertLeadDto, CreateLeadDto, LeadDto, LeadQueryDto, UpdateLeadDto } from './lead.dto.js';
import { Lead } from './lead.entity.js';

export const LEAD_SCOPE = { owner: 'lead.owner_id', department: 'lead.department_id' };

const LEADS = new ReadModel<LeadDto>({
  from: 'crm.lead lead',
  fields: {
    id: 'lead.id',
    name: 'lead.name',
    company: 'lead.company',
    title: 'lead.title',
    phone: 'lead.phone',
    email: 'lead.email',
    source: 'lead.source',
    industry: 'lead.industry',
    province: 'lead.province',
    city: 'lead.city',
    remark: 'lead.remark',
    status: 'lead.status',
    ownerId: 'lead.owner_id',
    ownerName: 'NULL::text',
    departmentId: 'lead.department_id',
    lastFollowUpAt: timestampText('lead.last_follow_up_at'),
    invalidReason: 'lead.invalid_reason',
    customerId: 'lead.customer_id',
    createdAt: timestampText('lead.created_at'),
    version: 'lead.version',
  },
  sortable: { name: 'lead.name', company: 'lead.company', createdAt: 'lead.created_at', lastFollowUpAt: 'lead.last_follow_up_at' },
  defaultSort: [{ column: 'lead.created_at', direction: 'DESC' }],
  key: 'lead.id',
});

/** The columns of a lead import, by header (English keys or the Chinese headers of the template). */
export const LEAD_COLUMNS = ['name', 'company', 'title', 'phone', 'email', 'source', 'industry', 'province', 'city', 'remark'] as const;
const CHINESE_HEADERS: Record<string, (typeof LEAD_COLUMNS)[number]> = { 姓名: 'name', 公司: 'company', 职务: 'title', 电话: 'phone', 邮箱: 'email', 来源: 'source', 行业: 'industry', 省份: 'province', 城市: 'city', 备注: 'remark' };
export const LEAD_IMPORT_HEADERS = [...LEAD_COLUMNS, ...Object.keys(CHINESE_HEADERS)];
const LIMITS: Record<(typeof LEAD_COLUMNS)[number], number> = { name: 100, company: 200, title: 100, phone: 40, email: 200, source: 50, industry: 50, province: 30, city: 30, remark: 2000 };
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,30}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * 线索: created by hand or imported (all rows or none), assigned by hand or in turns,
 * followed up, converted into a customer (new, or one that already exists), a contact
 * and an opportunity in one transaction, or closed as invalid with a reason.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly people: CrmPeople,
    private readonly customers: CustomersService,
    private readonly duplicates: CustomerDuplicates,
    private readonly contacts: ContactsService,
    private readonly opportunities: OpportunitiesService,
    private readonly timeline: Timeline,
  ) {}

  async list(principal: Principal, query: LeadQueryDto): Promise<Page<LeadDto>> {
    const where: Sql[] = [this.visible(principal)];
    if (query.search) where.push(containsText(['lead.name', 'lead.company', 'lead.phone'], query.search));
    if (query.status) where.push(sql`lead.status = ${query.status}`);
    if (query.source) where.push(sql`lead.source = ${query.source}`);
    if (query.ownerId) where.push(sql`lead.owner_id = ${query.ownerId}`);
    if (query.unassigned) where.push(sql`lead.owner_id IS NULL`);
    const page = await LEADS.page(this.uow.manager, where, query);
    await this.people.withOwnerNames(page.items);
    return page;
  }

  async read(principal: Principal, id: string): Promise<LeadDto> {
    const lead = await LEADS.one(this.uow.manager, [sql`lead.id = ${id}`, this.visible(principal)]);
    if (!lead) throw CrmError.notFound('Lead', id);
    await this.people.withOwnerNames([lead]);
    return lead;
  }

  /** The lead as a write the caller just made left it (assigned away, they may no longer see it). */
  async written(id: string): Promise<LeadDto> {
    const lead = await LEADS.one(this.uow.manager, [sql`lead.id = ${id}`]);
    if (!lead) throw CrmError.notFound('Lead', id);
    await this.people.withOwnerNames([lead]);
    return lead;
  }

  /** The customers a lead may already be (its company, phone, email domain), for converting onto one. */
  async matches(principal: Principal, id: string): Promise<DuplicateResultDto> {
    const lead = await this.read(principal, id);
    return this.duplicates.find(this.uow.manager, principal, keysOf({ name: lead.company, phone: lead.phone, email: lead.email }));
  }

  async create(principal: Principal, input: CreateLeadDto): Promise<Lead> {
    return this.uow.run(async (manager) => {
      const { ownerId, departmentId } = await this.ownerOf(principal, input.ownerId === undefined ? principal.userId : input.ownerId, 'ownerId');
      return manager.save(manager.create(Lead, this.newLead(input, ownerId, departmentId)));
    });
  }

  async update(principal: Principal, id: string, change: UpdateLeadDto): Promise<Lead> {
    return this.uow.run(async (manager) => {
      const lead = await this.lockForChange(manager, principal, id, CrmPermission.LeadUpdate);
      this.requireOpen(lead);
      const { version, ...fields } = change;
      Object.assign(lead, fields);
      return saveVersioned(manager, lead, version, 'Lead');
    });
  }

  /**
   * Imports every row or none: each row is checked first, and a file with any bad row
   * answers 422 listing all of them by row and column (`rows[3].phone`).
   */
  async import(principal: Principal, rows: SheetRow[], unassigned: boolean): Promise<number> {
    if (rows.length === 0) throw new CrmError(CrmErrorCode.ImportRejected, HttpStatus.BAD_REQUEST, 'The file has no rows below its header');
    const errors: FieldError[] = [];
    const leads: CreateLeadDto[] = [];
    for (const row of rows) {
      const values: Record<string, string> = {};
      for (const [header, value] of Object.entries(row.cells)) values[CHINESE_HEADERS[header] ?? header] = value.trim();
      const field = (column: string) => `rows[${row.line}].${column}`;
      if (!values.name) errors.push({ field: field('name'), message: 'is required' });
      for (const column of LEAD_COLUMNS) {
        if ((values[column]?.length ?? 0) > LIMITS[column]) errors.push({ field: field(column), message: `must be at most ${LIMITS[column]} characters` });
      }
      if (values.phone && !PHONE_PATTERN.test(values.phone)) errors.push({ field: field('phone'), message: 'must be a phone number' });
      if (values.email && !EMAIL_PATTERN.test(values.email)) errors.push({ field: field('email'), message: 'must be an email address' });
      leads.push(Object.fromEntries(LEAD_COLUMNS.map((column) => [column, values[column] || null])) as unknown as CreateLeadDto);
    }
    if (errors.length > 0) {
      throw new CrmError(CrmErrorCode.ImportRejected, HttpStatus.UNPROCESSABLE_ENTITY, `${new Set(errors.map((error) => error.field.split('.')[0])).size} rows have errors; nothing was imported. Fix them and import the file again.`, errors);
    }
    return this.uow.run(async (manager) => {
      const { ownerId, departmentId } = await this.ownerOf(principal, unassigned ? null : principal.userId, 'ownerId');
      const entities = leads.map((input) => manager.create(Lead, this.newLead(input, ownerId, departmentId)));
      // One INSERT per 500 rows, not one per row.
      for (let start = 0; start < entities.length; start += 500) await manager.insert(Lead, entities.slice(start, start + 500));
      return entities.length;
    });
  }

  async assign(principal: Principal, leadIds: string[], ownerId: string): Promise<AssignmentResultDto> {
    const owner = await this.people.activeOwner(ownerId, 'ownerId');
    return this.distributeTo(principal, leadIds, [owner.id], new Map([[owner.id, owner.departmentId]]));
  }

  /**
   * 轮流分配: the leads go to the reps in turn, starting with whoever has waited longest
   * since their last assigned lead, so repeated small batches stay fair.
   */
  async distribute(principal: Principal, leadIds: string[], ownerIds: string[]): Promise<AssignmentResultDto> {
    const unique = [...new Set(ownerIds)];
    const owners = await this.people.activeOwners(unique, 'ownerIds');
    const last: Array<{ owner_id: string; at: Date }> = await this.uow.manager.query('SELECT owner_id, max(assigned_at) AS at FROM crm.lead WHERE owner_id = ANY($1::uuid[]) GROUP BY owner_id', [unique]);
    const lastAt = new Map(last.map((row) => [row.owner_id, new Date(row.at).getTime()]));
    const order = [...unique].sort((a, b) => (lastAt.get(a) ?? 0) - (lastAt.get(b) ?? 0) || unique.indexOf(a) - unique.indexOf(b));
    return this.distributeTo(principal, leadIds, order, new Map([...owners].map(([id, person]) => [id, person.departmentId])));
  }

  private async distributeTo(principal: Principal, leadIds: string[], order: string[], departments: Map<string, string>): Promise<AssignmentResultDto> {
    for (const ownerId of order) {
      if (!isInScope(principal, CrmPermission.LeadAssign, { ownerId, departmentId: departments.get(ownerId) })) {
        throw CrmError.invalidReference('ownerIds', `Person ${ownerId} is outside the people you may assign leads to`);
      }
    }
    return this.uow.run(async (manager) => {
      const unique = [...new Set(leadIds)].sort();
      const leads: Lead[] = [];
      for (const id of unique) {
        const lead = await this.lockForChange(manager, principal, id, CrmPermission.LeadAssign);
        this.requireOpen(lead);
        leads.push(lead);
      }
      const assigned: Record<string, string> = {};
      const base = this.clock.now().getTime();
      // In the order given, each a millisecond apart, so the next round-robin starts after the last rep served.
      const ordered = leadIds.filter((id, index) => leadIds.indexOf(id) === index).map((id) => leads.find((lead) => lead.id === id) as Lead);
      for (const [index, lead] of ordered.entries()) {
        const ownerId = order[index % order.length];
        lead.ownerId = ownerId;
        lead.departmentId = departments.get(ownerId) as string;
        lead.status = 'assigned';
        lead.assignedAt = new Date(base + index);
        await saveVersioned(manager, lead, lead.version, 'Lead');
        assigned[lead.id] = ownerId;
      }
      return { assigned };
    });
  }

  async close(principal: Principal, id: string, version: number, reason: string): Promise<Lead> {
    return this.uow.run(async (manager) => {
      const lead = await this.lockForChange(manager, principal, id, CrmPermission.LeadUpdate);
      this.requireOpen(lead);
      lead.status = 'invalid';
      lead.invalidReason = reason.trim();
      return saveVersioned(manager, lead, version, 'Lead');
    });
  }

  /**
   * Converts a lead in one transaction: onto an existing customer (which the caller
   * must be allowed to change) or a new one (checked for duplicates like any new
   * customer), with the lead as a contact and an opportunity when asked. The lead's
   * follow-ups move to the customer's timeline.
   */
  async convert(principal: Principal, id: string, input: ConvertLeadDto): Promise<ConversionDto> {
    if (!input.customerId === !input.customer) throw CrmError.invalidReference('customerId', 'Give either an existing customerId or a new customer');
    return this.uow.run(async (manager) => {
      const lead = await this.lockForChange(manager, principal, id, CrmPermission.LeadConvert);
      this.requireOpen(lead);
      if (lead.version !== input.version) throw PlatformError.versionConflict('Lead', id, input.version, lead.version);
      let customer: Customer;
      if (input.customerId) {
        customer = await this.customers.lockForChange(manager, principal, input.customerId, CrmPermission.CustomerUpdate).catch(() => {
          throw CrmError.invalidReference('customerId', `Customer ${input.customerId} does not exist or is not yours to change`);
        });
      } else {
        customer = await this.customers.create(principal, { ...(input.customer as ConvertLeadDto['customer'] & object), source: input.customer?.source ?? lead.source }, { source: 'lead' });
      }
      const contact = input.contact ? await this.contacts.add(manager, customer.id, input.contact) : null;
      const opportunity = input.opportunity ? await this.opportunities.open(manager, principal, customer, input.opportunity, 'opportunity.') : null;
      const now = this.clock.now();
      lead.status = 'converted';
      lead.customerId = customer.id;
      lead.convertedAt = now;
      await saveVersioned(manager, lead, input.version, 'Lead');
      const [moved]: [Array<{ id: string; kind: string; content: string; occurred_at: Date; author_id: string }>, number] = await manager.query(
        'UPDATE crm.follow_up SET customer_id = $2 WHERE lead_id = $1 RETURNING id, kind, content, occurred_at, author_id',
        [id, customer.id],
      );
      if (moved.length > 0) {
        await manager.query('UPDATE crm.customer SET last_follow_up_at = GREATEST(last_follow_up_at, $2::timestamptz) WHERE id = $1', [customer.id, new Date(Math.max(...moved.map((row) => new Date(row.occurred_at).getTime())))]);
      }
      await this.timeline.record(manager, [
        ...moved.map((row) => ({ customerId: customer.id, kind: 'follow-up' as const, occurredAt: new Date(row.occurred_at), followUpId: row.id, actorId: row.author_id, personId: row.author_id, detail: { kind: row.kind, content: row.content.slice(0, 500), fromLead: id } })),
        { customerId: customer.id, kind: 'lead-converted', occurredAt: now, detail: { leadId: id, leadName: lead.name, company: lead.company } },
      ]);
      await this.events.emit('crm.lead.converted', id, { leadId: id, customerId: customer.id, contactId: contact?.id ?? null, opportunityId: opportunity?.id ?? null, newCustomer: !input.customerId });
      return { customerId: customer.id, newCustomer: !input.customerId, contactId: contact?.id ?? null, opportunityId: opportunity?.id ?? null };
    });
  }

  private visible(principal: Principal): Sql {
    // Unassigned leads belong to their team: those in the caller's reach by department.
    return scopeCondition(principal, CrmPermission.LeadRead, LEAD_SCOPE);
  }

  private async lockForChange(manager: EntityManager, principal: Principal, id: string, permission: Parameters<typeof isInScope>[1]): Promise<Lead> {
    const lead = await manager.findOne(Lead, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!lead || !isInScope(principal, permission, { ownerId: lead.ownerId, departmentId: lead.departmentId })) throw CrmError.notFound('Lead', id);
    return lead;
  }

  private requireOpen(lead: Lead): void {
    if (lead.status === 'converted' || lead.status === 'invalid') {
      throw CrmError.conflict(CrmErrorCode.LeadClosed, lead.status === 'converted' ? 'The lead was already converted' : 'The lead was closed as invalid');
    }
  }

  private async ownerOf(principal: Principal, ownerId: string | null, field: string): Promise<{ ownerId: string | null; departmentId: string }> {
    if (ownerId === principal.userId) {
      const departmentId = principal.departmentIds[0];
      if (!departmentId) throw CrmError.invalidReference(field, 'You belong to no department, so the lead would have no team');
      return { ownerId, departmentId };
    }
    if (ownerId === null) {
      const departmentId = principal.departmentIds[0];
      if (!departmentId) throw CrmError.invalidReference(field, 'You belong to no department, so the lead would have no team');
      return { ownerId: null, departmentId };
    }
    const owner = await this.people.activeOwner(ownerId, field);
    if (!isInScope(principal, CrmPermission.LeadAssign, { ownerId: owner.id, departmentId: owner.departmentId })) {
      throw CrmError.invalidReference(field, `Person ${ownerId} is outside the people you may give leads to`);
    }
    return { ownerId: owner.id, departmentId: owner.departmentId };
  }

  private newLead(input: CreateLeadDto, ownerId: string | null, departmentId: string): Partial<Lead> {
    const text = (value: string | null | undefined) => (value ? value.trim() || null : null);
    return {
      id: newId(),
      name: input.name.trim(),
      company: text(input.company),
      title: text(input.title),
      phone: text(input.phone),
      email: text(input.email),
      source: text(input.source),
      industry: text(input.industry),
      province: text(input.province),
      city: text(input.city),
      remark: text(input.remark),
      status: ownerId ? 'assigned' : 'new',
      ownerId,
      departmentId,
      assignedAt: ownerId ? this.clock.now() : null,
      lastFollowUpAt: null,
      invalidReason: null,
      convertedAt: null,
      customerId: null,
    };
  }
}
