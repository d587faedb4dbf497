import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { EventEnvelope } from '@zhongshu/contracts';
import { DataSource } from 'typeorm';
import { AuditScope } from '../audit/audit-scope.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from '../database/ids.js';
import { inlineParameters } from '../database/transaction-riders.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BusTransport, handlerJobId } from './bus-transport.js';
import { HandlerRegistry, type RegisteredHandler } from './handler-registry.js';

export type HandlerOutcome = 'applied' | 'duplicate' | 'waiting';

/** Whether the nearest earlier event of the aggregate meant for this handler is still unprocessed. */
const PREDECESSOR_PENDING = `
  SELECT NOT EXISTS (
           SELECT 1 FROM platform.processed_event p WHERE p.event_id = o.id AND p.handler = $4
         ) AS pending
    FROM platform.outbox_event o
   WHERE o.aggregate_id = $1 AND o.sequence < $2
     AND CASE WHEN o.published_at IS NULL THEN o.type = ANY($3) ELSE $4 = ANY(o.routed_to) END
   ORDER BY o.sequence DESC
   LIMIT 1`;

/**
 * The first statement of the handler's transaction (BEGIN and the audit setting travel
 * with it): is the aggregate's earlier event for this handler still pending (then
 * wait)? If not, claim (eventId, handler) — nothing is claimed when another delivery
 * already holds it — and take the delivery off the pending and waiting lists, and clear
 * a dead letter the claim supersedes.
 */
const CLAIM = `
  WITH predecessor AS (${PREDECESSOR_PENDING}),
  claim AS (
    INSERT INTO platform.processed_event (event_id, handler, outcome)
    SELECT $5, $4, 'applied' WHERE NOT coalesce((SELECT pending FROM predecessor), false)
    ON CONFLICT DO NOTHING RETURNING event_id
  ),
  delivered AS (
    DELETE FROM platform.pending_delivery d WHERE d.event_id = $5 AND d.handler = $4 AND NOT coalesce((SELECT pending FROM predecessor), false)
  ),
  unparked AS (
    DELETE FROM platform.waiting_delivery w WHERE w.event_id = $5 AND w.handler = $4 AND NOT coalesce((SELECT pending FROM predecessor), false)
  ),
  cleared AS (
    DELETE FROM platform.dead_letter d WHERE d.event_id = $5 AND d.handler = $4 AND EXISTS (SELECT 1 FROM claim)
  )
  SELECT coalesce((SELECT pending FROM predecessor), false) AS waiting,
         EXISTS (SELECT 1 FROM claim) AS claimed`;

/** The next event of the aggregate meant for this handler. */
const SUCCESSOR = `
  SELECT o.id FROM platform.outbox_event o
   WHERE o.aggregate_id = $1 AND o.sequence > $2
     AND CASE WHEN o.published_at IS NULL THEN o.type = ANY($3) ELSE $4 = ANY(o.routed_to) END
   ORDER BY o.sequence
   LIMIT 1`;

/**
 * Sent with the handler's COMMIT: the next event's job, if it parked itself behind this
 * one (`waiting_delivery`), is taken off the list and named, to be woken once this one
 * has committed. When it did not park, nothing is asked of the queue.
 */
const PARKED_SUCCESSOR = `
  DELETE FROM platform.waiting_delivery w
   WHERE w.handler = $4 AND w.event_id = (${SUCCESSOR})
  RETURNING w.event_id AS id`;

/**
 * Runs one (event, handler) job: in the handler's own transaction it first checks that
 * the aggregate's earlier event for this handler is done (else the job waits and comes
 * back, without using an attempt), then records (eventId, handler) — a repeat finds the
 * record and does nothing — then lets the handler apply its effects. Failures count
 * towards the job's attempts; the last one parks the event in dead letters.
 */
