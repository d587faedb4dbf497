import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { EventEnvelope } from '@zhongshu/contracts';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  BusTransport,
  EventBus,
  EventConsumer,
  HandlerRegistry,
  newId,
  OutboxRelay,
  RequestContext,
  ScheduledJobs,
  UnitOfWork,
  handlerJobId,
  type AppConfig,
  type HandlerJob,
} from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { testAuthorization } from '../harness/test-principal.module.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { widgetControl, WidgetHandlersModule } from './widget-handlers.js';

const HISTORY = 'test.record-widget-history';

jest.setTimeout(60_000);
const admin = testAuthorization(newId(), ['platform:dead-letter:read', 'platform:dead-letter:retry', 'platform:dead-letter:discard', 'platform:event-bus:read', 'platform:audit:read']);
const reader = testAuthorization(newId(), ['platform:dead-letter:read']);

interface EffectRow {
  event_id: string;
  handler: string;
  aggregate_id: string;
  sequence: number;
  label: string;
  correlation_id: string;
  causation_id: string | null;
  context_correlation_id: string | null;
  context_causation_id: string | null;
}

describe.each(['postgres', 'redis'] as const)('event bus on the %s backend', (backend) => {
  let bus: EventBusTestApp;
  let databaseUrl: string;
  let redis: TestRedis | undefined;

  const effects = (where: string, params: unknown[]): Promise<EffectRow[]> =>
    withDatabase(databaseUrl, async (client) => (await client.query(`SELECT * FROM public.widget_effect WHERE ${where} ORDER BY applied_at`, params)).rows as EffectRow[]);

  const emit = <T extends 'test.widget.registered' | 'test.widget.renamed'>(
    type: T,
    aggregateId: string,
    payload: T extends 'test.widget.registered' ? { label: string } : { label: string; step: number },
  ): Promise<EventEnvelope> =>
    bus.app.get(UnitOfWork).run(() => bus.app.get(EventBus).emit(type, aggregateId, payload as never)) as Promise<EventEnvelope>;

  beforeAll(async () => {
    if (backend === 'redis') redis = await startTestRedis();
    databaseUrl = await createTestDatabase();
    bus = await startEventBusApp({ databaseUrl, redisUrl: redis?.url, modules: [WidgetHandlersModule] });
  });

  afterAll(async () => {
    await bus?.close();
    await redis?.stop().catch(() => undefined);
  });

  it('runs on the backend the configuration names', () => {
    expect(bus.app.get(BusTransport).backend).toBe(backend);
  });

  it('publishes nothing for a rolled-back transaction and always delivers a committed one', async () => {
    const widget = newId();
    await expect(
      bus.app.get(UnitOfWork).run(async () => {
        await bus.app.get(EventBus).emit('test.widget.registered', widget, { label: 'rolled-back' });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const committed = await emit('test.widget.registered', widget, { label: 'committed' });

    const [applied] = await eventually(async () => {
      const rows = await effects('aggregate_id = $1', [widget]);
      return rows.length > 0 ? rows : undefined;
    }, 'the committed event to be handled');
    expect(applied).toMatchObject({ event_id: committed.id, label: 'committed', sequence: 1 });
    const outbox = await withDatabase(databaseUrl, (client) => client.query('SELECT type, sequence FROM platform.outbox_event WHERE aggregate_id = $1', [widget]));
    expect(outbox.rows).toEqual([{ type: 'test.widget.registered', sequence: '1' }]);
    await expect(effects('label = $1', ['rolled-back'])).resolves.toEqual([]);
  });

  it('refuses to emit outside a transaction or without an aggregate', async () => {
    await expect(bus.app.get(EventBus).emit('test.widget.registered', newId(), { label: 'loose' })).rejects.toThrow(/inside UnitOfWork.run/);
    await expect(bus.app.get(UnitOfWork).run(() => bus.app.get(EventBus).emit('test.widget.registered', '', { label: 'nameless' }))).rejects.toThrow(
      'needs the id of the aggregate',
    );
  });

  it('applies the same event delivered twice only once', async () => {
    const widget = newId();
    const event = await emit('test.widget.registered', widget, { label: 'twice' });
    await eventually(async () => ((await effects('event_id = $1', [event.id])).length === 1 ? true : undefined), 'first delivery');

    const handler = bus.app.get(HandlerRegistry).handler(HISTORY)!;
    await expect(bus.app.get(EventConsumer).apply(handler, event)).resolves.toBe('duplicate');
    const transport = bus.app.get(BusTransport);
    await transport.requeue({ context: 'test', handler: HISTORY, envelope: event, attempts: 3 });
    // A finished job is removed at once; the idempotency record is what remains.
    await eventually(
      async () => ((await transport.queue('test').getJob(handlerJobId(event.id, HISTORY))) === undefined ? true : undefined),
      'the second delivery to finish',
    );
    await expect(effects('event_id = $1', [event.id])).resolves.toHaveLength(1);
  });

  it('delivers once when a relay enqueued a batch but died before marking it published', async () => {
    const widget = newId();
    const relay = bus.app.get(OutboxRelay);
    await relay.stop();
    const events = [];
    try {
      for (let step = 1; step <= 5; step++) events.push(await emit('test.widget.registered', widget, { label: `relay-crash-${step}` }));
      const transport = bus.app.get(BusTransport);
      const dying = new OutboxRelay(
        bus.app.get(DataSource),
        bus.app.get(HandlerRegistry),
        {
          enqueue: async (jobs: HandlerJob[]) => {
            await transport.enqueue(jobs);
            throw new Error('the relay process died here');
          },
        } as never,
        bus.app.get<string, AppConfig>(APP_CONFIG),
        databaseUrl,
      );
      await expect(dying.publishBatch()).rejects.toThrow('the relay process died here');
    } finally {
      relay.start();
    }
    const rows = await eventually(async () => {
      const found = await effects('aggregate_id = $1', [widget]);
      return found.length >= 5 ? found : undefined;
    }, 'the re-published events');
    expect(rows.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
    const published = await withDatabase(databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM platform.outbox_event WHERE aggregate_id = $1 AND published_at IS NOT NULL', [widget]),
    );
    expect(published.rows[0].n).toBe(5);
  });

  it('applies two concurrent deliveries of one event once', async () => {
    const widget = newId();
    const event = await emit('test.widget.registered', widget, { label: 'concurrent' });
    const handler = bus.app.get(HandlerRegistry).handler(HISTORY)!;
    const consumer = bus.app.get(EventConsumer);
    const outcomes = await Promise.all([consumer.apply(handler, event), consumer.apply(handler, event), consumer.apply(handler, event)]);
    expect(outcomes.filter((outcome) => outcome === 'applied').length).toBeLessThanOrEqual(1);
    await eventually(async () => ((await effects('event_id = $1', [event.id])).length >= 1 ? true : undefined), 'the event to be handled');
    await expect(effects('event_id = $1', [event.id])).resolves.toHaveLength(1);
  });

  it('applies the events of one aggregate in sequence order while workers run concurrently', async () => {
    const widgets = Array.from({ length: 6 }, () => newId());
    const perWidget = 20;
    // Each widget's events are committed one after another, all widgets at once.
    await Promise.all(
      widgets.map(async (widget) => {
        await emit('test.widget.registered', widget, { label: 'ordered' });
        for (let step = 2; step <= perWidget; step++) await emit('test.widget.renamed', widget, { label: 'ordered', step });
      }),
    );
    await eventually(
      async () => ((await effects('aggregate_id = ANY($1)', [widgets])).length === widgets.length * perWidget ? true : undefined),
      'every ordered event to be handled',
      45_000,
    );
    for (const widget of widgets) {
      const rows = await effects('aggregate_id = $1', [widget]);
      expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: perWidget }, (_, index) => index + 1));
    }
  });

  it('parks a poison event after its attempts, holds back the aggregate behind it, and processes it once retried after the fix', async () => {
    const widget = newId();
    widgetControl.poisoned.add('poison');
    const poison = await emit('test.widget.registered', widget, { label: 'poison' });
    const next = await emit('test.widget.renamed', widget, { label: 'after-poison', step: 2 });

    const letter = await eventually(async () => {
      const page = await request(bus.url).get('/api/v1/platform/dead-letters').query({ handler: HISTORY }).set('Authorization', reader);
      return (page.body as { items: Array<{ id: string; eventId: string; attempts: number; lastError: string; status: string }> }).items.find(
        (item) => item.eventId === poison.id,
      );
    }, 'the poison event to reach dead letters');
    expect(letter).toMatchObject({ attempts: 3, status: 'parked' });
    expect(letter.lastError).toContain('widget "poison" is poison');
    await expect(effects('aggregate_id = $1', [widget])).resolves.toEqual([]);

    await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/retry`).set('Authorization', reader).expect(403);
    await request(bus.url).post(`/api/v1/platform/dead-letters/${newId()}/retry`).set('Authorization', admin).expect(404);
    await request(bus.url).post('/api/v1/platform/dead-letters/not-a-uuid/retry').set('Authorization', admin).expect(400);

    widgetControl.poisoned.delete('poison');
    const retried = await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/retry`).set('Authorization', admin).expect(202);
    expect(retried.body).toMatchObject({ id: letter.id, status: 'retrying' });

    const rows = await eventually(async () => {
      const found = await effects('aggregate_id = $1', [widget]);
      return found.length === 2 ? found : undefined;
    }, 'the retried event and the one behind it');
    expect(rows.map((row) => row.event_id)).toEqual([poison.id, next.id]);
    await request(bus.url).get(`/api/v1/platform/dead-letters/${letter.id}`).set('Authorization', reader).expect(404);
  });

  it('discards a dead letter so the aggregate moves on without it', async () => {
    const widget = newId();
    widgetControl.poisoned.add('discarded');
    const poison = await emit('test.widget.registered', widget, { label: 'discarded' });
    const next = await emit('test.widget.renamed', widget, { label: 'after-discard', step: 2 });
    const letter = await eventually(async () => {
      const page = await request(bus.url).get('/api/v1/platform/dead-letters').query({ handler: HISTORY, eventType: 'test.widget.registered' }).set('Authorization', admin);
      return (page.body as { items: Array<{ id: string; eventId: string }> }).items.find((item) => item.eventId === poison.id);
    }, 'the event to reach dead letters');
    await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/discard`).set('Authorization', reader).expect(403);
    await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/discard`).set('Authorization', admin).expect(204);
    const rows = await eventually(async () => {
      const found = await effects('aggregate_id = $1', [widget]);
      return found.length === 1 ? found : undefined;
    }, 'the event behind the discarded one');
    expect(rows[0].event_id).toBe(next.id);
    widgetControl.poisoned.delete('discarded');
  });

  it('carries the correlation id from the request through every event and handler, with each event as the cause of the next', async () => {
    const widget = newId();
    const clientSent = `deal-${newId()}`;
    const response = await request(bus.url)
      .post(`/api/v1/test/widgets/${widget}/register`)
      .set('x-correlation-id', clientSent)
      .send({ label: 'needs-follow-up' })
      .expect(201);
    const requestId = response.headers['x-request-id'];
    // The flow's id is the server's own; what the client sent is only kept for tracing.
    const correlationId = response.headers['x-correlation-id'];
    expect(correlationId).not.toBe(clientSent);
    const rows = await eventually(async () => {
      const found = await effects('aggregate_id = $1', [widget]);
      return found.length === 2 ? found : undefined;
    }, 'the event and its follow-up');
    const [first, followUp] = rows;
    expect(first).toMatchObject({ event_id: response.body.eventId, correlation_id: correlationId, causation_id: requestId });
    // While the handler ran, RequestContext (and so every log line and audit row) carried them.
    expect(first).toMatchObject({ context_correlation_id: correlationId, context_causation_id: first.event_id });
    expect(followUp).toMatchObject({ handler: 'test.note-follow-up', correlation_id: correlationId, causation_id: first.event_id, label: first.event_id });

    // The audit trail reads back as one timeline: the request, then each handler's
    // change, named after the handler and caused by the event it handled.
    const timeline = await request(bus.url).get('/api/v1/platform/audit-log').query({ correlationId, sort: 'id' }).set('Authorization', admin).expect(200);
    const changes = (timeline.body.items as Array<Record<string, unknown>>).filter((entry) => entry.kind === 'change');
    expect(changes).toEqual([
      expect.objectContaining({ action: 'event:test.record-widget-history', entityType: 'public.widget_effect', correlationId, causationId: first.event_id }),
      expect.objectContaining({ action: 'event:test.note-follow-up', entityType: 'public.widget_effect', correlationId, causationId: followUp.event_id }),
    ]);
  });

  it('reports outbox lag and per-handler counts on the admin endpoint and in /api/ready', async () => {
    await request(bus.url).get('/api/v1/platform/event-bus/metrics').set('Authorization', reader).expect(403);
    const metrics = await request(bus.url).get('/api/v1/platform/event-bus/metrics').set('Authorization', admin).expect(200);
    expect(metrics.body.backend).toBe(backend);
    expect(metrics.body.outbox).toEqual({ unpublished: expect.any(Number), lagMs: expect.any(Number) });
    const history = (metrics.body.handlers as Array<{ name: string; processed: number; failedAttempts: number; deadLetters: number }>).find(
      (handler) => handler.name === HISTORY,
    );
    expect(history?.processed).toBeGreaterThan(100);
    expect(history?.failedAttempts).toBeGreaterThanOrEqual(6);
    const ready = await request(bus.url).get('/api/ready').expect(200);
    expect(ready.body.checks['event-bus']).toMatchObject({ status: 'up', detail: expect.stringContaining(`${backend} backend`) });
  });

  it('runs scheduled jobs on the job scheduler, reading the clock the test controls', async () => {
    widgetControl.ticks.length = 0;
    const at = new Date(backend === 'redis' ? '2031-03-01T08:00:00Z' : '2032-07-01T08:00:00Z');
    bus.clock.set(at);
    await eventually(async () => (widgetControl.ticks.some((tick) => tick.getTime() === at.getTime()) ? true : undefined), 'a scheduled tick');
    const later = new Date(bus.clock.advance(30 * 24 * 3600 * 1000));
    await bus.app.get(ScheduledJobs).runNow('test.count-ticks');
    await eventually(async () => (widgetControl.ticks.some((tick) => tick.getTime() === later.getTime()) ? true : undefined), 'the tick run on demand');
  });

  it('prunes delivered events past the retention on its schedule, keeping any still undelivered', async () => {
    const widget = newId();
    widgetControl.poisoned.add('kept-for-prune');
    const parked = await emit('test.widget.registered', widget, { label: 'kept-for-prune' });
    await eventually(async () => {
      const page = await request(bus.url).get('/api/v1/platform/dead-letters').set('Authorization', admin);
      return (page.body as { items: Array<{ eventId: string }> }).items.some((item) => item.eventId === parked.id) ? true : undefined;
    }, 'the event to be parked');
    const count = async (sql: string): Promise<number> => (await withDatabase(databaseUrl, (client) => client.query(sql))).rows[0].n as number;
    await expect(count('SELECT count(*)::int AS n FROM platform.outbox_event')).resolves.toBeGreaterThan(100);

    bus.clock.advance(31 * 24 * 3600_000);
    await bus.app.get(ScheduledJobs).runNow('platform.prune-event-log');
    await eventually(async () => ((await count('SELECT count(*)::int AS n FROM platform.outbox_event')) === 1 ? true : undefined), 'the pruning run');
    const left = await withDatabase(databaseUrl, (client) => client.query('SELECT id FROM platform.outbox_event'));
    expect(left.rows).toEqual([{ id: parked.id }]);
    await expect(count('SELECT count(*)::int AS n FROM platform.processed_event')).resolves.toBe(0);
    widgetControl.poisoned.delete('kept-for-prune');
  });

  it('keeps the correlation of a job out of the caller once the handler is done', () => {
    expect(RequestContext.current()).toBeUndefined();
  });
});
