/**
 * How many handler jobs (and scheduled runs) a process runs at once, across the workers
 * of all the contexts it consumes for. Each one holds a database connection for its
 * transaction, so the pool is sized against this one number (DATABASE_POOL_SIZE checked
 * against EVENT_HANDLER_CONCURRENCY at start-up), however many contexts there are. A
 * job beyond it waits here, its BullMQ lock kept alive by the worker, until a slot
 * frees; slots go to waiting jobs in arrival order.
 */
export class HandlerSlots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`handler slots: ${size} is not a positive whole number`);
  }

  get running(): number {
    return this.busy;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy < this.size) this.busy += 1;
    // The slot is handed over by the job that frees it, so `busy` never drops between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy -= 1;
    }
  }
}
