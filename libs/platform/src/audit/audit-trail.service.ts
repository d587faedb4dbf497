import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPage } from '@zhongshu/contracts';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { sqlLiteral } from '../database/transaction-riders.js';
import { ReadModel } from '../paging/read-model.js';
import { sql, type Sql } from '../paging/sql.js';
import type { AuditKind, AuditOutcome } from './audit-log.entity.js';
import { ContextRegistry } from '../contexts/context-registry.js';
import type { AuditLogEntryDto, AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto.js';

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


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A changed column that holds ids of other records: `manager_id`, `approver_ids`, `id` itself. */
const REFERENCE_FIELD = /(^|_)ids?$/;

/**
 * The audit log read straight into its DTO, newest first by default, paged by cursor:
 * the table only grows, so no page counts it to the end or skips rows by offset.
 */
const AUDIT_LOG = new ReadModel<AuditLogEntryDto>({
  from: 'platform.audit_log entry',
  fields: {
    id: 'entry.id::text',
    // The instant as toISOString() writes it (UTC, milliseconds).
    occurredAt: `to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    kind: 'entry.kind',
    actorId: 'entry.actor_id',
    actorUsername: 'entry.actor_username',
    ip: 'entry.ip',
    userAgent: 'entry.user_agent',
    action: 'entry.action',
    operation: 'entry.operation',
    entityType: 'entry.entity_type',
    entityId: 'entry.entity_id',
    changes: 'entry.changes',
    outcome: 'entry.outcome',
    detail: 'entry.detail',
    requestId: 'entry.request_id',
    correlationId: 'entry.correlation_id',
    causationId: 'entry.causation_id',
    clientCorrelationId: 'entry.client_correlation_id',
  },
  sortable: { occurredAt: 'entry.occurred_at', id: 'entry.id', action: 'entry.action' },
  defaultSort: [{ column: 'entry.id', direction: 'DESC' }],
  key: 'entry.id',
});

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

/** The same INSERT with its values written as literals, to ride with a transaction's COMMIT. */
export function auditRowStatement(entry: AuditRecord, context: RequestContextStore | undefined): string {
  const insert = auditRowInsert(entry, context);
  const values = insert.values.map((value) => sqlLiteral(value as string | null));
  return insert.text.replace(/\$(\d+)/g, (_, index: string) => values[Number(index) - 1]);
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
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly contexts?: ContextRegistry,
  ) {}

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

  async search(query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.searchEntries(query);
    return { ...page, names: await this.namesOf(page.items) };
  }

  /**
   * The names of the records a page refers to by id: each entry's entity and actor, and
   * the ids among its changes (`*_id` fields, and lists of them), looked up in the tables
   * the contexts declared (`auditNames`) in one statement. Ids are UUIDv7, unique across
   * tables, so each matches at most one of them.
   */
  private async namesOf(items: readonly AuditLogEntryDto[]): Promise<Record<string, string>> {
    const named = this.contexts?.auditNames() ?? new Map<string, string>();
    const ids = new Set<string>();
    const add = (value: unknown): void => {
      if (typeof value === 'string' && UUID.test(value)) ids.add(value);
      else if (Array.isArray(value)) value.forEach(add);
    };
    for (const entry of items) {
      add(entry.entityId);
      add(entry.actorId);
      for (const [field, change] of Object.entries(entry.changes ?? {})) {
        if (!REFERENCE_FIELD.test(field)) continue;
        add(change?.old);
        add(change?.new);
      }
    }
    if (named.size === 0 || ids.size === 0) return {};
    // Table and column names were checked when the contexts registered them.
    const lookups = [...named].map(([table, column]) => `SELECT id::text AS id, ${column}::text AS name FROM ${table} WHERE id = ANY($1::uuid[])`);
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(lookups.join(' UNION ALL '), [[...ids]]);
    return Object.fromEntries(rows.map((row) => [row.id, row.name]));
  }

  private async searchEntries(query: AuditLogQueryDto): Promise<KeysetPage<AuditLogEntryDto>> {
    const { after, pageSize, sort, ...filters } = query;
    const where: Sql[] = [];
    if (filters.actorId) where.push(sql`entry.actor_id = ${filters.actorId}`);
    if (filters.action) where.push(sql`entry.action = ${filters.action}`);
    if (filters.kind) where.push(sql`entry.kind = ${filters.kind}`);
    if (filters.outcome) where.push(sql`entry.outcome = ${filters.outcome}`);
    if (filters.entityType) where.push(sql`entry.entity_type = ${filters.entityType}`);
    if (filters.entityId) where.push(sql`entry.entity_id = ${filters.entityId}`);
    if (filters.requestId) where.push(sql`entry.request_id = ${filters.requestId}`);
    if (filters.correlationId) where.push(sql`entry.correlation_id = ${filters.correlationId}`);
    if (filters.from) where.push(sql`entry.occurred_at >= ${filters.from}`);
    if (filters.to) where.push(sql`entry.occurred_at < ${filters.to}`);
    return AUDIT_LOG.keysetPage(this.dataSource, where, { after, pageSize, sort }, filters);
  }

}
