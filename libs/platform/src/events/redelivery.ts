import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { BusTransport, type HandlerJob } from './bus-transport.js';
import { HandlerRegistry } from './handler-registry.js';
import { OUTBOX_COLUMNS, toEnvelope, type OutboxRow } from './outbox-row.js';

const SWEEP_LIMIT = 2_000;

/**
 * The safety net under "published": a queue can lose jobs it had accepted (a Redis
 * restarted without persistence, a job removed by hand). Every (event, handler) still
 * pending (`platform.pending_delivery`: routed by the relay, not yet claimed by its
 * handler) and not parked as a dead letter is enqueued again once it is older than
 * EVENT_REDELIVER_AFTER_MS; the job id makes this a no-op for jobs still queued. The
 * sweep reads those rows alone, however long the event log: they are the work in
 * flight, not hours of delivered events. It runs on a plain timer in every worker
 * process rather than on a queue scheduler, because the queue losing its data is
 * exactly when it must keep running.
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

  async sweep(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT ${OUTBOX_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}, pending.handler
         FROM platform.pending_delivery pending
         JOIN platform.outbox_event o ON o.id = pending.event_id
        WHERE pending.published_at < now() - make_interval(secs => $1::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM platform.dead_letter d WHERE d.event_id = pending.event_id AND d.handler = pending.handler AND d.status = 'parked')
        ORDER BY o.aggregate_id, o.sequence
        LIMIT ${SWEEP_LIMIT}`,
      [this.config.eventRedeliverAfterMs],
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
