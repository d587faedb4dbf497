import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPostgresBackend, createRedisBackend, withBackend } from 'bullmq';
import { BusTransport, EventBus, newId, queueName, UnitOfWork } from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { compileProcess, NodeProcess } from '../harness/node-process.js';
import './widget-events.js';

jest.setTimeout(180_000);

/** The handler the relay processes route the widget events to (see relay-process/main.ts). */
const ROUTED = 'test.count-relayed';
const EVENTS = 3_000;
const WRITERS = 4;
const PER_TRANSACTION = 15;

describe.each(['redis', 'postgres'] as const)('two relays in two processes over one outbox, on the %s backend', (backend) => {
  let writer: EventBusTestApp;
  let databaseUrl: string;
  let redis: TestRedis | undefined;
  let logs: string;
  const relays: NodeProcess[] = [];

  beforeAll(async () => {
    compileProcess(new URL('./relay-process', import.meta.url));
    if (backend === 'redis') redis = await startTestRedis();
    databaseUrl = await createTestDatabase();
    logs = mkdtempSync(join(tmpdir(), 'zs-relays-'));
    // This process only writes events; it neither relays nor consumes.
    writer = await startEventBusApp({ databaseUrl, redisUrl: redis?.url, env: { RUN_WORKERS: 'false' } });
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.kill('SIGKILL')));
    await writer?.close();
    await redis?.stop().catch(() => undefined);
    if (logs) rmSync(logs, { recursive: true, force: true });
  });

  it('hands every outbox row to the queue exactly once: no job twice, none missing', async () => {
    // The queue's own record of what was added to it, read from its first event on.
    const { QueueEvents } = backend === 'redis' ? withBackend(createRedisBackend) : withBackend(createPostgresBackend);
    const connection = redis ? { url: redis.url } : { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 2 };
    const queueEvents = new QueueEvents(queueName('test'), { connection, lastEventId: '0' } as never);
    const added: string[] = [];
    const duplicated: string[] = [];
    queueEvents.on('added', ({ jobId }: { jobId: string }) => added.push(jobId));
    queueEvents.on('duplicated', ({ jobId }: { jobId: string }) => duplicated.push(jobId));
    try {
      await queueEvents.waitUntilReady();
      const env = { RUN_WORKERS: 'false', DATABASE_URL: databaseUrl, ...(redis ? { REDIS_URL: redis.url } : {}) };
      relays.push(...(await Promise.all(['first', 'second'].map((name) => NodeProcess.start(new URL('./relay-process/dist/relay-process/main.js', import.meta.url), { ...env, RELAY_LOG: join(logs, name) })))));

      // Several writers at once, small transactions: every commit wakes both relays,
      // which then claim from the same unpublished rows. Each writer has aggregates of its
      // own: writers locking one aggregate's sequence in different orders would deadlock.
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writerIndex) => {
          const aggregates = Array.from({ length: 10 }, () => newId());
          for (let start = writerIndex * (EVENTS / WRITERS); start < (writerIndex + 1) * (EVENTS / WRITERS); start += PER_TRANSACTION) {
            const events = await writer.app.get(UnitOfWork).run(async () => {
              const emitted = [];
              for (let index = start; index < start + PER_TRANSACTION; index++) {
                emitted.push(await writer.app.get(EventBus).emit('test.widget.registered', aggregates[index % aggregates.length], { label: `relayed-${index}` }));
              }
              return emitted;
            });
            ids.push(...events.map((event) => event.id));
          }
        }),
      );
      expect(ids).toHaveLength(EVENTS);
      const expected = ids.map((id) => `${id}@${ROUTED}`).sort();

      await eventually(
        async () => {
          const unpublished = await withDatabase(databaseUrl, (client) =>
            client.query('SELECT count(*)::int AS n FROM platform.outbox_event WHERE published_at IS NULL AND id = ANY($1)', [ids]),
          );
          return unpublished.rows[0].n === 0 && added.length >= expected.length ? true : undefined;
        },
        'every row published and its job added',
        120_000,
      );

      // What each relay handed over: both took part, and together each job exactly once.
      const handed = ['first', 'second'].map((name) => readFileSync(join(logs, name), 'utf8').split('\n').filter(Boolean));
      expect(handed.map((jobIds) => jobIds.length > 0)).toEqual([true, true]);
      expect([...handed[0], ...handed[1]].sort()).toEqual(expected);
      // What the queue says: one add per job, never one refused as already there, and
      // every job still waiting in it.
      expect([...added].sort()).toEqual(expected);
      expect(duplicated).toEqual([]);
      await expect(writer.app.get(BusTransport).queue('test').getJobCounts()).resolves.toMatchObject({ waiting: EVENTS });
      const routed = await withDatabase(databaseUrl, (client) => client.query('SELECT DISTINCT routed_to FROM platform.outbox_event WHERE id = ANY($1)', [ids]));
      expect(routed.rows).toEqual([{ routed_to: [ROUTED] }]);
    } finally {
      await queueEvents.close();
    }
  });
});
