import { describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import type { AppConfig } from '../config/app-config.js';
import type { JobProcessor } from './bus-transport.js';
import { EventBusRuntime } from './event-bus.runtime.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventBusRuntime', () => {
  it('runs no more handler jobs at once than EVENT_HANDLER_CONCURRENCY, across every context it consumes for', async () => {
    const processors: JobProcessor[] = [];
    const running = new Set<string>();
    const finishers = new Map<string, () => void>();
    const runtime = new EventBusRuntime(
      { runWorkers: true, eventHandlerConcurrency: 3, eventRedeliverAfterMs: 120_000 } as AppConfig,
      { consumingContexts: () => ['crm', 'erp'], allHandlers: () => [], allScheduledJobs: () => [] } as never,
      {
        backend: 'redis',
        startWorker: (_context: string, processor: JobProcessor) => {
          processors.push(processor);
          return { waitUntilReady: async () => undefined, on: () => undefined, close: async () => undefined };
        },
        close: async () => undefined,
      } as never,
      { start: () => undefined, stop: async () => undefined } as never,
      {
        process: (job: Job) =>
          new Promise<void>((resolve) => {
            running.add(job.id!);
            finishers.set(job.id!, () => {
              running.delete(job.id!);
              resolve();
            });
          }),
      } as never,
      { isScheduledRun: () => false, install: async () => undefined } as never,
      { sweep: async () => 0 } as never,
    );
    await runtime.onApplicationBootstrap();
    try {
      expect(processors).toHaveLength(2);
      // Each context's BullMQ worker hands over as many jobs as it may take: 3 each.
      const [crm, erp] = processors;
      const done = ['crm-1', 'crm-2', 'crm-3'].map((id) => crm({ id } as Job)).concat(['erp-1', 'erp-2', 'erp-3'].map((id) => erp({ id } as Job)));
      await settle();
      expect([...running].sort()).toEqual(['crm-1', 'crm-2', 'crm-3']);

      finishers.get('crm-2')!();
      await settle();
      expect([...running].sort()).toEqual(['crm-1', 'crm-3', 'erp-1']);

      for (const id of ['crm-1', 'crm-3', 'erp-1']) finishers.get(id)!();
      await settle();
      expect([...running].sort()).toEqual(['erp-2', 'erp-3']);
      for (const id of ['erp-2', 'erp-3']) finishers.get(id)!();
      await Promise.all(done);
    } finally {
      await runtime.onModuleDestroy();
    }
  });
});
