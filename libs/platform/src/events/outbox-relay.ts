import { Inject, Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { BusTransport, type HandlerJob } from './bus-transport.js';
import { DATABASE_URL, OUTBOX_CHANNEL } from './event-bus.tokens.js';
import { HandlerRegistry } from './handler-registry.js';
import { OUTBOX_COLUMNS, toEnvelope, type OutboxRow } from './outbox-row.js';

export const RELAY_BATCH_SIZE = 500;
/** The name of every relay's LISTEN connection: how any process tells that a relay is alive. */
export const RELAY_APPLICATION_NAME = 'zhongshu-outbox-relay';
/** Without a NOTIFY (its connection dropped, or another process wrote), poll this often. */
const POLL_MS = 1_000;
const MAX_RETRY_DELAY_MS = 5_000;
/**
 * After a wake-up that follows a small batch, wait this long so the commits arriving
 * meanwhile share one claim: at a steady few hundred events a second that turns one
 * relay transaction per event into one per handful, for a few milliseconds of latency.
 */
const GATHER_MS = 5;
const SMALL_BATCH = 50;

/**
 * Moves committed outbox rows onto BullMQ. Each batch is claimed with
 * `FOR UPDATE SKIP LOCKED` inside one transaction that also marks the rows published and
 * lists their deliveries as pending, so any number of relays can run: a row is claimed
 * by one of them. The jobs are enqueued after that commit; if the queue refuses them the
 * rows are returned to unpublished and wait for the next try. A crash between the commit
 * and the enqueue leaves the deliveries pending, and the redelivery sweep enqueues them;
 * a job enqueued twice has one job id, which BullMQ and the handlers' idempotency
 * records both absorb.
 */
@Injectable()
export class OutboxRelay {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private listener?: pg.Client;
  private wake?: () => void;
  private signalled = false;
  private readonly log = new Logger('OutboxRelay');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    @Inject(BusTransport) private readonly transport: Pick<BusTransport, 'enqueue'>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loopDone;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Whether this process relays (RUN_WORKERS): then a commit here wakes it in memory. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Wakes the loop now rather than at the next poll. */
  nudge(): void {
    this.signalled = true;
    this.wake?.();
  }

  /** Claims and publishes one batch; returns how many rows it published. */
  async publishBatch(limit = RELAY_BATCH_SIZE): Promise<number> {
    // PostgreSQL's default READ COMMITTED; naming it would cost a round trip per batch.
    // The rows are marked published and their deliveries listed as pending, and that is
    // committed, before any job exists: a worker that takes a job at once always finds
    // its pending row to take off (with the enqueue inside the transaction, a fast
    // worker's claim ran before the relay's commit and the row stayed pending for good).
    const batch = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as OutboxRow[];
      if (rows.length === 0) return { ids: [] as string[], jobs: [] as HandlerJob[] };
      const jobs: HandlerJob[] = [];
      const routes = rows.map((row) => {
        const handlers = this.registry.handlersFor(row.type);
        const envelope = toEnvelope(row);
        for (const handler of handlers) {
          jobs.push({ context: handler.context, handler: handler.name, envelope, attempts: handler.maxAttempts ?? this.config.eventMaxAttempts });
        }
        return { id: row.id, routed: handlers.map((handler) => handler.name) };
      });
      // Marked published, and each (event, handler) listed as pending until its claim.
      await manager.query(
        `WITH routes AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, routed text[])),
         published AS (
           UPDATE platform.outbox_event o SET published_at = now(), routed_to = r.routed FROM routes r WHERE o.id = r.id
         )
         INSERT INTO platform.pending_delivery (event_id, handler, published_at)
         SELECT r.id, h.handler, now() FROM routes r CROSS JOIN LATERAL unnest(r.routed) AS h(handler)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(routes)],
      );
      return { ids: routes.map((route) => route.id), jobs };
    });
    if (batch.jobs.length > 0) {
      try {
        await this.transport.enqueue(batch.jobs);
      } catch (error) {
        // The queue refused them: the rows go back to unpublished and wait for the next
        // try. Should this fail too (or the process die here), the rows stay listed as
        // pending and the redelivery sweep enqueues them.
        await this.dataSource
          .query(
            `WITH unlisted AS (DELETE FROM platform.pending_delivery WHERE event_id = ANY($1::uuid[]))
             UPDATE platform.outbox_event SET published_at = NULL, routed_to = NULL WHERE id = ANY($1::uuid[])`,
            [batch.ids],
          )
          .catch((revert: Error) => this.log.warn(`could not return a refused batch to the outbox, the redelivery sweep will send it: ${revert.message}`));
        throw error;
      }
    }
    return batch.ids.length;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let published = RELAY_BATCH_SIZE;
    while (this.running) {
      await this.ensureListening();
      if (published < SMALL_BATCH) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      this.signalled = false;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        // The rows stay unpublished; writers are unaffected and nothing is lost.
        if (failures === 1 || failures % 20 === 0) this.log.warn(`publishing failed (${failures}x), will retry: ${(error as Error).message}`);
        await this.sleep(Math.min(100 * 2 ** failures, MAX_RETRY_DELAY_MS));
        continue;
      }
      if (published < RELAY_BATCH_SIZE && !this.signalled) await this.sleep(POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async ensureListening(): Promise<void> {
    if (this.listener || !this.running) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: RELAY_APPLICATION_NAME });
    client.on('notification', () => this.nudge());
    client.on('error', (error) => {
      this.log.warn(`outbox LISTEN connection lost, polling until it is back: ${error.message}`);
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.log.warn(`cannot LISTEN for outbox writes, polling instead: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}
