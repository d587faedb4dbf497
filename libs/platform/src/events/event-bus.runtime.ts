import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { BusTransport } from './bus-transport.js';
import { EventConsumer } from './event-consumer.js';
import { HandlerRegistry } from './handler-registry.js';
import { HandlerSlots } from './handler-slots.js';
import { OutboxRelay } from './outbox-relay.js';
import { Redelivery } from './redelivery.js';
import { ScheduledJobs } from './scheduled-jobs.js';

/** How long start-up waits for the queue's backend before going on without it. */
const BACKEND_WAIT_MS = 3_000;
/** Schedules are upserted again this often, so a queue that lost its data gets them back. */
const SCHEDULE_REFRESH_MS = 60_000;

/**
 * Starts the moving parts in a process that runs workers (RUN_WORKERS): the relay, one
 * BullMQ worker per consuming context, the job schedulers and the redelivery sweep.
 * A process without workers only writes the outbox.
 */
@Injectable()
export class EventBusRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private readonly log = new Logger('EventBus');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: HandlerRegistry,
    private readonly transport: BusTransport,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly scheduled: ScheduledJobs,
    private readonly redelivery: Redelivery,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runWorkers) {
      this.log.warn(
        'this process runs no event relay and no event handlers (RUN_WORKERS=false): events wait in the outbox until apps/worker, or a process with RUN_WORKERS=true, runs beside it',
      );
      return;
    }
    this.started = true;
    // Every context's worker may take up to the whole concurrency when the others are
    // idle, but together they never run more than it: that is what the pool is sized for.
    const slots = new HandlerSlots(this.config.eventHandlerConcurrency);
    const workers = this.registry.consumingContexts().map((context) =>
      this.transport.startWorker(
        context,
        (job, token) => slots.run(() => (this.scheduled.isScheduledRun(job) ? this.scheduled.process(job) : this.consumer.process(job, token))),
        this.config.eventHandlerConcurrency,
      ),
    );
    // Start-up waits for the queue's backend only briefly: with Redis down the API still
    // starts and takes writes (into the outbox), the workers connect when Redis is back,
    // and the relay and the schedules retry until then. Readiness reports it meanwhile.
    const summary = `${this.registry.allHandlers().length} handlers, ${this.registry.allScheduledJobs().length} scheduled jobs`;
    const connected = Promise.all(workers.map((worker) => worker.waitUntilReady())).then(() => this.scheduled.install());
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      connected.then(() => 'connected' as const),
      new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), BACKEND_WAIT_MS))),
    ]).catch(() => 'waiting' as const);
    clearTimeout(timer);
    this.relay.start();
    this.every(SCHEDULE_REFRESH_MS, () => this.scheduled.install());
    this.every(Math.min(Math.max(this.config.eventRedeliverAfterMs / 2, 500), 15_000), () => this.redelivery.sweep());
    if (waited === 'connected') {
      this.log.log(`event bus running on ${this.transport.backend}: ${summary}`);
      return;
    }
    this.log.warn(`the ${this.transport.backend} backend of the event bus does not answer: starting without it; events wait in the outbox until it does`);
    connected.then(
      () => this.log.log(`event bus running on ${this.transport.backend}: ${summary}`),
      (error: unknown) => this.log.warn(`event bus workers not connected yet, retrying: ${(error as Error).message}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (this.started) await this.relay.stop();
    await this.transport.close();
  }

  private every(ms: number, work: () => Promise<unknown>, options: { now?: boolean } = {}): void {
    let busy = false;
    const tick = (): void => {
      if (busy) return;
      busy = true;
      work()
        .catch((error: unknown) => this.log.warn(`background event-bus work failed, will retry: ${(error as Error).message}`))
        .finally(() => {
          busy = false;
        });
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    if (options.now) tick();
    this.timers.push(timer);
  }
}
