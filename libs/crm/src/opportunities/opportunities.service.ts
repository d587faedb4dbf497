import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { CrmPermission, type Page } from '@zhongshu/contracts';
import { Clock, EventBus, PlatformError, ReadModel, RequestContext, UnitOfWork, containsText, isInScope, joinSql, newId, saveVersioned, scopeCondition, sql, type Principal, type Sql, readTogether } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { timestampText } from '../customers/customer-read.js';
import { CustomersService } from '../customers/customers.service.js';
import type { Customer } from '../customers/customer.entity.js';
import { CrmPeople } from '../shared/crm-people.js';
import { Timeline } from '../timeline/timeline.js';
import type {
  BoardDto,
  BoardQueryDto,
  CloseOpportunityDto,
  CreateOpportunityDto,
  LineInputDto,
  MoveStageDto,
  NewOpportunityDto,
  OpportunityDetailDto,
  OpportunityDto,
  OpportunityQueryDto,
  UpdateOpportunityDto,
} from './opportunity.dto.js';
import { Opportunity } from './opportunity.entity.js';
import { PipelinesService } from './pipelines.service.js';

export const OPPORTUNITY_SCOPE = { owner: 'opportunity.owner_id', department: 'opportunity.department_id' };

const OPPORTUNITIES = new ReadModel<OpportunityDto>({
  from: `crm.opportunity opportunity
    JOIN crm.customer customer ON customer.id = opportunity.customer_id
    JOIN crm.pipeline_stage stage ON stage.id = opportunity.stage_id
    LEFT JOIN crm.contact contact ON contact.id = opportunity.contact_id`,
  fields: {
    id: 'opportunity.id',
    name: 'opportunity.name',
    customerId: 'opportunity.customer_id',
    customerName: 'customer.name',
    contactId: 'opportunity.contact_id',
    contactName: 'contact.name',
    pipelineId: 'opportunity.pipeline_id',
    stageId: 'opportunity.stage_id',
    stageName: 'stage.name',
    probability: `(CASE opportunity.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE stage.probability END)::numeric(5,2)::text`,
    amount: 'opportunity.amount::text',
    weightedAmount: `round(opportunity.amount * (CASE opportunity.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE stage.probability END) / 100, 2)::text`,
    currency: 'opportunity.currency',
    expectedCloseOn: 'opportunity.expected_close_on::text',
    status: 'opportunity.status',
    closeReason: 'opportunity.close_reason',
    closedAt: timestampText('opportunity.closed_at'),
    stageEnteredAt: timestampText('opportunity.stage_entered_at'),
    ownerId: 'opportunity.owner_id',
    ownerName: 'NULL::text',
    remark: 'opportunity.remark',
    createdAt: timestampText('opportunity.created_at'),
    version: 'opportunity.version',
  },
  sortable: {
    name: 'opportunity.name',
    amount: 'opportunity.amount',
    expectedCloseOn: 'opportunity.expected_close_on',
    createdAt: 'opportunity.created_at',
    stage: 'stage.position',
    customerName: 'customer.name',
  },
  defaultSort: [{ column: 'opportunity.created_at', direction: 'DESC' }],
  key: 'opportunity.id',
});

/**
 * 商机: deals in a pipeline. Every stage move, win and loss is recorded with who and
 * when (on the opportunity and the customer's timeline); amounts are decimals.
 */
