import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmPermission, type Page, type PermissionCode } from '@zhongshu/contracts';
import { Clock, EventBus, PlatformError, UnitOfWork, containsText, isInScope, newId, rawSql, saveVersioned, scopeCondition, sql, type Principal, type Sql, readTogether } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { CrmPeople } from '../shared/crm-people.js';
import { Timeline } from '../timeline/timeline.js';
import { CustomerDuplicates, keysOf } from './customer-duplicates.js';
import { companyNameKey } from './customer-keys.js';
import { CUSTOMERS, CUSTOMER_SCOPE } from './customer-read.js';
import { changedFields, customerSnapshot } from './customer-snapshot.js';
import type {
  CreateCustomerDto,
  CustomerDto,
  CustomerFieldsDto,
  CustomerQueryDto,
  DuplicateCheckDto,
  DuplicateResultDto,
  MergeCustomerDto,
  MergePreviewDto,
  TransferCustomerDto,
  UpdateCustomerDto,
} from './customer.dto.js';
import { Customer, type CustomerLevel } from './customer.entity.js';

const DAY = 86_400_000;

/** Fields a merge copies from the merged customer where the survivor has none. */
const FILLABLE = ['creditCode', 'level', 'industry', 'source', 'province', 'city', 'district', 'address', 'phone', 'email', 'website', 'remark'] as const;

