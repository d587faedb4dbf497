import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledJob, type ScheduledRun } from './scheduled-job.decorator.js';

/** How long delivered events and their idempotency records are kept. */
export const EVENT_LOG_RETENTION_DAYS = 30;
const BATCH = 5_000;

/**
 * Keeps the outbox and the idempotency table from growing without end. An event goes
 * once it is older than the retention and every handler it was routed to has processed
 * (or discarded) it; a parked dead letter keeps it. Well past the redelivery horizon
 * (a week), a repeat delivery can no longer arrive, so the records can go with it.
 */
@Injectable()
export class EventLogPruning {
  private readonly log = new Logger('EventLogPruning');

  constructor(private readonly dataSource: DataSource) {}

  @ScheduledJob('platform.prune-event-log', { cron: '30 3 * * *' })
  async prune({ now }: ScheduledRun): Promise<number> {
    const before = new Date(now.getTime() - EVENT_LOG_RETENTION_DAYS * 24 * 3600_000);
    let removed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `WITH done AS (
           SELECT o.id FROM platform.outbox_event o
            WHERE o.published_at < $1
              AND NOT EXISTS (
                SELECT 1 FROM unnest(o.routed_to) AS h(handler)
                 WHERE NOT EXISTS (SELECT 1 FROM platform.processed_event p WHERE p.event_id = o.id AND p.handler = h.handler))
            LIMIT ${BATCH}
         ), records AS (
           DELETE FROM platform.processed_event p USING done WHERE p.event_id = done.id
         )
         DELETE FROM platform.outbox_event o USING done WHERE o.id = done.id RETURNING o.id`,
        [before],
      )) as unknown[];
      removed += rows.length;
      if (rows.length < BATCH) break;
    }
    if (removed > 0) this.log.log(`pruned ${removed} events delivered before ${before.toISOString()}`);
    return removed;
  }
}