@Injectable()
export class OpportunitiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly customers: CustomersService,
    private readonly pipelines: PipelinesService,
    private readonly people: CrmPeople,
    private readonly timeline: Timeline,
  ) {}

  async list(principal: Principal, query: OpportunityQueryDto): Promise<Page<OpportunityDto>> {
    const where: Sql[] = [scopeCondition(principal, CrmPermission.OpportunityRead, OPPORTUNITY_SCOPE)];
    if (query.search) where.push(containsText(['opportunity.name', 'customer.name'], query.search));
    if (query.customerId) where.push(sql`opportunity.customer_id = ${query.customerId}`);
    if (query.pipelineId) where.push(sql`opportunity.pipeline_id = ${query.pipelineId}`);
    if (query.stageId) where.push(sql`opportunity.stage_id = ${query.stageId}`);
    if (query.status) where.push(sql`opportunity.status = ${query.status}`);
    if (query.ownerId) where.push(sql`opportunity.owner_id = ${query.ownerId}`);
    const page = await OPPORTUNITIES.page(this.uow.manager, where, query);
    await this.people.withOwnerNames(page.items);
    return page;
  }

  /** The board: each open stage with its first 100 opportunities, count and sums. */
  async board(principal: Principal, pipelineId: string, query: BoardQueryDto): Promise<BoardDto> {
    const pipeline = await this.pipelines.get(pipelineId);
    const where: Sql[] = [sql`opportunity.pipeline_id = ${pipelineId}`, sql`opportunity.status = 'open'`, scopeCondition(principal, CrmPermission.OpportunityRead, OPPORTUNITY_SCOPE)];
    if (query.search) where.push(containsText(['opportunity.name', 'customer.name'], query.search));
    if (query.ownerId) where.push(sql`opportunity.owner_id = ${query.ownerId}`);
    const columns = await Promise.all(
      pipeline.stages.map(async (stage) => {
        const inStage = [...where, sql`opportunity.stage_id = ${stage.id}`];
        const page = await OPPORTUNITIES.page(this.uow.manager, inStage, { page: 1, pageSize: 100, sort: 'expectedCloseOn' });
        const total = sql`SELECT coalesce(sum(opportunity.amount), 0)::text AS amount FROM crm.opportunity opportunity JOIN crm.customer customer ON customer.id = opportunity.customer_id WHERE ${joinSql(inStage, ' AND ')}`.render();
        const [{ amount }] = await this.uow.manager.query(total.text, total.values);
        return { stage, items: page.items, count: page.total, amount, weightedAmount: new Decimal(amount).mul(stage.probability).div(100).toFixed(2) };
      }),
    );
    await this.people.withOwnerNames(columns.flatMap((column) => column.items));
    return { pipeline, columns };
  }

  async read(principal: Principal, id: string): Promise<OpportunityDetailDto> {
    const opportunity = await OPPORTUNITIES.one(this.uow.manager, [sql`opportunity.id = ${id}`, scopeCondition(principal, CrmPermission.OpportunityRead, OPPORTUNITY_SCOPE)]);
    if (!opportunity) throw CrmError.notFound('Opportunity', id);
    const [lines, changes] = await readTogether(this.uow.manager, [
      () => this.uow.manager.query(
        `SELECT id, position, product_name AS "productName", quantity::text, unit, unit_price::text AS "unitPrice", discount_percent::text AS "discountPercent", amount::text
           FROM crm.opportunity_line WHERE opportunity_id = $1 ORDER BY position`,
        [id],
      ),
      () => this.uow.manager.query(
        `SELECT c.from_stage_id AS "fromStageId", f.name AS "fromStageName", c.to_stage_id AS "toStageId", t.name AS "toStageName", c.status, c.actor_id AS "actorId", NULL AS "actorName",
                ${timestampText('c.changed_at')} AS "changedAt"
           FROM crm.stage_change c LEFT JOIN crm.pipeline_stage f ON f.id = c.from_stage_id LEFT JOIN crm.pipeline_stage t ON t.id = c.to_stage_id
          WHERE c.opportunity_id = $1 ORDER BY c.changed_at, c.id`,
        [id],
      )]);
    const names = await this.people.names([opportunity.ownerId, ...changes.map((change: { actorId: string | null }) => change.actorId)]);
    opportunity.ownerName = names.get(opportunity.ownerId) ?? null;
    for (const change of changes) change.actorName = change.actorId ? (names.get(change.actorId) ?? null) : null;
    return { ...opportunity, lines, stageChanges: changes };
  }

  async create(principal: Principal, input: CreateOpportunityDto): Promise<Opportunity> {
    return this.uow.run(async (manager) => {
      const customer = await this.customers.lockForChange(manager, principal, input.customerId, CrmPermission.CustomerUpdate).catch(() => {
        throw CrmError.invalidReference('customerId', `Customer ${input.customerId} does not exist or is not yours to sell to`);
      });
      return this.open(manager, principal, customer, input);
    });
  }

  /** Opens an opportunity on a customer the caller has checked and locked. */
  async open(manager: EntityManager, principal: Principal, customer: Customer, input: NewOpportunityDto, fieldPrefix = ''): Promise<Opportunity> {
    if (!customer.ownerId) throw CrmError.invalidReference(`${fieldPrefix}customerId`, 'The customer is in the pool; claim it before opening an opportunity');
    const pipeline = input.pipelineId ? await this.pipelines.get(input.pipelineId, manager).catch(() => { throw CrmError.invalidReference(`${fieldPrefix}pipelineId`, `Pipeline ${input.pipelineId} does not exist`); }) : await this.pipelines.defaultPipeline(manager);
    const stage = input.stageId ? pipeline.stages.find((candidate) => candidate.id === input.stageId) : pipeline.stages[0];
    if (!stage) throw CrmError.invalidReference(`${fieldPrefix}stageId`, `Stage ${input.stageId} is not a stage of ${pipeline.name}`);
    if (input.contactId) await this.requireContact(manager, input.contactId, customer.id, `${fieldPrefix}contactId`);
    const now = this.clock.now();
    const id = newId();
    const amount = input.lines?.length ? sumLines(input.lines) : new Decimal(input.amount ?? '0').toFixed(2);
    const opportunity = await manager.save(
      manager.create(Opportunity, {
        id,
        name: input.name.trim(),
        customerId: customer.id,
        contactId: input.contactId ?? null,
        pipelineId: pipeline.id,
        stageId: stage.id,
        amount,
        currency: input.currency ?? 'CNY',
        expectedCloseOn: input.expectedCloseOn ?? null,
        status: 'open',
        closeReason: null,
        closedAt: null,
        stageEnteredAt: now,
        ownerId: customer.ownerId,
        departmentId: customer.departmentId,
        remark: input.remark ?? null,
      }),
    );
    if (input.lines?.length) await this.writeLines(manager, id, input.lines);
    await this.recordChange(manager, id, null, stage.id, 'open', now);
    await this.timeline.record(manager, { customerId: customer.id, kind: 'opportunity-created', occurredAt: now, opportunityId: id, detail: { name: opportunity.name, amount, stage: stage.name } });
    void principal;
    return opportunity;
  }

  async update(principal: Principal, id: string, change: UpdateOpportunityDto): Promise<Opportunity> {
    return this.uow.run(async (manager) => {
      const opportunity = await this.lockForChange(manager, principal, id);
      const { version, lines, ...fields } = change;
      if (fields.contactId) await this.requireContact(manager, fields.contactId, opportunity.customerId, 'contactId');
      Object.assign(opportunity, fields);
      if (fields.name) opportunity.name = fields.name.trim();
      if (fields.amount !== undefined) opportunity.amount = new Decimal(fields.amount).toFixed(2);
      if (lines !== undefined) {
        await manager.query('DELETE FROM crm.opportunity_line WHERE opportunity_id = $1', [id]);
        if (lines.length > 0) {
          await this.writeLines(manager, id, lines);
          opportunity.amount = sumLines(lines);
        }
      }
      return saveVersioned(manager, opportunity, version, 'Opportunity');
    });
  }

  async move(principal: Principal, id: string, input: MoveStageDto): Promise<Opportunity> {
    return this.uow.run(async (manager) => {
      const opportunity = await this.lockForChange(manager, principal, id);
      this.requireOpen(opportunity);
      if (opportunity.version !== input.version) throw PlatformError.versionConflict('Opportunity', id, input.version, opportunity.version);
      const pipeline = await this.pipelines.get(opportunity.pipelineId, manager);
      const stage = pipeline.stages.find((candidate) => candidate.id === input.stageId);
      if (!stage) throw CrmError.invalidReference('stageId', `Stage ${input.stageId} is not a stage of ${pipeline.name}`);
      if (stage.id === opportunity.stageId) return opportunity;
      const from = pipeline.stages.find((candidate) => candidate.id === opportunity.stageId);
      const now = this.clock.now();
      opportunity.stageId = stage.id;
      opportunity.stageEnteredAt = now;
      const saved = await saveVersioned(manager, opportunity, input.version, 'Opportunity');
      await this.recordChange(manager, id, from?.id ?? null, stage.id, 'open', now);
      await this.timeline.record(manager, { customerId: opportunity.customerId, kind: 'stage-changed', occurredAt: now, opportunityId: id, detail: { name: opportunity.name, from: from?.name ?? null, to: stage.name } });
      return saved;
    });
  }

  async close(principal: Principal, id: string, outcome: 'won' | 'lost', input: CloseOpportunityDto): Promise<Opportunity> {
    if (outcome === 'lost' && !input.reason?.trim()) throw CrmError.invalidReference('reason', 'Say why the opportunity was lost');
    return this.uow.run(async (manager) => {
      const opportunity = await this.lockForChange(manager, principal, id);
      this.requireOpen(opportunity);
      const now = this.clock.now();
      opportunity.status = outcome;
      opportunity.closeReason = input.reason?.trim() ?? null;
      opportunity.closedAt = now;
      const saved = await saveVersioned(manager, opportunity, input.version, 'Opportunity');
      await this.recordChange(manager, id, opportunity.stageId, null, outcome, now);
      await this.timeline.record(manager, { customerId: opportunity.customerId, kind: outcome === 'won' ? 'opportunity-won' : 'opportunity-lost', occurredAt: now, opportunityId: id, detail: { name: opportunity.name, amount: opportunity.amount, reason: opportunity.closeReason } });
      const payload = { opportunityId: id, customerId: opportunity.customerId, ownerId: opportunity.ownerId, amount: opportunity.amount, currency: opportunity.currency };
      if (outcome === 'won') {
        // A won deal restarts the pool's no-deal clock.
        await manager.query('UPDATE crm.customer SET last_won_at = GREATEST(last_won_at, $2::timestamptz), pool_warned_for = NULL WHERE id = $1', [opportunity.customerId, now]);
        await this.events.emit('crm.opportunity.won', id, { ...payload, reason: opportunity.closeReason });
      } else {
        await this.events.emit('crm.opportunity.lost', id, { ...payload, reason: opportunity.closeReason as string });
      }
      return saved;
    });
  }

  private async lockForChange(manager: EntityManager, principal: Principal, id: string): Promise<Opportunity> {
    const opportunity = await manager.findOne(Opportunity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!opportunity || !isInScope(principal, CrmPermission.OpportunityUpdate, { ownerId: opportunity.ownerId, departmentId: opportunity.departmentId })) {
      throw CrmError.notFound('Opportunity', id);
    }
    return opportunity;
  }

  private requireOpen(opportunity: Opportunity): void {
    if (opportunity.status !== 'open') throw CrmError.conflict(CrmErrorCode.OpportunityClosed, `The opportunity was already ${opportunity.status}; it cannot change stage any more`);
  }

  private async requireContact(manager: EntityManager, contactId: string, customerId: string, field: string): Promise<void> {
    const [row] = await manager.query('SELECT 1 FROM crm.contact WHERE id = $1 AND customer_id = $2', [contactId, customerId]);
    if (!row) throw CrmError.invalidReference(field, `Contact ${contactId} is not one of this customer's`);
  }

  private async recordChange(manager: EntityManager, opportunityId: string, fromStageId: string | null, toStageId: string | null, status: string, at: Date): Promise<void> {
    await manager.query('INSERT INTO crm.stage_change (id, opportunity_id, from_stage_id, to_stage_id, status, actor_id, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      newId(),
      opportunityId,
      fromStageId,
      toStageId,
      status,
      RequestContext.actorId() ?? null,
      at,
    ]);
  }

  private async writeLines(manager: EntityManager, opportunityId: string, lines: readonly LineInputDto[]): Promise<void> {
    for (const [index, line] of lines.entries()) {
      await manager.query(
        `INSERT INTO crm.opportunity_line (id, opportunity_id, position, product_name, quantity, unit, unit_price, discount_percent, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId(), opportunityId, index + 1, line.productName.trim(), line.quantity, line.unit ?? null, line.unitPrice, line.discountPercent ?? '0', lineAmount(line)],
      );
    }
  }
}

/** quantity × unit price × (1 − discount), to the cent (half up). */
export function lineAmount(line: LineInputDto): string {
  if (new Decimal(line.discountPercent ?? '0').gt(100)) throw CrmError.invalidReference('discountPercent', 'A discount is at most 100 percent');
  return new Decimal(line.quantity).mul(line.unitPrice).mul(new Decimal(100).minus(line.discountPercent ?? '0')).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function sumLines(lines: readonly LineInputDto[]): string {
  return lines.reduce((sum, line) => sum.plus(lineAmount(line)), new Decimal(0)).toFixed(2);
}
