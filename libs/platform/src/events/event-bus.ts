import { Injectable } from '@nestjs/common';
import { declaredEventVersion, eventAggregateType, type EventEnvelope, type EventPayload, type EventType, type EventVersion } from '@zhongshu/contracts';
import { RequestContext } from '../context/request-context.js';
import { newId } from '../database/ids.js';
import { inlineParameters } from '../database/transaction-riders.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { OutboxSignal } from './outbox-signal.js';

/** The outbox row of one event and its aggregate's next sequence number. */
const WRITE_EVENT = `
  WITH next AS (
    INSERT INTO platform.aggregate_sequence AS s (aggregate_id, last_sequence) VALUES ($5, 1)
    ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = s.last_sequence + 1
    RETURNING last_sequence
  ), written AS (
    INSERT INTO platform.outbox_event
      (id, type, version, aggregate_type, aggregate_id, sequence, payload, actor_id, correlation_id, causation_id, occurred_at)
    SELECT $1, $2, $3, $4, $5, next.last_sequence, $6, $7, $8, $9, $10 FROM next
    RETURNING sequence
  )
  SELECT sequence FROM written`;

/**
 * Writes events to the outbox in the caller's transaction, in the round trip of its
 * COMMIT: nothing in the transaction reads the outbox, so the row costs no round trip
 * of its own. The sequence row of the aggregate is locked by its upsert until the
 * commit, so a concurrent writer of the same aggregate waits for it: sequence order is
 * commit order. The returned envelope's `sequence` is known once the transaction has
 * committed; then a relay is woken (OutboxSignal).
 */
@Injectable()
export class EventBus {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly signal: OutboxSignal,
  ) {}

  async emit<T extends EventType>(type: T, aggregateId: string, payload: EventPayload<T>): Promise<EventEnvelope<T>> {
    if (!this.uow.inTransaction) {
      // Outside a transaction the event could be written while the change it reports
      // is not (or the reverse); that is exactly what the outbox exists to prevent.
      throw new Error(`EventBus.emit("${type}") must run inside UnitOfWork.run(), in the transaction that makes the change`);
    }
    if (typeof aggregateId !== 'string' || aggregateId.length === 0 || aggregateId.length > 200) {
      throw new Error(`EventBus.emit("${type}") needs the id of the aggregate it happened to`);
    }
    const version = declaredEventVersion(type);
    if (version === undefined) throw new Error(`Event type "${type}" is not declared in @zhongshu/contracts (declareEventTypes)`);
    const context = RequestContext.current();
    const envelope = {
      id: newId(),
      type,
      version: version as EventVersion<T>,
      occurredAt: new Date().toISOString(),
      actorId: context?.actorId ?? null,
      correlationId: context?.correlationId ?? newId(),
      causationId: context?.causationId ?? context?.requestId ?? null,
      aggregateType: eventAggregateType(type),
      aggregateId,
      sequence: 0,
      payload,
    };
    this.uow.atCommit({
      sql: inlineParameters(WRITE_EVENT, [
        envelope.id,
        type,
        version,
        envelope.aggregateType,
        aggregateId,
        JSON.stringify(payload),
        envelope.actorId,
        envelope.correlationId,
        envelope.causationId,
        envelope.occurredAt,
      ]),
      returned: (rows) => {
        envelope.sequence = Number(rows[0]?.sequence);
      },
    });
    this.uow.afterCommit(() => this.signal.committed());
    return envelope;
  }
}
