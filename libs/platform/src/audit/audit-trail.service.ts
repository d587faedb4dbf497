import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '@zhongshu/contracts';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { paginate } from '../paging/paging.js';
import { AuditLogEntry, type AuditKind, type AuditOutcome } from './audit-log.entity.js';
import type { AuditLogQueryDto } from './audit-log.dto.js';

export interface AuditRecord {
  kind: Exclude<AuditKind, 'change'>;
  action: string;
  outcome: AuditOutcome;
  actorId?: string | null;
  actorUsername?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  detail?: string | null;
}

/** One bulk export of records (personal data above all): who took what out, and how much. */
export interface ExportRecord {
  /** The export route's permission code (`org:person:export`). */
  action: string;
  /** What was exported (`org.person`). */
  entityType: string;
  format: string;
  /** The filters the caller chose, by query parameter; none means everything in reach. */
  filters: Record<string, string>;
  /** How far the caller's data scope for the export reached: `all`, or the departments. */
  reach: string;
  rows: number;
}

const SORTABLE = { occurredAt: 'entry.occurred_at', id: 'entry.id', action: 'entry.action' };

/** The INSERT of a request or sign-in row, with the facts of the running request or job. */
export function auditRowInsert(entry: AuditRecord, context: RequestContextStore | undefined): { text: string; values: unknown[] } {
  return {
    text: `INSERT INTO platform.audit_log
             (kind, actor_id, actor_username, ip, user_agent, action, entity_type, entity_id, outcome, detail, request_id, correlation_id, causation_id, client_correlation_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    values: [
      entry.kind,
      entry.actorId === undefined ? (context?.actorId ?? null) : entry.actorId,
      entry.actorUsername === undefined ? (context?.actorUsername ?? null) : entry.actorUsername,
      context?.ip ?? null,
      context?.userAgent ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      entry.outcome,
      entry.detail?.slice(0, 1000) ?? null,
      context?.requestId ?? null,
      context?.correlationId ?? null,
      context?.causationId ?? null,
      context?.clientCorrelationId ?? null,
    ],
  };
}

/**
 * Writes request and sign-in rows (change rows come from the database trigger) and
 * answers the audit queries. `record` goes straight to the pool, outside any business
 * transaction: a failed sign-in must stay recorded although the request fails. A
 * request that changes data has its row written inside its transaction instead
 * (RequestAuditRecorder).
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord, context: RequestContextStore | undefined = RequestContext.current()): Promise<void> {
    const insert = auditRowInsert(entry, context);
    await this.dataSource.query(insert.text, insert.values);
  }

  /**
   * Called before the file is sent, and failing the export when it fails: no bulk copy
   * of personal data leaves without its row. A `request` row (exports are GETs, which
   * write none of their own) with the facts as JSON in `detail`.
   */
  async recordExport(entry: ExportRecord): Promise<void> {
    const { action, entityType, ...facts } = entry;
    await this.record({ kind: 'request', action, outcome: 'success', entityType, detail: JSON.stringify(facts) });
  }

  async search(filter: AuditLogQueryDto): Promise<Page<AuditLogEntry>> {
    const query = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('entry');
    if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.kind) query.andWhere('entry.kind = :kind', { kind: filter.kind });
    if (filter.outcome) query.andWhere('entry.outcome = :outcome', { outcome: filter.outcome });
    if (filter.entityType) query.andWhere('entry.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.requestId) query.andWhere('entry.request_id = :requestId', { requestId: filter.requestId });
    if (filter.correlationId) query.andWhere('entry.correlation_id = :correlationId', { correlationId: filter.correlationId });
    if (filter.from) query.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurred_at < :to', { to: filter.to });
    return paginate(query, filter, SORTABLE, [{ column: 'entry.id', direction: 'DESC' }]);
  }
}
