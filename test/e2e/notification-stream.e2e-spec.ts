import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { declarePermissions } from '@zhongshu/contracts';
import { BadgeCounters, createRootLogger, loadConfig, NOTIFICATION_STREAM_SETTINGS, Notifications, NotificationStreams, UnitOfWork, defineContext } from '@zhongshu/platform';
import { createWorker } from '@zhongshu/worker';
import { SseReader } from '../harness/sse-reader.js';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { testFilesEnv } from '../harness/test-files.js';
import { bearer, createRole, personId, signIn, startDemoApi, TEST_JWT_SECRET, type Tokens } from './org-fixtures.js';

/** A permission only the probe counter below needs, declared as a context declares its own. */
const ProbePermission = declarePermissions('probe', {
  GaugeRead: { code: 'probe:gauge:read', 'zh-CN': '查看探针计数', en: 'See the probe gauge' },
});

declare module '@zhongshu/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<typeof ProbePermission.GaugeRead, true> {}
}

/** A count a test sets, shown only to people holding the probe permission (the administrator). */
const gauge = { value: 7 };

@Injectable()
class ProbeCounter implements OnModuleInit {
  constructor(private readonly counters: BadgeCounters) {}

  onModuleInit(): void {
    this.counters.register({ key: 'probe.gauge', permission: ProbePermission.GaugeRead, count: async () => gauge.value });
  }
}

/** A short heartbeat and two streams per person, so the tests see both without waiting long. */
@Global()
@Module({ providers: [ProbeCounter, { provide: NOTIFICATION_STREAM_SETTINGS, useValue: { heartbeatMs: 300, perPerson: 2 } }], exports: [NOTIFICATION_STREAM_SETTINGS] })
class StreamProbeModule {}

const STREAM = '/api/v1/platform/notifications/stream';

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', TEST_JWT_SECRET).update(body).digest('base64url')}`;
}

function claimsOf(tokens: Tokens): { sub: string; sid: string; usr: string } {
  return JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()) as { sub: string; sid: string; usr: string };
}

