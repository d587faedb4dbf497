import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from '../database/ids.js';
import { BusTransport } from './bus-transport.js';
import { Clock } from './clock.js';
import { HandlerRegistry } from './handler-registry.js';

/** Marks a job as a scheduled run rather than an event delivery on a context's queue. */
export const SCHEDULED_RUN = 'scheduled-run';

/**
 * Installs each `@ScheduledJob` as a BullMQ job scheduler on its context's queue (an
 * upsert, so every worker process may do it at start-up) and runs the ticks. The job
 * reads the time from `Clock`, which tests replace to move time.
 */
@Injectable()
export class ScheduledJobs {
  private readonly log = new Logger('ScheduledJobs');

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly transport: BusTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async install(): Promise<void> {
    const declared = new Set<string>();
    for (const job of this.registry.allScheduledJobs()) {
      declared.add(job.name);
      const repeat = 'everyMs' in job.schedule ? { every: job.schedule.everyMs } : { pattern: job.schedule.cron, tz: this.config.timeZone };
      await this.transport.queue(job.context).upsertJobScheduler(job.name, repeat, {
        name: job.name,
        data: { kind: SCHEDULED_RUN },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: 100, removeOnFail: 100 },
      });
    }
    // A job removed from the code must stop firing: drop schedulers nobody declares.
    for (const context of this.registry.consumingContexts()) {
      for (const scheduler of await this.transport.queue(context).getJobSchedulers()) {
        const id = scheduler.id ?? scheduler.key;
        if (!declared.has(id)) {
          await this.transport.queue(context).removeJobScheduler(id);
          this.log.log(`removed the schedule of "${id}", which no code declares any more`);
        }
      }
    }
  }

  /** Runs a scheduled job once, now, on the queue (for tests and for an operator). */
  async runNow(name: string): Promise<void> {
    const job = this.registry.scheduledJob(name);
    if (!job) throw new Error(`no scheduled job named "${name}"`);
    await this.transport.queue(job.context).add(name, { kind: SCHEDULED_RUN }, { removeOnComplete: 100, removeOnFail: 100 });
  }

  isScheduledRun(job: Job): boolean {
    return (job.data as { kind?: string } | undefined)?.kind === SCHEDULED_RUN;
  }

  async process(job: Job): Promise<unknown> {
    const scheduled = this.registry.scheduledJob(job.name);
    if (!scheduled) throw new Error(`no scheduled job named "${job.name}" runs in this process`);
    return RequestContext.run({ requestId: job.id ?? newId(), correlationId: newId() }, () => scheduled.run({ now: this.clock.now() }));
  }
}
