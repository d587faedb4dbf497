import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { pino } from 'pino';
import request from 'supertest';
import { PlatformPermission } from '@zhongshu/contracts';
import { newId } from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { testAuthorization } from '../harness/test-principal.module.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { WidgetHandlersModule } from './widget-handlers.js';

jest.setTimeout(120_000);

const operator = testAuthorization(newId(), [PlatformPermission.EventBusRead]);

async function effectsOf(databaseUrl: string, widget: string): Promise<number> {
  const rows = await withDatabase(databaseUrl, (client) => client.query('SELECT count(*)::int AS n FROM public.widget_effect WHERE aggregate_id = $1', [widget]));
  return rows.rows[0].n as number;
}

describe('an event bus that cannot deliver yet', () => {
  const apps: EventBusTestApp[] = [];
  let redis: TestRedis | undefined;

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(async () => redis?.stop());

  it('starts listening with Redis down, stays ready (writes go to the outbox), reports Redis degraded, and delivers once Redis is back', async () => {
    // A Redis of this test's own, stopped before the API starts: the shared one is never touched.
    redis = await startTestRedis({ own: true });
    await redis.stop();
    const databaseUrl = await createTestDatabase();
    const bus = await startEventBusApp({ databaseUrl, redisUrl: redis.url, modules: [WidgetHandlersModule] });
    apps.push(bus);

    const ready = await request(bus.url).get('/api/ready').expect(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks.database.status).toBe('up');
    expect(ready.body.checks.redis.status).toBe('degraded');
    const widget = newId();
    await request(bus.url).post(`/api/v1/test/widgets/${widget}/register`).send({ label: 'while Redis is down' }).expect(201);
    expect(await effectsOf(databaseUrl, widget)).toBe(0);

    await redis.start();
    await eventually(async () => ((await effectsOf(databaseUrl, widget)) === 1 ? true : undefined), 'the event to be delivered once Redis is back', 60_000);
    await eventually(async () => {
      const again = await request(bus.url).get('/api/ready');
      return again.status === 200 && again.body.checks.redis.status === 'up' ? true : undefined;
    }, 'readiness to see Redis again');
  });

  it('says so when no relay runs: the start-up log, readiness (degraded, still 200) and the event bus status, until a worker starts', async () => {
    const databaseUrl = await createTestDatabase();
    const lines: Array<{ msg: string; level: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const api = await startEventBusApp({ databaseUrl, modules: [WidgetHandlersModule], logger, env: { RUN_WORKERS: 'false', EVENT_RELAY_ABSENT_MS: '300' } });
    apps.push(api);
    expect(lines.some((line) => line.msg.includes('this process runs no event relay'))).toBe(true);

    const widget = newId();
    await request(api.url).post(`/api/v1/test/widgets/${widget}/register`).send({ label: 'no relay' }).expect(201);
    const degraded = await eventually(async () => {
      const ready = await request(api.url).get('/api/ready');
      return ready.status === 200 && ready.body.checks['event-bus'].status === 'degraded' ? ready.body : undefined;
    }, 'readiness to say no relay is connected');
    expect(degraded.checks['event-bus'].detail).toContain('no event relay has been connected');
    const status = await request(api.url).get('/api/v1/platform/event-bus/metrics').set('authorization', operator).expect(200);
    expect(status.body.relays).toMatchObject({ connected: 0, runsHere: false, absent: expect.stringContaining('apps/worker') });
    expect(status.body.outbox.unpublished).toBeGreaterThan(0);

    // A worker beside it (a process with RUN_WORKERS=true on the same database) relays.
    apps.push(await startEventBusApp({ databaseUrl, modules: [WidgetHandlersModule] }));
    await eventually(async () => ((await effectsOf(databaseUrl, widget)) === 1 ? true : undefined), 'the worker to deliver the waiting event');
    await eventually(async () => {
      const ready = await request(api.url).get('/api/ready');
      return ready.body.checks['event-bus'].status === 'up' ? true : undefined;
    }, 'readiness to see the relay');
    const after = await request(api.url).get('/api/v1/platform/event-bus/metrics').set('authorization', operator).expect(200);
    expect(after.body.relays.connected).toBeGreaterThan(0);
    expect(after.body.relays.absent).toBeUndefined();
  });
});