describe('notifications pushed live (two API instances on one database, real streams)', () => {
  // `writer` writes notifications; `server` holds the streams, as two replicas behind a load balancer do.
  let writer: TestApi;
  let server: TestApi;
  const readers: SseReader[] = [];

  const open = async (api: TestApi, tokens: Tokens | string): Promise<SseReader> => {
    const reader = await SseReader.open(`${api.url}${STREAM}`, bearer(tokens));
    readers.push(reader);
    return reader;
  };
  const notify = (work: (notifications: Notifications) => Promise<void>) => writer.app.get(UnitOfWork).run(() => work(writer.app.get(Notifications)));

  beforeAll(async () => {
    writer = await startDemoApi();
    server = await startTestApi({ databaseUrl: writer.databaseUrl, env: { JWT_SECRET: TEST_JWT_SECRET }, extraModules: [StreamProbeModule] });
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await server?.close();
    await writer?.close();
  });

  it('sends a notification written by the other instance to the recipient\'s stream, with the new counts', async () => {
    const employee = await signIn(server, 'employee');
    const stream = await open(server, employee);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const ready = (await stream.next('ready')).data as { unread: number; badges: Record<string, number> };
    expect(ready.badges).toMatchObject({ 'notifications.unread': ready.unread });

    const employeeId = await personId(writer, 'employee');
    await notify((notifications) => notifications.notify({ recipientId: employeeId, kind: 'test.live', title: '请审批：用车申请 OA-2026-000012', link: '/oa/requests/12' }));

    const pushed = (await stream.next('notification')).data as { items: Array<{ title: string; link: string; readAt: string | null }>; unread: number };
    expect(pushed.items).toEqual([expect.objectContaining({ title: '请审批：用车申请 OA-2026-000012', link: '/oa/requests/12', readAt: null })]);
    expect(pushed.unread).toBe(ready.unread + 1);
    expect((await stream.next('badges')).data).toMatchObject({ 'notifications.unread': ready.unread + 1 });
  });

  it('sends nothing for a rolled-back notification or another person\'s, only the recipient\'s committed one', async () => {
    const [employeeId, managerId] = [await personId(writer, 'employee'), await personId(writer, 'manager')];
    const stream = await open(server, await signIn(server, 'employee'));
    await stream.next('ready');
    await expect(
      notify(async (notifications) => {
        await notifications.notify({ recipientId: employeeId, kind: 'test.never', title: 'rolled back' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await notify((notifications) => notifications.notify({ recipientId: managerId, kind: 'test.other', title: 'the manager\'s' }));
    await notify((notifications) => notifications.notify({ recipientId: employeeId, kind: 'test.after', title: 'committed after' }));

    await stream.next('badges');
    // Delivered in commit order on one connection: had the others been sent, they came first.
    expect(stream.messages.map((message) => message.event)).toEqual(['ready', 'notification', 'badges']);
    expect((stream.messages[1].data as { items: Array<{ title: string }> }).items.map((item) => item.title)).toEqual(['committed after']);
  });

  it('sends what the worker process writes (no HTTP side, no listener of its own)', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: writer.databaseUrl, ...testFilesEnv(), RUN_WORKERS: 'false', RUN_MIGRATIONS: 'false', LOG_LEVEL: 'silent' });
    const worker = await createWorker({ config, databaseUrl: writer.databaseUrl, logger: createRootLogger('silent') });
    await worker.init();
    try {
      const managerId = await personId(writer, 'manager');
      const stream = await open(server, await signIn(server, 'manager'));
      await stream.next('ready');
      await worker.get(Notifications).notify({ recipientId: managerId, kind: 'test.reminder', title: '提醒：3 个待办已超过 24 小时' });
      const pushed = (await stream.next('notification')).data as { items: Array<{ kind: string }> };
      expect(pushed.items.map((item) => item.kind)).toEqual(['test.reminder']);
    } finally {
      await worker.close();
    }
  });

  it('tells the person\'s other screens to count again when they read one, and a context\'s changed counts', async () => {
    const admin = await signIn(server, 'admin');
    const adminId = claimsOf(admin).sub;
    const stream = await open(server, admin);
    const ready = (await stream.next('ready')).data as { badges: Record<string, number> };
    expect(ready.badges['probe.gauge']).toBe(7);
    expect((await request(server.url).get('/api/v1/platform/badges').set('authorization', bearer(admin)).expect(200)).body.counts).toEqual(ready.badges);

    await notify((notifications) => notifications.notify({ recipientId: adminId, kind: 'test.read', title: 'read me' }));
    const { items, unread } = (await stream.next('notification')).data as { items: Array<{ id: string }>; unread: number };
    const seen = stream.messages.length;
    await request(writer.url).post(`/api/v1/platform/notifications/${items[0].id}/read`).set('authorization', bearer(await signIn(writer, 'admin'))).expect(204);
    expect((await stream.next('badges', (counts: Record<string, number>) => counts['notifications.unread'] === unread - 1, seen)).data).toMatchObject({ 'probe.gauge': 7 });

    gauge.value = 8;
    await writer.app.get(UnitOfWork).run(() => writer.app.get(BadgeCounters).changed([adminId]));
    await stream.next('badges', (counts: Record<string, number>) => counts['probe.gauge'] === 8);

    // Someone without the counter's permission is not told its count.
    const employee = await signIn(server, 'employee');
    const theirs = (await request(server.url).get('/api/v1/platform/badges').set('authorization', bearer(employee)).expect(200)).body.counts;
    expect(theirs).toHaveProperty(['notifications.unread']);
    expect(theirs).not.toHaveProperty(['probe.gauge']);
  });

  it('counts only what the person may still see after their roles change while the stream is open', async () => {
    const admin = await signIn(writer, 'admin');
    await createRole(writer, admin, { code: 'gauge-reader', permissions: [ProbePermission.GaugeRead, 'org:person:read'], dataScope: 'self' });
    const financeId = await personId(writer, 'finance');
    const assign = (roleCodes: string[]) => request(writer.url).put(`/api/v1/org/people/${financeId}/roles`).set('authorization', bearer(admin)).send({ roleCodes }).expect(200);
    await assign(['gauge-reader']);
    const stream = await open(server, await signIn(server, 'finance'));
    expect(((await stream.next('ready')).data as { badges: Record<string, number> }).badges).toHaveProperty(['probe.gauge']);

    await assign(['employee']);
    // The role change and the nudge reach the server on two LISTEN connections, in either
    // order: nudge until the counts the server sends follow the change (without it, never).
    let counts: Record<string, number> = { 'probe.gauge': gauge.value };
    for (let attempt = 0; 'probe.gauge' in counts && attempt < 100; attempt++) {
      const seen = stream.messages.length;
      await writer.app.get(UnitOfWork).run(() => writer.app.get(BadgeCounters).changed([financeId]));
      counts = (await stream.next('badges', () => true, seen)).data as Record<string, number>;
    }
    expect(counts).toHaveProperty(['notifications.unread']);
    expect(counts).not.toHaveProperty(['probe.gauge']);
  });

  it('ends the stream when the person signs out, on another instance', async () => {
    const tokens = await signIn(server, 'sales');
    const stream = await open(server, tokens);
    await stream.next('ready');
    await request(writer.url).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    expect((await stream.next('end')).data).toEqual({ reason: 'session-ended' });
    await stream.closed;
    expect(stream.ended).toBe(true);
  });

  it('ends the stream when the person is disabled', async () => {
    const stream = await open(server, await signIn(server, 'planner'));
    await stream.next('ready');
    const admin = await signIn(writer, 'admin');
    const plannerId = await personId(writer, 'planner');
    const person = await request(writer.url).get(`/api/v1/org/people/${plannerId}`).set('authorization', bearer(admin)).expect(200);
    await request(writer.url).post(`/api/v1/org/people/${plannerId}/disable`).set('authorization', bearer(admin)).send({ version: person.body.version }).expect(200);
    expect((await stream.next('end')).data).toEqual({ reason: 'session-ended' });
    await stream.closed;
  });

  it('ends the stream when the access token it was opened with expires', async () => {
    const tokens = await signIn(server, 'finance');
    const soon = jwt({ ...claimsOf(tokens), typ: 'access', exp: Math.floor(Date.now() / 1000) + 2 });
    const stream = await open(server, soon);
    await stream.next('ready');
    expect((await stream.next('end')).data).toEqual({ reason: 'expired' });
    await stream.closed;
  });

  it('keeps a person to their number of streams, ending the oldest', async () => {
    const tokens = await signIn(server, 'salesmgr');
    const first = await open(server, tokens);
    await first.next('ready');
    const second = await open(server, tokens);
    await second.next('ready');
    const third = await open(server, tokens);
    await third.next('ready');
    expect((await first.next('end')).data).toEqual({ reason: 'superseded' });
    expect(second.ended || third.ended).toBe(false);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const stream = await open(server, await signIn(server, 'manager'));
    await stream.nextComment('heartbeat');
  });

  it('refuses a stream without a valid access token, as every route does', async () => {
    const refused = await request(server.url).get(STREAM).set('authorization', bearer('not.a.token')).expect(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('platform.unauthenticated');
    await request(server.url).get(STREAM).expect(401);
  });

  it('serves a menu entry\'s badge key in /me', async () => {
    const me = await request(server.url).get('/api/v1/me').set('authorization', bearer(await signIn(server, 'employee'))).expect(200);
    expect(me.body.menus).toContainEqual({ key: 'notifications', title: 'menu.notifications', icon: 'Bell', path: '/notifications', permission: 'platform:notification:read', badge: 'notifications.unread' });
  });

  it('ends its streams when the server closes, and the close does not wait for them', async () => {
    const closing = await startTestApi({ databaseUrl: writer.databaseUrl, env: { JWT_SECRET: TEST_JWT_SECRET } });
    const stream = await open(closing, await signIn(closing, 'employee'));
    await stream.next('ready');
    expect(closing.app.get(NotificationStreams).size).toBe(1);
    await closing.close();
    expect((await stream.next('end')).data).toEqual({ reason: 'shutdown' });
    await stream.closed;
  });

  it('refuses to start when a menu entry names a badge nobody counts', async () => {
    const Stray = defineContext({ name: 'stray', menu: [{ key: 'stray', title: 'menu.stray', path: '/stray', badge: 'stray.nobody' }] });
    await expect(startTestApi({ databaseUrl: writer.databaseUrl, extraModules: [Stray.forApi()] })).rejects.toThrow('Menu entries name badges no context registered with BadgeCounters: stray.nobody');
  });
});
