import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ReadinessRegistry } from '../health/readiness.registry.js';
import { BusTransport, type BusBackend } from './bus-transport.js';
import { HandlerRegistry } from './handler-registry.js';
import { RELAY_APPLICATION_NAME } from './outbox-relay.js';

export interface OutboxMetrics {
  unpublished: number;
  /** Age of the oldest unpublished event; 0 when the outbox is drained. */
  lagMs: number;
}

export interface HandlerMetrics {
  name: string;
  context: string;
  eventTypes: string[];
  processed: number;
  failedAttempts: number;
  deadLetters: number;
}

export interface RelayMetrics {
  /** Relays connected to the database now (each holds a LISTEN connection), this process's included. */
  connected: number;
  /** Whether this process runs one (RUN_WORKERS). */
  runsHere: boolean;
  /** When none has been connected for EVENT_RELAY_ABSENT_MS (or events waited that long): why, in words. */
  absent?: string;
}

export interface EventBusSnapshot {
  backend: BusBackend;
  outbox: OutboxMetrics;
  relays: RelayMetrics;
  handlers: HandlerMetrics[];
}

/**
 * Read from the database, not process memory, so any process (the API answering an
 * admin while apps/worker does the work) reports the whole system.
 */
@Injectable()
export class EventBusMetrics implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    private readonly transport: BusTransport,
    private readonly readiness: ReadinessRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private relayMissingSince: number | undefined;

  /**
   * The event bus in readiness: `degraded`, never `down`, when the outbox lags or no
   * relay is connected, since writes still succeed and wait in the outbox (a stopped
   * worker or Redis must not take every API out of the load balancer).
   */
  onModuleInit(): void {
    this.readiness.register(
      'event-bus',
      async () => {
        const outbox = await this.outbox();
        const relays = await this.relays(outbox);
        const detail = `${this.transport.backend} backend, outbox lag ${outbox.lagMs} ms, ${outbox.unpublished} unpublished, ${relays.connected} relay(s) connected`;
        const problems: string[] = [];
        if (outbox.lagMs > this.config.outboxLagAlertMs) problems.push(`the outbox lag is over ${this.config.outboxLagAlertMs} ms`);
        if (relays.absent) problems.push(relays.absent);
        return problems.length === 0 ? { status: 'up', detail } : { status: 'degraded', detail: `${detail}: ${problems.join('; ')}` };
      },
      { whenFailing: 'degraded' },
    );
  }

  /**
   * Every relay holds a LISTEN connection named `zhongshu-outbox-relay`, so the
   * database knows whether any process anywhere relays. None for EVENT_RELAY_ABSENT_MS
   * (as this process has seen), or events waiting that long with none, is reported.
   */
  async relays(outbox?: OutboxMetrics): Promise<RelayMetrics> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS connected FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [RELAY_APPLICATION_NAME],
    )) as Array<{ connected: number }>;
    const runsHere = this.config.runWorkers;
    const connected = row.connected;
    if (runsHere || connected > 0) {
      this.relayMissingSince = undefined;
      return { connected, runsHere };
    }
    const now = Date.now();
    this.relayMissingSince ??= now;
    const waiting = (outbox ?? (await this.outbox())).lagMs;
    const missingMs = Math.max(now - this.relayMissingSince, waiting);
    if (missingMs < this.config.eventRelayAbsentMs) return { connected, runsHere };
    return {
      connected,
      runsHere,
      absent: `no event relay has been connected for ${Math.round(missingMs / 1000)} s: events wait in the outbox until apps/worker (or a process with RUN_WORKERS=true) runs`,
    };
  }

  async outbox(): Promise<OutboxMetrics> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS unpublished,
              coalesce((extract(epoch FROM now() - min(occurred_at)) * 1000)::bigint, 0) AS lag_ms
         FROM platform.outbox_event WHERE published_at IS NULL`,
    )) as Array<{ unpublished: number; lag_ms: string }>;
    return { unpublished: row.unpublished, lagMs: Math.max(0, Number(row.lag_ms)) };
  }

  async snapshot(): Promise<EventBusSnapshot> {
    const outbox = await this.outbox();
    const [relays, processed, failures, letters] = await Promise.all([
      this.relays(outbox),
      this.countBy(`SELECT handler, count(*)::bigint AS n FROM platform.processed_event WHERE outcome = 'applied' GROUP BY handler`),
      this.countBy('SELECT handler, failed_attempts AS n FROM platform.event_handler_failure'),
      this.countBy('SELECT handler, count(*)::bigint AS n FROM platform.dead_letter GROUP BY handler'),
    ]);
    const handlers = this.registry.allHandlers().map((handler) => ({
      name: handler.name,
      context: handler.context,
      eventTypes: handler.types,
      processed: processed.get(handler.name) ?? 0,
      failedAttempts: failures.get(handler.name) ?? 0,
      deadLetters: letters.get(handler.name) ?? 0,
    }));
    return { backend: this.transport.backend, outbox, relays, handlers };
  }

  private async countBy(sql: string): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(sql)) as Array<{ handler: string; n: string }>;
    return new Map(rows.map((row) => [row.handler, Number(row.n)]));
  }
}