@Injectable()
export class EventConsumer {
  private readonly log = new Logger('EventConsumer');

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly transport: BusTransport,
  ) {}

  async process(job: Job, token: string | undefined): Promise<HandlerOutcome> {
    const handler = this.registry.handler(job.name);
    const envelope = job.data as EventEnvelope;
    const context = { requestId: job.id ?? newId(), correlationId: envelope.correlationId, causationId: envelope.id, actorId: envelope.actorId ?? undefined };
    return RequestContext.run(context, async () => {
      try {
        if (!handler) throw new Error(`no handler named "${job.name}" runs in this process`);
        const outcome = await this.apply(handler, envelope);
        if (outcome === 'waiting') {
          // The predecessor's handler promotes this job when it finishes, so the delay
          // only bounds the wait if that wake-up is lost (its process died); it grows
          // with the job's age so a long backlog does not spin.
          const delay = Math.round(Math.min(Math.max((Date.now() - job.timestamp) / 2, 200), 5_000));
          try {
            // Listed before it parks, so the predecessor's commit finds it and wakes it.
            await this.dataSource.query(`INSERT INTO platform.waiting_delivery (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [envelope.id, handler.name]);
            await job.moveToDelayed(Date.now() + delay, token);
            // The predecessor may have finished between the check and the move, when this
            // job was not yet delayed and its promotion was a no-op: look once more.
            if (!(await this.predecessorPending(handler, envelope))) await job.promote().catch(() => undefined);
          } catch (error) {
            // Not the handler's failure (the queue lost the job, or is unreachable): the
            // redelivery sweep enqueues the event again if it stays unprocessed.
            this.log.warn(`could not hold back ${job.id} behind its predecessor: ${(error as Error).message}`);
          }
          throw new DelayedError();
        }
        return outcome;
      } catch (error) {
        if (error instanceof DelayedError) throw error;
        await this.recordFailure(job, envelope, error as Error);
        throw error;
      }
    });
  }

  private async predecessorPending(handler: RegisteredHandler, envelope: EventEnvelope): Promise<boolean> {
    const [predecessor] = (await this.dataSource.query(PREDECESSOR_PENDING, [envelope.aggregateId, envelope.sequence, handler.types, handler.name])) as Array<{
      pending: boolean;
    }>;
    return predecessor?.pending ?? false;
  }

  /** One delivery of `envelope` to `handler`, exactly-once in effect. */
  async apply(handler: RegisteredHandler, envelope: EventEnvelope): Promise<HandlerOutcome> {
    let parked: string | undefined;
    // The handler's changes are audited under its name, with the event as their cause.
    const outcome = await AuditScope.run({ action: `event:${handler.name}` }, () =>
      this.uow.run(async (manager) => {
        const [row] = (await manager.query(CLAIM, [envelope.aggregateId, envelope.sequence, handler.types, handler.name, envelope.id])) as Array<{
          waiting: boolean;
          claimed: boolean;
        }>;
        if (row.waiting) return 'waiting' as const;
        if (!row.claimed) return 'duplicate' as const;
        await handler.invoke(envelope, manager);
        this.uow.atCommit({
          sql: inlineParameters(PARKED_SUCCESSOR, [envelope.aggregateId, envelope.sequence, handler.types, handler.name]),
          returned: (rows) => {
            parked = rows[0]?.id as string | undefined;
          },
        });
        return 'applied' as const;
      }),
    );
    if (parked) await this.promote(handler, parked);
    return outcome;
  }

  /** Wakes the job of the aggregate's next event for this handler, if it is waiting. */
  async wakeSuccessor(handler: RegisteredHandler, envelope: EventEnvelope): Promise<void> {
    const [next] = (await this.dataSource.query(SUCCESSOR, [envelope.aggregateId, envelope.sequence, handler.types, handler.name])) as Array<{ id: string }>;
    if (next) await this.promote(handler, next.id);
  }

  private async promote(handler: RegisteredHandler, eventId: string): Promise<void> {
    try {
      await this.transport.promote(handler.context, handlerJobId(eventId, handler.name));
    } catch (error) {
      // Only a shortcut: the waiting job comes back by itself when its delay ends.
      this.log.debug(`could not wake the job of ${eventId}: ${(error as Error).message}`);
    }
  }

  private async recordFailure(job: Job, envelope: EventEnvelope, error: Error): Promise<void> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    this.log.warn(`${job.name} failed on ${envelope.type} ${envelope.id} (attempt ${job.attemptsMade + 1}${final ? ', parked in dead letters' : ''}): ${error.message}`);
    try {
      await this.dataSource.query(
        `INSERT INTO platform.event_handler_failure (handler, failed_attempts, last_failed_at) VALUES ($1, 1, now())
         ON CONFLICT (handler) DO UPDATE SET failed_attempts = platform.event_handler_failure.failed_attempts + 1, last_failed_at = now()`,
        [job.name],
      );
      if (!final) return;
      await this.dataSource.query(
        `INSERT INTO platform.dead_letter (id, event_id, handler, event_type, envelope, attempts, last_error, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'parked')
         ON CONFLICT (event_id, handler) DO UPDATE SET
           attempts = platform.dead_letter.attempts + EXCLUDED.attempts, last_error = EXCLUDED.last_error,
           status = 'parked', updated_at = now(), version = platform.dead_letter.version + 1`,
        [newId(), envelope.id, job.name, envelope.type, JSON.stringify(envelope), job.attemptsMade + 1, describe(error)],
      );
    } catch (recordError) {
      // The job still fails; if the dead letter could not be written, the redelivery
      // sweep finds the unprocessed event later and enqueues it again.
      this.log.error(`could not record the failure of ${job.name} on ${envelope.id}: ${(recordError as Error).message}`);
    }
  }
}

function describe(error: Error): string {
  return (error.stack ?? `${error.name}: ${error.message}`).slice(0, 8_000);
}
