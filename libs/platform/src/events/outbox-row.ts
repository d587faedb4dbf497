import type { EventEnvelope } from '@zhongshu/contracts';

/** The outbox columns as SQL returns them, and their envelope. */
export interface OutboxRow {
  id: string;
  type: string;
  version: number;
  aggregate_type: string;
  aggregate_id: string;
  sequence: string;
  payload: object;
  actor_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  occurred_at: Date;
}

export const OUTBOX_COLUMNS =
  'id, type, version, aggregate_type, aggregate_id, sequence, payload, actor_id, correlation_id, causation_id, occurred_at';

export function toEnvelope(row: OutboxRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    sequence: Number(row.sequence),
    payload: row.payload,
  } as unknown as EventEnvelope;
}
