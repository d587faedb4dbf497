import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { Job } from 'bullmq';
import type { EventEnvelope, EventPayload, EventType } from '@zhongshu/contracts';
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
  type RequestContextStore,
} from '@zhongshu/platform';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import { testAuthorization } from '../harness/test-principal.module.js';
import { eventually, startEventBusApp, withDatabase, type EventBusTestApp } from './event-bus-app.js';
import { WidgetControls, WidgetHandlersModule } from './widget-handlers.js';

const HISTORY = 'test.record-widget-history';
const WEIGHT = 'test.record-widget-weight';
const DAY_MS = 24 * 3600_000;

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
  context: RequestContextStore | null;
}

interface HandlerCounts {
  name: string;
  processed: number;
  failedAttempts: number;
  deadLetters: number;
}

describe.each(['postgres', 'redis'] as const)('event bus on the %s backend', (backend) => {
  let bus: EventBusTestApp;
  let databaseUrl: string;
  let redis: TestRedis | undefined;

  const effects = (where: string, params: unknown[]): Promise<EffectRow[]> =>
    withDatabase(databaseUrl, async (client) => (await client.query(`SELECT * FROM public.widget_effect WHERE ${where} ORDER BY applied_at`, params)).rows as EffectRow[]);

  const emit = <T extends EventType>(type: T, aggregateId: string, payload: EventPayload<T>): Promise<EventEnvelope<T>> =>
    bus.app.get(UnitOfWork).run(() => bus.app.get(EventBus).emit(type, aggregateId, payload));

  const controls = (): WidgetControls => bus.app.get(WidgetControls);

  /** Which of `ids` are still in the outbox, sorted. */
  const outboxIds = (ids: string[]): Promise<string[]> =>
    withDatabase(databaseUrl, async (client) =>
      (await client.query('SELECT id FROM platform.outbox_event WHERE id = ANY($1) ORDER BY id', [ids])).rows.map((row: { id: string }) => row.id),
    );

  const parked = (eventId: string): Promise<boolean> =>
    withDatabase(databaseUrl, async (client) => (await client.query(`SELECT 1 FROM platform.dead_letter WHERE event_id = $1 AND status = 'parked'`, [eventId])).rowCount === 1);

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

  it('delivers once when the queue took a batch but the relay was told it failed', async () => {
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
    // Nothing is left pending or parked: each claim took its delivery off both lists.
    const left = await withDatabase(databaseUrl, (client) =>
      client.query(
        `SELECT (SELECT count(*) FROM platform.pending_delivery p JOIN platform.outbox_event o ON o.id = p.event_id WHERE o.aggregate_id = ANY($1))::int AS pending,
                (SELECT count(*) FROM platform.waiting_delivery w JOIN platform.outbox_event o ON o.id = w.event_id WHERE o.aggregate_id = ANY($1))::int AS waiting`,
        [widgets],
      ),
    );
    expect(left.rows[0]).toEqual({ pending: 0, waiting: 0 });
  });

  it('parks a poison event after its attempts, holds back the aggregate behind it, and processes it once retried after the fix', async () => {
    const widget = newId();
    controls().poison(widget);
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

    controls().cure(widget);
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
    controls().poison(widget);
    const poison = await emit('test.widget.registered', widget, { label: 'discarded' });
    const next = await emit('test.widget.renamed', widget, { label: 'after-discard', step: 2 });
    const letter = await eventually(async () => {
      const page = await request(bus.url).get('/api/v1/platform/dead-letters').query({ handler: HISTORY, eventType: 'test.widget.registered' }).set('Authorization', admin);
      return (page.body as { items: Array<{ id: string; eventId: string }> }).items.find((item) => item.eventId === poison.id);
    }, 'the event to reach dead letters');
    await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/discard`).set('Authorization', reader).expect(403);
    // The event behind has not been tried yet (it waits for the parked one), so curing
    // the widget now lets it through once the parked one is discarded.
    controls().cure(widget);
    await request(bus.url).post(`/api/v1/platform/dead-letters/${letter.id}/discard`).set('Authorization', admin).expect(204);
    const rows = await eventually(async () => {
      const found = await effects('aggregate_id = $1', [widget]);
      return found.length === 1 ? found : undefined;
    }, 'the event behind the discarded one');
    expect(rows[0].event_id).toBe(next.id);
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
    expect(first.context).toMatchObject({ correlationId, causationId: first.event_id });
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
    const metrics = async (): Promise<{ backend: string; outbox: unknown; weight: HandlerCounts }> => {
      const response = await request(bus.url).get('/api/v1/platform/event-bus/metrics').set('Authorization', admin).expect(200);
      const weight = (response.body.handlers as HandlerCounts[]).find((handler) => handler.name === WEIGHT);
      if (!weight) throw new Error(`no metrics for ${WEIGHT}`);
      return { backend: response.body.backend, outbox: response.body.outbox, weight };
    };
    // Only this test emits the weight handler's event type; it counts what happens here
    // from what was there before, whatever other tests did first.
    const before = await metrics();
    const heavy = newId();
    controls().poison(heavy);
    const weighed = await Promise.all(Array.from({ length: 4 }, () => emit('test.widget.weighed', newId(), { label: 'weighed' })));
    const refused = await emit('test.widget.weighed', heavy, { label: 'too-heavy' });
    await eventually(async () => {
      const applied = await effects('handler = $1 AND event_id = ANY($2)', [WEIGHT, weighed.map((event) => event.id)]);
      return applied.length === weighed.length && (await parked(refused.id)) ? true : undefined;
    }, 'the weighed events to be handled and the refused one parked');

    const after = await metrics();
    expect(after.backend).toBe(backend);
    expect(after.outbox).toEqual({ unpublished: expect.any(Number), lagMs: expect.any(Number) });
    expect({
      processed: after.weight.processed - before.weight.processed,
      failedAttempts: after.weight.failedAttempts - before.weight.failedAttempts,
      deadLetters: after.weight.deadLetters - before.weight.deadLetters,
    }).toEqual({ processed: 4, failedAttempts: 3, deadLetters: 1 });
    const ready = await request(bus.url).get('/api/ready').expect(200);
    expect(ready.body.checks['event-bus']).toMatchObject({ status: 'up', detail: expect.stringContaining(`${backend} backend`) });
  });

  it('runs scheduled jobs on the job scheduler, reading the clock the test controls', async () => {
    // A moment no other test sets the clock to, so a tick at it can only come from a run
    // that started after this line. (runNow is proven by the pruning test: that job's
    // schedule is daily, so only runNow can run it within a test.)
    const at = new Date('2031-03-01T08:00:00Z');
    bus.clock.set(at);
    await eventually(async () => (controls().ticks.some((tick) => tick.getTime() === at.getTime()) ? true : undefined), 'a scheduled tick');
  });

  it('prunes delivered events past the retention on its schedule, keeping any still undelivered', async () => {
    const delivered = await emit('test.widget.registered', newId(), { label: 'pruned' });
    const poisoned = newId();
    controls().poison(poisoned);
    const parkedEvent = await emit('test.widget.registered', poisoned, { label: 'kept-for-prune' });
    await eventually(
      async () => ((await effects('event_id = $1', [delivered.id])).length === 1 && (await parked(parkedEvent.id)) ? true : undefined),
      'one event delivered and one parked',
    );
    const relay = bus.app.get(OutboxRelay);
    await relay.stop();
    let unpublished: EventEnvelope;
    try {
      unpublished = await emit('test.widget.registered', newId(), { label: 'not-yet-published' });
      // Past the retention from now, whatever time an earlier test left on the clock.
      bus.clock.set(new Date(Date.now() + 31 * DAY_MS));
      await bus.app.get(ScheduledJobs).runNow('platform.prune-event-log');
      await eventually(
        async () => ((await outboxIds([delivered.id])).length === 0 ? true : undefined),
        'the pruning run to remove the delivered event',
      );
    } finally {
      relay.start();
    }
    // One statement removed everything it was going to, so what is left now stays.
    await expect(outboxIds([delivered.id, parkedEvent.id, unpublished.id])).resolves.toEqual([parkedEvent.id, unpublished.id].sort());
    const records = await withDatabase(databaseUrl, (client) => client.query('SELECT event_id FROM platform.processed_event WHERE event_id = $1', [delivered.id]));
    expect(records.rows).toEqual([]);
  });

  it('keeps the correlation of a job out of the caller once the handler is done, and the caller’s out of the job', async () => {
    const caller: RequestContextStore = {
      requestId: `caller-${newId()}`,
      correlationId: `caller-flow-${newId()}`,
      causationId: `caller-cause-${newId()}`,
      actorId: newId(),
      ip: '203.0.113.7',
      userAgent: 'caller-agent',
    };
    const callerAsItWas = { ...caller };
    const origin = { requestId: `origin-${newId()}`, correlationId: `origin-flow-${newId()}`, actorId: newId() };
    /** What the handler of `event` must have run with: the event's ids, and nothing of the caller's. */
    const jobContext = (event: EventEnvelope): RequestContextStore => ({
      requestId: handlerJobId(event.id, HISTORY),
      correlationId: origin.correlationId,
      causationId: event.id,
      actorId: origin.actorId,
      // The audit trail names a handler's changes after it: the one store carries that too.
      action: `event:${HISTORY}`,
    });

    // 1. The worker handles a job while a request runs beside it in the same process.
    const beside = newId();
    const hold = controls().hold(beside);
    const besideEvent = await RequestContext.run({ ...origin }, () => emit('test.widget.registered', beside, { label: 'beside' }));
    const seenBeside: Array<RequestContextStore | undefined> = [];
    try {
      await RequestContext.run(caller, async () => {
        await hold.entered;
        seenBeside.push(RequestContext.current() && { ...RequestContext.current()! });
        hold.release();
        await eventually(async () => ((await effects('event_id = $1', [besideEvent.id])).length === 1 ? true : undefined), 'the held handler to finish');
        seenBeside.push(RequestContext.current() && { ...RequestContext.current()! });
      });
    } finally {
      // Never leave a handler holding its transaction open: the app could not close.
      hold.release();
    }
    expect(seenBeside).toEqual([callerAsItWas, callerAsItWas]);

    // 2. A job processed from inside the caller's own async context, as BullMQ's worker
    // calls it. The relay is stopped so no worker gets to the event first.
    const inside = newId();
    const relay = bus.app.get(OutboxRelay);
    await relay.stop();
    let insideEvent: EventEnvelope;
    const seenInside: Array<RequestContextStore | undefined> = [];
    try {
      insideEvent = await RequestContext.run({ ...origin }, () => emit('test.widget.registered', inside, { label: 'inside' }));
      const job = { id: handlerJobId(insideEvent.id, HISTORY), name: HISTORY, data: insideEvent, timestamp: Date.now(), attemptsMade: 0, opts: { attempts: 1 } };
      await RequestContext.run(caller, async () => {
        await expect(bus.app.get(EventConsumer).process(job as unknown as Job, undefined)).resolves.toBe('applied');
        seenInside.push(RequestContext.current() && { ...RequestContext.current()! });
      });
    } finally {
      relay.start();
    }
    expect(seenInside).toEqual([callerAsItWas]);

    const [besideRow] = await effects('event_id = $1', [besideEvent.id]);
    const [insideRow] = await effects('event_id = $1', [insideEvent.id]);
    expect(besideRow.context).toEqual(jobContext(besideEvent));
    expect(insideRow.context).toEqual(jobContext(insideEvent));
  });
});
