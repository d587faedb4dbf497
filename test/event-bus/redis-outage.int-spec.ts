import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { newId } from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { WidgetHandlersModule } from './widget-handlers.js';

jest.setTimeout(120_000);

describe('Redis outage', () => {
  let bus: EventBusTestApp;
  let redis: TestRedis;
  let databaseUrl: string;

  beforeAll(async () => {
    redis = await startTestRedis({ own: true });
    databaseUrl = await createTestDatabase();
    bus = await startEventBusApp({ databaseUrl, redisUrl: redis.url, modules: [WidgetHandlersModule], env: { EVENT_REDELIVER_AFTER_MS: '1000', OUTBOX_LAG_ALERT_MS: '1000' } });
  });

  afterAll(async () => {
    await bus?.close();
    await redis?.stop();
  });

  it('keeps accepting writes and stays ready while Redis is down, loses none, and delivers every event in order per aggregate once it is back', async () => {
    const widgets = Array.from({ length: 5 }, () => newId());
    let accepted = 0;
    let writing = true;
    const write = async (): Promise<void> => {
      const widget = widgets[accepted % widgets.length];
      await request(bus.url).post(`/api/v1/test/widgets/${widget}/register`).send({ label: `outage-${accepted}` }).expect(201);
      accepted += 1;
    };
    const writer = (async () => {
      while (writing) await write();
    })();
    const acceptedAtLeast = (count: number): Promise<boolean> => eventually(async () => (accepted >= count ? true : undefined), `${count} accepted writes`);

    await acceptedAtLeast(40);
    await redis.stop();
    const atStop = accepted;
    await acceptedAtLeast(atStop + 60);
    // Stay down past the relay's enqueue timeout, so it also goes through failed
    // batches that roll back, not only through enqueues that wait for the reconnect.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const unpublished = await withDatabase(databaseUrl, (client) => client.query('SELECT count(*)::int AS n FROM platform.outbox_event WHERE published_at IS NULL'));
    expect(unpublished.rows[0].n).toBeGreaterThan(0);
    // Readiness means "can take writes": the writes above succeeded, so the API stays in
    // the load balancer; the event bus and Redis are reported degraded meanwhile.
    const degraded = await eventually(async () => {
      const ready = await request(bus.url).get('/api/ready');
      return ready.status === 200 && ready.body.checks['event-bus'].status === 'degraded' ? ready.body : undefined;
    }, 'readiness to report the growing outbox lag as degraded');
    expect(degraded.status).toBe('degraded');
    expect(degraded.checks['event-bus'].detail).toContain('outbox lag');
    expect(degraded.checks.redis.status).toBe('degraded');
    expect(degraded.checks.database.status).toBe('up');
    await redis.start();
    await acceptedAtLeast(accepted + 40);
    writing = false;
    await writer;

    const effects = await eventually(
      async () => {
        const rows = (await withDatabase(databaseUrl, (client) => client.query('SELECT aggregate_id, sequence FROM public.widget_effect WHERE aggregate_id = ANY($1) ORDER BY applied_at', [widgets]))).rows as Array<{
          aggregate_id: string;
          sequence: number;
        }>;
        return rows.length >= accepted ? rows : undefined;
      },
      'every accepted write to be delivered',
      90_000,
    );
    expect(effects).toHaveLength(accepted);
    await eventually(async () => {
      const ready = await request(bus.url).get('/api/ready');
      return ready.status === 200 && ready.body.status === 'ok' ? true : undefined;
    }, 'readiness to recover');
    for (const widget of widgets) {
      const sequences = effects.filter((row) => row.aggregate_id === widget).map((row) => row.sequence);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
    }
  });
});