/** Customers: the list and card, create and edit with duplicate checks, transfer and merge. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly people: CrmPeople,
    private readonly duplicates: CustomerDuplicates,
    private readonly timeline: Timeline,
  ) {}

  async list(principal: Principal, query: CustomerQueryDto): Promise<Page<CustomerDto>> {
    const where: Sql[] = [sql`customer.status = 'active'`, sql`customer.owner_id IS NOT NULL`, scopeCondition(principal, CrmPermission.CustomerRead, CUSTOMER_SCOPE)];
    if (query.search) where.push(containsText(['customer.name', 'customer.phone', 'customer.credit_code'], query.search));
    if (query.level) where.push(sql`customer.level = ${query.level}`);
    if (query.industry) where.push(sql`customer.industry = ${query.industry}`);
    if (query.province) where.push(sql`customer.province = ${query.province}`);
    if (query.city) where.push(sql`customer.city = ${query.city}`);
    if (query.tag) where.push(sql`customer.tags @> ARRAY[${query.tag}]::text[]`);
    if (query.ownerId) where.push(sql`customer.owner_id = ${query.ownerId}`);
    if (query.idleDays) {
      const since = new Date(this.clock.now().getTime() - query.idleDays * DAY);
      where.push(sql`coalesce(customer.last_follow_up_at, customer.owned_since, customer.created_at) <= ${since}`);
    }
    const page = await CUSTOMERS.page(this.uow.manager, where, query);
    await this.people.withOwnerNames(page.items);
    return page;
  }

  /** A customer the caller may see: their scope, or the pool of a team they belong to. Otherwise 404. */
  async read(principal: Principal, id: string): Promise<CustomerDto> {
    const customer = await CUSTOMERS.one(this.uow.manager, [sql`customer.id = ${id}`, sql`customer.status = 'active'`, await this.visible(principal)]);
    if (!customer) throw CrmError.notFound('Customer', id);
    await this.people.withOwnerNames([customer]);
    return customer;
  }

  /**
   * The customer as a write the caller just made left it (they may no longer see it:
   * transferred away, returned to a pool they do not read).
   */
  async written(id: string): Promise<CustomerDto> {
    const customer = await CUSTOMERS.one(this.uow.manager, [sql`customer.id = ${id}`]);
    if (!customer) throw CrmError.notFound('Customer', id);
    await this.people.withOwnerNames([customer]);
    return customer;
  }

  /** The condition of what the caller sees: owned customers in their scope, and their teams' pool. */
  async visible(principal: Principal): Promise<Sql> {
    const owned = sql`(customer.owner_id IS NOT NULL AND ${scopeCondition(principal, CrmPermission.CustomerRead, CUSTOMER_SCOPE)})`;
    if (!principal.permissions.has(CrmPermission.PoolRead)) return owned;
    return sql`(${owned} OR (customer.owner_id IS NULL AND ${await this.poolCondition(principal)}))`;
  }

  /** The pool customers the caller's teams see. */
  async poolCondition(principal: Principal): Promise<Sql> {
    const teams = await this.people.poolTeams(principal, CrmPermission.PoolRead);
    return teams === undefined ? rawSql('TRUE') : sql`customer.department_id = ANY(${teams}::uuid[])`;
  }

  /**
   * Loads a customer for a change under its row lock, checked against the data scope of
   * the change's permission: outside it, merged away or missing all answer 404.
   */
  async lockForChange(manager: EntityManager, principal: Principal, id: string, permission: PermissionCode): Promise<Customer> {
    const customer = await manager.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!customer || customer.status !== 'active') throw CrmError.notFound('Customer', id);
    if (!isInScope(principal, permission, { ownerId: customer.ownerId, departmentId: customer.departmentId })) throw CrmError.notFound('Customer', id);
    return customer;
  }

  async checkDuplicates(principal: Principal, input: DuplicateCheckDto): Promise<DuplicateResultDto> {
    return this.duplicates.find(this.uow.manager, principal, keysOf(input), input.excludeId);
  }

  async create(principal: Principal, input: CreateCustomerDto, options: { source?: 'lead' } = {}): Promise<Customer> {
    const keys = keysOf(input);
    return this.uow.run(async (manager) => {
      const ownerId = input.ownerId === undefined ? principal.userId : input.ownerId;
      let departmentId = principal.departmentIds[0];
      if (ownerId && ownerId !== principal.userId) {
        const owner = await this.people.activeOwner(ownerId, 'ownerId');
        if (!isInScope(principal, CrmPermission.CustomerCreate, { ownerId: owner.id, departmentId: owner.departmentId })) {
          throw CrmError.invalidReference('ownerId', `Person ${ownerId} does not exist or is not someone you may give customers to`);
        }
        departmentId = owner.departmentId;
      }
      if (!departmentId) throw CrmError.invalidReference('ownerId', 'You belong to no department, so the customer would have no team');
      await this.duplicates.refuse(manager, principal, keys, input.allowDuplicates ?? false);
      const now = this.clock.now();
      const customer = manager.create(Customer, {
        id: newId(),
        name: input.name.trim(),
        nameKey: companyNameKey(input.name),
        ...this.fields(input),
        creditCode: keys.creditCode,
        phoneKey: keys.phoneKey,
        emailDomain: keys.emailDomain,
        tags: normaliseTags(input.tags ?? []),
        ownerId,
        departmentId,
        status: 'active',
        mergedIntoId: null,
        ownedSince: ownerId ? now : null,
        lastFollowUpAt: null,
        nextFollowUpOn: null,
        lastWonAt: null,
        poolEnteredAt: ownerId ? null : now,
        poolWarnedFor: null,
      });
      const saved = await manager.save(customer);
      await this.timeline.record(manager, { customerId: saved.id, kind: 'created', occurredAt: now, personId: ownerId, detail: { name: saved.name, via: options.source ?? 'form' } });
      await this.events.emit('crm.customer.created', saved.id, customerSnapshot(saved));
      return saved;
    });
  }

  async update(principal: Principal, id: string, change: UpdateCustomerDto): Promise<Customer> {
    return this.uow.run(async (manager) => {
      const customer = await this.lockForChange(manager, principal, id, CrmPermission.CustomerUpdate);
      const before = customerSnapshot(customer);
      const { version, allowDuplicates, name, ...rest } = change;
      const keys = keysOf({ name: name ?? customer.name, creditCode: rest.creditCode === undefined ? customer.creditCode : rest.creditCode, phone: rest.phone === undefined ? customer.phone : rest.phone, email: rest.email === undefined ? customer.email : rest.email });
      Object.assign(customer, this.fields(rest));
      if (name !== undefined) customer.name = name.trim();
      if (rest.tags !== undefined) customer.tags = normaliseTags(rest.tags);
      customer.nameKey = keys.nameKey ?? customer.nameKey;
      customer.creditCode = keys.creditCode;
      customer.phoneKey = keys.phoneKey;
      customer.emailDomain = keys.emailDomain;
      // Only keys that changed are checked again: a known duplicate kept on purpose stays saveable.
      const changedKeys = { nameKey: name !== undefined && keys.nameKey !== companyNameKey(before.name) ? keys.nameKey : null, creditCode: keys.creditCode !== before.creditCode ? keys.creditCode : null, phoneKey: rest.phone !== undefined && rest.phone !== before.phone ? keys.phoneKey : null, emailDomain: rest.email !== undefined && rest.email !== before.email ? keys.emailDomain : null };
      await this.duplicates.refuse(manager, principal, changedKeys, allowDuplicates ?? false, id);
      const saved = await saveVersioned(manager, customer, version, 'Customer');
      const after = customerSnapshot(saved);
      const changed = changedFields(before, after);
      if (changed.length > 0) {
        await this.timeline.record(manager, { customerId: id, kind: 'changed', occurredAt: this.clock.now(), detail: { fields: changed } });
        await this.events.emit('crm.customer.changed', id, { ...after, changed });
      }
      return saved;
    });
  }

  async transfer(principal: Principal, id: string, input: TransferCustomerDto): Promise<Customer> {
    return this.uow.run(async (manager) => {
      const customer = await this.lockForChange(manager, principal, id, CrmPermission.CustomerTransfer);
      if (customer.version !== input.version) throw PlatformError.versionConflict('Customer', id, input.version, customer.version);
      const owner = await this.people.activeOwner(input.toOwnerId, 'toOwnerId');
      if (owner.id === customer.ownerId) throw CrmError.invalidReference('toOwnerId', 'The customer already belongs to this person');
      return this.changeOwner(manager, customer, { toOwnerId: owner.id, departmentId: owner.departmentId, kind: 'transfer', reason: input.reason, withOpportunities: input.withOpportunities ?? true });
    });
  }

  /**
   * Hands a locked customer to a new owner (or the pool, `toOwnerId` null): the owner's
   * clock restarts, the timeline and `crm.customer.transferred` record it, and open
   * opportunities follow when asked.
   */
  async changeOwner(
    manager: EntityManager,
    customer: Customer,
    change: { toOwnerId: string | null; departmentId: string; kind: 'transfer' | 'claim' | 'pool-return' | 'pool-rule'; reason: string | null; withOpportunities?: boolean; actorId?: string | null },
  ): Promise<Customer> {
    const now = this.clock.now();
    const fromOwnerId = customer.ownerId;
    const before = customerSnapshot(customer);
    customer.ownerId = change.toOwnerId;
    customer.departmentId = change.departmentId;
    customer.ownedSince = change.toOwnerId ? now : null;
    customer.poolEnteredAt = change.toOwnerId ? null : now;
    customer.poolWarnedFor = null;
    const saved = await saveVersioned(manager, customer, customer.version, 'Customer');
    if (change.withOpportunities && change.toOwnerId) {
      await manager.query(`UPDATE crm.opportunity SET owner_id = $2, department_id = $3, updated_at = now(), version = version + 1 WHERE customer_id = $1 AND status = 'open'`, [customer.id, change.toOwnerId, change.departmentId]);
    }
    const kind = change.kind === 'claim' ? 'claimed' : change.kind === 'transfer' ? 'owner-changed' : 'pool-returned';
    await this.timeline.record(manager, {
      customerId: customer.id,
      kind,
      occurredAt: now,
      ...(change.actorId === undefined ? {} : { actorId: change.actorId }),
      // The person a claim or return counts against (caps, cooling-off).
      personId: change.kind === 'claim' ? change.toOwnerId : change.kind === 'transfer' ? change.toOwnerId : fromOwnerId,
      detail: { fromOwnerId, toOwnerId: change.toOwnerId, reason: change.reason, rule: change.kind === 'pool-rule' ? change.reason : undefined },
    });
    await this.events.emit('crm.customer.transferred', customer.id, { customerId: customer.id, fromOwnerId, toOwnerId: change.toOwnerId, departmentId: change.departmentId, kind: change.kind, reason: change.reason });
    if (before.departmentId !== saved.departmentId) {
      await this.events.emit('crm.customer.changed', customer.id, { ...customerSnapshot(saved), changed: ['departmentId'] });
    }
    return saved;
  }

  async mergePreview(principal: Principal, survivorId: string, mergedId: string): Promise<MergePreviewDto> {
    if (survivorId === mergedId) throw CrmError.unprocessable(CrmErrorCode.CannotMerge, 'A customer cannot be merged into itself', 'mergedId');
    const [survivor, merged] = await readTogether(this.uow.manager, [() => this.readForMerge(principal, survivorId), () => this.readForMerge(principal, mergedId)]);
    const [counts] = await this.uow.manager.query(
      `SELECT (SELECT count(*)::int FROM crm.contact WHERE customer_id = $1) AS contacts,
              (SELECT count(*)::int FROM crm.opportunity WHERE customer_id = $1) AS opportunities,
              (SELECT count(*)::int FROM crm.follow_up WHERE customer_id = $1) AS "followUps",
              (SELECT count(*)::int FROM crm.lead WHERE customer_id = $1) AS leads,
              (SELECT count(*)::int FROM crm.timeline_entry WHERE customer_id = $1) AS "timelineEntries"`,
      [mergedId],
    );
    const filledFields = FILLABLE.filter((field) => survivor[field] === null && merged[field] !== null);
    return { survivor, merged, ...counts, filledFields };
  }

  private async readForMerge(principal: Principal, id: string): Promise<CustomerDto> {
    const customer = await CUSTOMERS.one(this.uow.manager, [sql`customer.id = ${id}`, sql`customer.status = 'active'`, scopeCondition(principal, CrmPermission.CustomerMerge, CUSTOMER_SCOPE)]);
    if (!customer) throw CrmError.notFound('Customer', id);
    await this.people.withOwnerNames([customer]);
    return customer;
  }

  /**
   * Merges `mergedId` into `survivorId`: contacts, opportunities, follow-ups, converted
   * leads and the timeline move to the survivor, empty fields are filled from the merged
   * customer, which stays as a tombstone pointing at the survivor, and
   * `crm.customer.merged` tells the other contexts to re-link what they hold.
   */
  async merge(principal: Principal, survivorId: string, input: MergeCustomerDto): Promise<Customer> {
    if (survivorId === input.mergedId) throw CrmError.unprocessable(CrmErrorCode.CannotMerge, 'A customer cannot be merged into itself', 'mergedId');
    return this.uow.run(async (manager) => {
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      const [first, second] = [survivorId, input.mergedId].sort();
      const locked = new Map<string, Customer>();
      for (const id of [first, second]) locked.set(id, await this.lockForChange(manager, principal, id, CrmPermission.CustomerMerge));
      const survivor = locked.get(survivorId) as Customer;
      const merged = locked.get(input.mergedId) as Customer;
      if (merged.version !== input.mergedVersion) throw PlatformError.versionConflict('Customer', merged.id, input.mergedVersion, merged.version);
      const before = customerSnapshot(survivor);
      for (const field of FILLABLE) if (survivor[field] === null && merged[field] !== null) (survivor as unknown as Record<string, unknown>)[field] = merged[field];
      survivor.tags = normaliseTags([...survivor.tags, ...merged.tags]);
      survivor.phoneKey = survivor.phoneKey ?? merged.phoneKey;
      survivor.emailDomain = survivor.emailDomain ?? merged.emailDomain;
      survivor.lastFollowUpAt = latest(survivor.lastFollowUpAt, merged.lastFollowUpAt);
      survivor.lastWonAt = latest(survivor.lastWonAt, merged.lastWonAt);
      // The tombstone first: the credit code's unique index holds for active customers only.
      merged.status = 'merged';
      merged.mergedIntoId = survivor.id;
      await saveVersioned(manager, merged, input.mergedVersion, 'Customer');
      const saved = await saveVersioned(manager, survivor, input.version, 'Customer');
      for (const table of ['contact', 'opportunity', 'follow_up', 'lead', 'timeline_entry']) {
        await manager.query(`UPDATE crm.${table} SET customer_id = $2 WHERE customer_id = $1`, [merged.id, survivor.id]);
      }
      await this.timeline.record(manager, { customerId: survivor.id, kind: 'merged', occurredAt: this.clock.now(), detail: { mergedId: merged.id, mergedName: merged.name } });
      const after = customerSnapshot(saved);
      await this.events.emit('crm.customer.merged', merged.id, { mergedId: merged.id, survivorId: survivor.id, survivor: after });
      const changed = changedFields(before, after);
      if (changed.length > 0) await this.events.emit('crm.customer.changed', survivor.id, { ...after, changed });
      return saved;
    });
  }

  private fields(input: CustomerFieldsDto): Partial<Customer> {
    const out: Partial<Customer> = {};
    const copy = <K extends keyof CustomerFieldsDto & keyof Customer>(key: K) => {
      const value = input[key];
      if (value !== undefined) (out as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() || null : value;
    };
    for (const key of ['industry', 'source', 'province', 'city', 'district', 'address', 'phone', 'email', 'website', 'remark'] as const) copy(key);
    if (input.level !== undefined) out.level = input.level as CustomerLevel | null;
    return out;
  }
}

export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))].sort();
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
