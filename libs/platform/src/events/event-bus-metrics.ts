import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ReadinessRegistry } from '../health/readiness.registry.js';
import { BusTransport, type BusBackend } from './bus-transport.js';
import { HandlerRegistry } from './handler-registry.js';

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

export interface EventBusSnapshot {
  backend: BusBackend;
  outbox: OutboxMetrics;
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

  onModuleInit(): void {
    this.readiness.register('event-bus', async () => {
      const outbox = await this.outbox();
      const detail = `${this.transport.backend} backend, outbox lag ${outbox.lagMs} ms, ${outbox.unpublished} unpublished`;
      // Only a process that relays can fix a lag; an API that merely writes the outbox
      // reports it but stays ready, or a stopped worker would take the API down too.
      const behind = outbox.lagMs > this.config.outboxLagAlertMs;
      if (behind && this.config.runWorkers) return { status: 'down', detail: `${detail} (over ${this.config.outboxLagAlertMs} ms)` };
      return { status: 'up', detail: behind ? `${detail} (over ${this.config.outboxLagAlertMs} ms: is a worker running?)` : detail };
    });
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
    const [outbox, processed, failures, letters] = await Promise.all([
      this.outbox(),
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
    return { backend: this.transport.backend, outbox, handlers };
  }

  private async countBy(sql: string): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(sql)) as Array<{ handler: string; n: string }>;
    return new Map(rows.map((row) => [row.handler, Number(row.n)]));
  }
}
