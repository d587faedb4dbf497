import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EventBus, newId, UnitOfWork } from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { eventually, FAST_BUS_ENV, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { compileProcess, NodeProcess } from '../harness/node-process.js';
import './widget-events.js';

jest.setTimeout(120_000);

describe.each(['postgres', 'redis'] as const)('a worker killed mid-handler, on the %s backend', (backend) => {
  let writer: EventBusTestApp;
  let databaseUrl: string;
  let redis: TestRedis | undefined;
  let worker: NodeProcess | undefined;

  beforeAll(async () => {
    compileProcess(new URL('./crash-worker', import.meta.url));
    if (backend === 'redis') redis = await startTestRedis();
    databaseUrl = await createTestDatabase();
    await withDatabase(databaseUrl, (client) => client.query('CREATE TABLE public.crash_effect (event_id uuid NOT NULL, label text NOT NULL)'));
    // This process only writes events; the worker processes run the relay and handler.
    writer = await startEventBusApp({ databaseUrl, redisUrl: redis?.url, env: { RUN_WORKERS: 'false' } });
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await writer?.close();
    await redis?.stop().catch(() => undefined);
  });

  it('applies the effect exactly once after SIGKILL and a restart', async () => {
    const workerEnv = { ...FAST_BUS_ENV, DATABASE_URL: databaseUrl, ...(redis ? { REDIS_URL: redis.url } : {}) };
    worker = await NodeProcess.start(new URL('./crash-worker/dist/crash-worker/main.js', import.meta.url), { ...workerEnv, CRASH_ON_LABEL: 'crash-here' });
    const widget = newId();
    const labels = ['before-1', 'before-2', 'crash-here', 'after-1', 'after-2'];
    const events: Array<{ id: string }> = [];
    for (const label of labels) {
      events.push(await writer.app.get(UnitOfWork).run(() => writer.app.get(EventBus).emit('test.widget.registered', widget, { label })));
    }
    const [, inFlight] = await worker.waitFor(/IN_HANDLER (\S+)/);
    expect(inFlight).toBe(events[2].id);
    await worker.kill('SIGKILL');

    worker = await NodeProcess.start(new URL('./crash-worker/dist/crash-worker/main.js', import.meta.url), workerEnv);
    const rows = await eventually(async () => {
      const found = (await withDatabase(databaseUrl, (client) => client.query('SELECT event_id, label FROM public.crash_effect'))).rows as Array<{ event_id: string; label: string }>;
      return found.length >= labels.length ? found : undefined;
    }, 'every event to be applied after the restart', 90_000);
    expect(rows.map((row) => row.label).sort()).toEqual([...labels].sort());
    const processed = await withDatabase(databaseUrl, (client) =>
      client.query(`SELECT count(*)::int AS n FROM platform.processed_event WHERE handler = 'test.apply-once' AND event_id = ANY($1)`, [events.map((event) => event.id)]),
    );
    expect(processed.rows[0].n).toBe(labels.length);
  });
});
