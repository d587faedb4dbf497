import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPostgresBackend, createRedisBackend, withBackend, type Job } from 'bullmq';
import type { EventEnvelope } from '@zhongshu/contracts';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from './event-bus.tokens.js';

export type BusBackend = 'redis' | 'postgres';

/** One job per (event, handler): the id makes a second enqueue of the same pair a no-op. */
export interface HandlerJob {
  context: string;
  handler: string;
  envelope: EventEnvelope;
  attempts: number;
}

/** What the bus needs of a BullMQ queue; the same on both backends. */
export interface BusQueue {
  addBulk(jobs: Array<{ name: string; data: unknown; opts: Record<string, unknown> }>): Promise<unknown>;
  add(name: string, data: unknown, opts: Record<string, unknown>): Promise<unknown>;
  getJob(id: string): Promise<{ remove(): Promise<void>; isDelayed(): Promise<boolean>; promote(): Promise<void> } | undefined>;
  upsertJobScheduler(id: string, repeat: Record<string, unknown>, template: { name: string; data: unknown; opts?: Record<string, unknown> }): Promise<unknown>;
  getJobSchedulers(): Promise<Array<{ key: string; id?: string | null }>>;
  removeJobScheduler(id: string): Promise<unknown>;
  getJobCounts(): Promise<Record<string, number>>;
  waitUntilReady(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

export interface BusWorker {
  on(event: 'error', listener: (error: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(force?: boolean): Promise<void>;
}

export type JobProcessor = (job: Job, token?: string) => Promise<unknown>;

/** BullMQ rejects `:` in custom ids (its Redis key separator), so `@` joins the pair. */
export function handlerJobId(eventId: string, handler: string): string {
  return `${eventId}@${handler}`;
}

export function queueName(context: string): string {
  return `zs-${context}`;
}

const WARN_INTERVAL_MS = 30_000;

/** How long an enqueue may take before the relay gives up and retries the batch. */
const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * BullMQ on the backend the config picks: Redis when REDIS_URL is set, else BullMQ's
 * PostgreSQL backend in schema `bullmq` of the application database. Queue and Worker
 * code is the same for both; only the constructors and connection differ.
 */
@Injectable()
export class BusTransport {
  readonly backend: BusBackend;
  private readonly queues = new Map<string, BusQueue>();
  private readonly workers: BusWorker[] = [];
  private readonly log = new Logger('EventBus');
  private readonly classes: { Queue: new (name: string, opts: object) => BusQueue; Worker: new (name: string, processor: JobProcessor, opts: object) => BusWorker };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {
    this.backend = config.redisUrl ? 'redis' : 'postgres';
    const classes = config.redisUrl ? withBackend(createRedisBackend) : withBackend(createPostgresBackend);
    this.classes = classes as unknown as BusTransport['classes'];
  }

  queue(context: string): BusQueue {
    let queue = this.queues.get(context);
    if (!queue) {
      queue = new this.classes.Queue(queueName(context), { connection: this.connection('queue', 2) });
      queue.on('error', (error) => this.warnAtMostNow(`queue ${queueName(context)}`, error));
      this.queues.set(context, queue);
    }
    return queue;
  }

  /** Enqueues handler jobs, grouped by queue; throws if the backend does not answer in time. */
  async enqueue(jobs: HandlerJob[]): Promise<void> {
    const byContext = new Map<string, HandlerJob[]>();
    for (const job of jobs) byContext.set(job.context, [...(byContext.get(job.context) ?? []), job]);
    const adds = [...byContext].map(([context, group]) =>
      this.queue(context).addBulk(group.map((job) => ({ name: job.handler, data: job.envelope, opts: this.jobOptions(job) }))),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${this.backend} queue did not accept the jobs within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all(adds), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Re-enqueues one job even if a finished copy with the same id is still stored. */
  async requeue(job: HandlerJob): Promise<void> {
    const queue = this.queue(job.context);
    const existing = await queue.getJob(handlerJobId(job.envelope.id, job.handler));
    if (existing) await existing.remove();
    await queue.add(job.handler, job.envelope, this.jobOptions(job));
  }

  /** Moves a job that is waiting out a delay to the front of its queue, if it is still delayed. */
  async promote(context: string, jobId: string): Promise<void> {
    const job = await this.queue(context).getJob(jobId);
    if (job && (await job.isDelayed())) await job.promote();
  }

  startWorker(context: string, processor: JobProcessor, concurrency: number): BusWorker {
    const worker = new this.classes.Worker(queueName(context), processor, {
      // On the PostgreSQL backend each queue and worker has a pool of its own, opened on
      // demand and closed when idle. Ten serve 16 concurrent jobs measurably better than
      // five (bench:event-bus drain +50%); six busy contexts then need about 72
      // connections, about 92 with the default application pool of 20: inside
      // PostgreSQL's default 100, but not by much.
      connection: this.connection('worker', Math.min(concurrency + 2, 10)),
      concurrency,
      // A job whose process died is picked up again once its lock lapses; a crash is
      // not the handler's fault, so it does not use up the job's attempts.
      lockDuration: this.config.eventJobLockMs,
      stalledInterval: Math.max(Math.floor(this.config.eventJobLockMs / 2), 500),
      maxStalledCount: 10,
    });
    worker.on('error', (error) => this.warnAtMostNow(`worker ${queueName(context)}`, error));
    this.workers.push(worker);
    return worker;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.splice(0).map((worker) => worker.close()));
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private readonly lastWarned = new Map<string, number>();

  /**
   * While Redis is down every connection retry is an error event; one line per source
   * and WARN_INTERVAL_MS says the same without flooding the log.
   */
  private warnAtMostNow(source: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastWarned.get(source) ?? 0) < WARN_INTERVAL_MS) return;
    this.lastWarned.set(source, now);
    this.log.warn(`${source}: ${error.message}`);
  }

  private jobOptions(job: HandlerJob): Record<string, unknown> {
    return {
      jobId: handlerJobId(job.envelope.id, job.handler),
      attempts: job.attempts,
      backoff: { type: 'exponential', delay: this.config.eventBackoffMs },
      // The idempotency table is the record of what ran and failed ones live on as dead
      // letters, so finished jobs go at once (age-based retention costs the PostgreSQL
      // backend about four fifths of its throughput).
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  private connection(role: 'queue' | 'worker', poolSize: number): object {
    if (this.config.redisUrl) return { url: this.config.redisUrl, connectionName: `zhongshu-${role}` };
    return { connectionString: this.databaseUrl, schema: 'bullmq', migrate: true, max: poolSize, application_name: `zhongshu-bullmq-${role}` };
  }
}
