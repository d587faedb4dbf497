import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { BusTransport, type HandlerJob } from './bus-transport.js';
import { HandlerRegistry } from './handler-registry.js';
import { OUTBOX_COLUMNS, toEnvelope, type OutboxRow } from './outbox-row.js';

const SWEEP_LIMIT = 2_000;
export const RECENT_WINDOW_MS = 10 * 60_000;
export const FULL_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * The safety net under "published": a queue can lose jobs it had accepted (a Redis
 * restarted without persistence, a job removed by hand). Every published event whose
 * handler has neither processed it nor parked it is enqueued again once it is older
 * than EVENT_REDELIVER_AFTER_MS; the job id makes this a no-op for jobs still queued.
 * It runs on a plain timer in every worker process rather than on a queue scheduler,
 * because the queue losing its data is exactly when it must keep running.
 */
@Injectable()
export class Redelivery {
  private readonly log = new Logger('Redelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    private readonly transport: BusTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `lookBackMs` bounds how far back to search: the frequent sweep looks a few minutes
   * past the redelivery delay, an hourly one over a week (each scan costs a read of every
   * event published in its window).
   */
  async sweep(lookBackMs = RECENT_WINDOW_MS): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT ${OUTBOX_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}, h.handler
         FROM platform.outbox_event o CROSS JOIN LATERAL unnest(o.routed_to) AS h(handler)
        WHERE o.published_at < now() - make_interval(secs => $1::double precision / 1000)
          AND o.published_at > now() - make_interval(secs => ($1::double precision + $2::double precision) / 1000)
          AND NOT EXISTS (SELECT 1 FROM platform.processed_event p WHERE p.event_id = o.id AND p.handler = h.handler)
          AND NOT EXISTS (SELECT 1 FROM platform.dead_letter d WHERE d.event_id = o.id AND d.handler = h.handler AND d.status = 'parked')
        ORDER BY o.aggregate_id, o.sequence
        LIMIT ${SWEEP_LIMIT}`,
      [this.config.eventRedeliverAfterMs, lookBackMs],
    )) as Array<OutboxRow & { handler: string }>;
    const jobs: HandlerJob[] = [];
    for (const row of rows) {
      const handler = this.registry.handler(row.handler);
      if (!handler) continue;
      jobs.push({ context: handler.context, handler: handler.name, envelope: toEnvelope(row), attempts: handler.maxAttempts ?? this.config.eventMaxAttempts });
    }
    if (jobs.length > 0) {
      await this.transport.enqueue(jobs);
      this.log.warn(`re-enqueued ${jobs.length} event deliveries that were published but never processed`);
    }
    return jobs.length;
  }
}
