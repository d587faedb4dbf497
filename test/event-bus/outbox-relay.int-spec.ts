import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { APP_CONFIG, EventBus, HandlerRegistry, newId, OutboxRelay, UnitOfWork, type AppConfig, type HandlerJob } from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { WidgetHandlersModule } from './widget-handlers.js';

jest.setTimeout(60_000);

/** Records every job a relay hands over, pausing a little so two relays overlap. */
class RecordingTransport {
  readonly jobIds: string[] = [];
  failing = false;

  async enqueue(jobs: HandlerJob[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 5));
    if (this.failing) throw new Error('queue unreachable');
    for (const job of jobs) this.jobIds.push(`${job.envelope.id}@${job.handler}`);
  }
}

describe('outbox relay', () => {
  let bus: EventBusTestApp;
  let databaseUrl: string;

  const relayWith = (transport: RecordingTransport): OutboxRelay =>
    new OutboxRelay(bus.app.get(DataSource), bus.app.get(HandlerRegistry), transport as never, bus.app.get<string, AppConfig>(APP_CONFIG), databaseUrl);

  const emitMany = async (count: number, aggregates: string[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 50) {
      await bus.app.get(UnitOfWork).run(async () => {
        for (let index = start; index < Math.min(start + 50, count); index++) {
          const event = await bus.app.get(EventBus).emit('test.widget.registered', aggregates[index % aggregates.length], { label: `relay-${index}` });
          ids.push(event.id);
        }
      });
    }
    return ids;
  };

  const ownJobIds = (ids: string[]): Set<string> => new Set(ids.map((id) => `${id}@test.record-widget-history`));

  const unpublishedAmong = async (ids: string[]): Promise<number> =>
    (await withDatabase(databaseUrl, (client) => client.query('SELECT count(*)::int AS n FROM platform.outbox_event WHERE published_at IS NULL AND id = ANY($1)', [ids])))
      .rows[0].n as number;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    // No workers: the test drives the relays itself.
    bus = await startEventBusApp({ databaseUrl, env: { RUN_WORKERS: 'false', OUTBOX_LAG_ALERT_MS: '100' }, modules: [WidgetHandlersModule] });
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('reports the outbox lag of a process without workers in /api/ready, but stays ready', async () => {
    await emitMany(1, [newId()]);
    const ready = await eventually(async () => {
      const response = await request(bus.url).get('/api/ready');
      return String(response.body.checks['event-bus'].detail).includes('the outbox lag is over 100 ms') ? response : undefined;
    }, 'the lag to pass the alert threshold');
    // Readiness means "can take writes": the lag is reported as degraded, and the answer stays 200.
    expect(ready.status).toBe(200);
    expect(ready.body.checks['event-bus'].status).toBe('degraded');
  });

  it('never publishes a row twice when two relays drain one outbox at once', async () => {
    const ids = await emitMany(1000, Array.from({ length: 40 }, () => newId()));
    const first = new RecordingTransport();
    const second = new RecordingTransport();
    const drain = async (relay: OutboxRelay): Promise<void> => {
      while ((await relay.publishBatch(25)) > 0);
    };
    await Promise.all([drain(relayWith(first)), drain(relayWith(second))]);

    // The relays also publish whatever other tests left unpublished: no job twice at
    // all, and this test's rows each exactly once.
    const published = [...first.jobIds, ...second.jobIds];
    expect(published).toHaveLength(new Set(published).size);
    expect(published.filter((jobId) => ownJobIds(ids).has(jobId)).sort()).toEqual([...ownJobIds(ids)].sort());
    expect(first.jobIds.length).toBeGreaterThan(0);
    expect(second.jobIds.length).toBeGreaterThan(0);
    await expect(unpublishedAmong(ids)).resolves.toBe(0);
  });

  it('leaves the rows unpublished when the queue refuses them, and publishes them once it is back', async () => {
    const ids = await emitMany(30, [newId()]);
    const transport = new RecordingTransport();
    transport.failing = true;
    const relay = relayWith(transport);
    // Whatever else is unpublished comes along in the batch; a batch of everything
    // waiting is sure to include this test's rows.
    const everything = async (): Promise<number> =>
      (await withDatabase(databaseUrl, (client) => client.query('SELECT count(*)::int AS n FROM platform.outbox_event WHERE published_at IS NULL'))).rows[0].n as number;
    await expect(relay.publishBatch(await everything())).rejects.toThrow('queue unreachable');
    await expect(unpublishedAmong(ids)).resolves.toBe(30);

    transport.failing = false;
    await expect(relay.publishBatch(await everything())).resolves.toBeGreaterThanOrEqual(30);
    await expect(unpublishedAmong(ids)).resolves.toBe(0);
    // Handed over once each, in outbox order.
    expect(transport.jobIds.filter((jobId) => ownJobIds(ids).has(jobId))).toEqual(ids.map((id) => `${id}@test.record-widget-history`));
    const routed = await withDatabase(databaseUrl, (client) => client.query('SELECT DISTINCT routed_to FROM platform.outbox_event WHERE id = ANY($1)', [ids]));
    expect(routed.rows).toEqual([{ routed_to: ['test.record-widget-history'] }]);
  });
});
