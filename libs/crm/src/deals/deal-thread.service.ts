import { Inject, Injectable } from '@nestjs/common';
import { BUSINESS_APPROVALS, SALES_ORDER_LEDGER, type BusinessApprovals, type SalesOrderLedger } from '@zhongshu/contracts';
import { UnitOfWork, type Principal, readTogether } from '@zhongshu/platform';
import { ContractsService } from '../contracts/contracts.service.js';
import { reviewKey } from '../contracts/contract-reviews.handler.js';
import { CrmPeople } from '../shared/crm-people.js';
import type { DealStepDto, DealThreadDto } from './deal-thread.dto.js';

const ORDER_KIND: Record<string, string> = { 'erp.sales-order.created': 'order.created', 'erp.sales-order.confirmed': 'order.confirmed', 'erp.sales-order.cancelled': 'order.cancelled' };

/**
 * The deal as one thread across contexts: CRM's own records of the contract (made,
 * each signing and its decision), OA's review of each signed version
 * (BUSINESS_APPROVALS: every step with who took it), ERP's orders (SALES_ORDER_LEDGER and
 * the events they emitted), tied together by the audit trail's correlation ids: the
 * signing request's flow (the signing, OA's start, ERP's order) and each decision's
 * flow (the approval, CRM's outcome, ERP's confirmation or cancellation).
 */
@Injectable()
export class DealThreads {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly contracts: ContractsService,
    private readonly people: CrmPeople,
    @Inject(BUSINESS_APPROVALS) private readonly approvals: BusinessApprovals,
    @Inject(SALES_ORDER_LEDGER) private readonly ledger: SalesOrderLedger,
  ) {}

  async thread(principal: Principal, contractId: string): Promise<DealThreadDto> {
    // The contract decides who may see the deal: outside the caller's reach is a 404.
    const contract = await this.contracts.read(principal, contractId);
    const manager = this.uow.manager;
    const keys = contract.signings.map((signing) => reviewKey(contractId, signing.signedVersion));
    const [approvals, orders] = await readTogether(manager, [() => this.approvals.approvalsOf('crm.contract', keys), () => this.ledger.ordersOfContract(contractId)]);
    const aggregates = [contractId, ...approvals.map((approval) => approval.requestId), ...orders.map((order) => order.orderId)];
    const events: Array<{ type: string; aggregate_id: string; correlation_id: string | null; actor_id: string | null; occurred_at: string; payload: Record<string, unknown> }> = await manager.query(
      `SELECT type, aggregate_id, correlation_id, actor_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, payload
         FROM platform.outbox_event WHERE aggregate_id = ANY($1::text[]) ORDER BY occurred_at, sequence`,
      [aggregates],
    );
    const correlationIds = [...new Set(events.map((event) => event.correlation_id).filter((id): id is string => !!id))];
    const [created] = await manager.query(
      `SELECT created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at FROM crm.contract WHERE id = $1`,
      [contractId],
    );
    const names = await this.people.names([created.created_by, ...contract.signings.map((signing) => signing.signedById), ...events.map((event) => event.actor_id)]);
    const contractLink = `/crm/contracts/${contractId}`;
    const correlationOf = (type: string, aggregateId: string, match: (payload: Record<string, unknown>) => boolean = () => true): string | null =>
      events.find((event) => event.type === type && event.aggregate_id === aggregateId && match(event.payload))?.correlation_id ?? null;

    const steps: DealStepDto[] = [
      { at: created.created_at, context: 'crm', kind: 'contract.created', actorId: created.created_by, actorName: names.get(created.created_by) ?? null, subject: contract.number, link: contractLink, detail: contract.title, correlationId: null },
    ];
    for (const signing of contract.signings) {
      const subject = `${contract.number} (v${signing.signedVersion})`;
      steps.push({
        at: signing.signedAt,
        context: 'crm',
        kind: 'contract.signed',
        actorId: signing.signedById,
        actorName: names.get(signing.signedById) ?? null,
        subject,
        link: contractLink,
        detail: signing.total,
        correlationId: correlationOf('crm.contract.signed', contractId, (payload) => payload.version === signing.signedVersion),
      });
      if (signing.outcome && signing.decidedAt) {
        const type = signing.outcome === 'approved' ? 'crm.contract.approved' : 'crm.contract.revision-requested';
        steps.push({
          at: signing.decidedAt,
          context: 'crm',
          kind: signing.outcome === 'approved' ? 'contract.activated' : 'contract.revision-requested',
          actorId: null,
          actorName: null,
          subject,
          link: contractLink,
          detail: signing.comment,
          correlationId: correlationOf(type, contractId, (payload) => payload.version === signing.signedVersion),
        });
      }
    }
    for (const approval of approvals) {
      const completed = correlationOf('oa.approval.completed', approval.requestId);
      const started = correlationOf('crm.contract.signed', contractId, (payload) => `${contractId}:${String(payload.version)}` === approval.businessId);
      for (const step of approval.steps) {
        steps.push({
          at: step.at,
          context: 'oa',
          kind: `approval.${step.action}`,
          actorId: step.actorId,
          actorName: step.actorName,
          subject: approval.number,
          link: `/oa/requests/${approval.requestId}`,
          detail: [step.nodeName, step.comment].filter(Boolean).join(': ') || null,
          correlationId: step.action === 'submit' ? started : ['approve', 'reject'].includes(step.action) && approval.endedAt !== null && step.at === approval.steps.at(-1)?.at ? completed : null,
        });
      }
    }
    for (const event of events) {
      const kind = ORDER_KIND[event.type];
      if (!kind) continue;
      const order = orders.find((candidate) => candidate.orderId === event.aggregate_id);
      if (!order) continue;
      steps.push({
        at: event.occurred_at,
        context: 'erp',
        kind,
        actorId: null,
        actorName: null,
        subject: order.number,
        link: `/erp/sales-orders/${order.orderId}`,
        detail: kind === 'order.cancelled' ? String(event.payload.reason ?? '') : order.total,
        correlationId: event.correlation_id,
      });
    }
    steps.sort((a, b) => a.at.localeCompare(b.at));
    return {
      contractId,
      contractNumber: contract.number,
      contractStatus: contract.status,
      correlationIds,
      approvals: approvals.map((approval) => ({
        requestId: approval.requestId,
        number: approval.number,
        signedVersion: Number(approval.businessId.split(':')[1]),
        status: approval.status,
        waitingFor: approval.waitingFor.map((pending) => `${pending.nodeName}: ${pending.assigneeName ?? pending.assigneeId}`),
      })),
      orders: orders.map((order) => ({ orderId: order.orderId, number: order.number, contractVersion: order.contractVersion, status: order.status, total: order.total })),
      steps,
    };
  }
}
