export const SCHEDULED_JOB = Symbol('zhongshu:scheduled-job');

/** How often: a fixed interval, or a cron pattern read in the company's time zone. */
export type ScheduleOptions = { everyMs: number } | { cron: string };

export interface ScheduledJobMetadata {
  /** Stable, unique `<context>.<job>`; the first segment picks the queue. */
  name: string;
  schedule: ScheduleOptions;
}

export interface ScheduledRun {
  /** The `Clock`'s time when the run started; rules compare against this, not Date.now(). */
  now: Date;
}

/**
 * Marks a provider method as a scheduled job, run on a BullMQ job scheduler (either
 * backend). One run happens across all worker processes per tick.
 */
export function ScheduledJob(name: string, schedule: ScheduleOptions) {
  return <M extends (run: ScheduledRun) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const metadata: ScheduledJobMetadata = { name, schedule };
    Reflect.defineMetadata(SCHEDULED_JOB, metadata, target, key);
    void descriptor;
  };
}
