import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HandlerRegistry } from '@zhongshu/platform';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { approval, approveAs, chain, OaPeople, publishType, statusOf, submit, tasksOf } from './oa-fixtures.js';

const HOUR = 3_600_000;

/**
 * What depends on time and on people coming and going: deadlines with reminders and
 * escalation on a clock the test moves, delegations (chains of three, loops refused,
 * open tasks moving when one starts), and an offboarded approver's tasks moving.
 */
describe('OA deadlines, delegations and offboarding', () => {
  let api: OaTestApi;
  let people: OaPeople;
  let admin: string;

  beforeAll(async () => {
    api = await startOaApi({ env: { RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' } });
    people = await OaPeople.start(api);
    admin = await people.id('admin');
  });
  afterAll(async () => api?.close());

  const ids = async (...usernames: string[]): Promise<string[]> => Promise.all(usernames.map((username) => people.id(username)));
  /** Runs a scheduled job of OA by its name, now, on the test's clock (what its scheduler does every minute). */
  const runJob = async (name: string): Promise<unknown> => {
    const job = api.app.get(HandlerRegistry).scheduledJob(name);
    if (!job) throw new Error(`no scheduled job ${name}`);
    return job.run({ now: api.clock.now() });
  };
  const deadlines = () => runJob('oa.task-deadlines');
  const history = async (id: string) =>
    (await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token('admin')).expect(200)).body.history as Array<{ action: string; detail: Record<string, unknown>; actor: { name: string } | null; onBehalfOf: { name: string } | null }>;

  describe('deadlines', () => {
    it('reminds the assignee after the deadline, then passes the task to their department leader', async () => {
      const type = await publishType(api, people, {
        adminId: admin,
        first: approval('sla', { kind: 'people', personIds: await ids('hr') }, { deadline: { hours: 4, remind: { everyHours: 2, times: 2 }, escalate: 'leader' } }),
      });
      const id = await submit(api, people, 'employee', type);
      const [task] = await sql<{ due_at: Date }>(api, 'SELECT due_at FROM oa.task WHERE request_id = $1', [id]);
      expect(task.due_at.getTime() - api.clock.now().getTime()).toBe(4 * HOUR);
      api.clock.advance(3 * HOUR);
      await deadlines();
      expect((await history(id)).filter((entry) => entry.action === 'remind')).toHaveLength(0);
      api.clock.advance(1 * HOUR);
      await deadlines();
      await deadlines();
      expect((await history(id)).filter((entry) => entry.action === 'remind')).toHaveLength(1);
      api.clock.advance(2 * HOUR);
      await deadlines();
      expect((await history(id)).filter((entry) => entry.action === 'remind')).toHaveLength(2);
      const reminders = await sql(api, `SELECT 1 FROM platform.notification WHERE kind = 'oa.task.reminder' AND source_id = $1`, [id]);
      expect(reminders).toHaveLength(2);
      expect((await tasksOf(api, id))[0].assignee).toBe('hr');
      api.clock.advance(2 * HOUR);
      await deadlines();
      expect((await tasksOf(api, id)).map((row) => [row.assignee, row.status])).toEqual([['manager', 'open']]);
      expect((await history(id)).map((entry) => entry.action)).toEqual(['submit', 'remind', 'remind', 'escalate', 'move']);
      api.clock.advance(10 * HOUR);
      await deadlines();
      expect((await tasksOf(api, id)).map((row) => row.assignee)).toEqual(['manager']);
    });

    it('approves or rejects in the assignee’s place when the node says so', async () => {
      const approveType = await publishType(api, people, {
        adminId: admin,
        first: chain(approval('auto', { kind: 'people', personIds: await ids('hr') }, { deadline: { hours: 1, escalate: 'approve' } }), approval('next', { kind: 'people', personIds: await ids('manager') })),
      });
      const rejectType = await publishType(api, people, { adminId: admin, first: approval('auto', { kind: 'people', personIds: await ids('hr') }, { deadline: { hours: 1, escalate: 'reject' } }) });
      const approved = await submit(api, people, 'employee', approveType);
      const rejected = await submit(api, people, 'employee', rejectType);
      api.clock.advance(HOUR);
      await deadlines();
      expect((await tasksOf(api, approved)).map((row) => [row.node_id, row.status, row.auto])).toEqual([
        ['auto', 'approved', true],
        ['next', 'open', false],
      ]);
      expect(await statusOf(api, rejected)).toBe('rejected');
    });
  });

  describe('delegations', () => {
    it('new and open tasks go to the stand-in, who acts as "B for A"; chains stop after three hops', async () => {
      const [hrId, liuId, financeId, xuId, cfoId] = await ids('hr', 'liu.yang', 'finance', 'xu.na', 'cfo');
      const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: [hrId] }) });
      const before = await submit(api, people, 'employee', type);
      const today = '2026-03-02';
      const create = async (username: string, body: Record<string, unknown>) =>
        request(api.url).post('/api/v1/oa/delegations').set('authorization', await people.token(username)).send({ startDate: today, endDate: '2026-03-31', ...body });
      const first = await create('hr', { delegateId: liuId, reason: '休假' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'active', delegator: { name: '赵敏' }, delegate: { name: '刘洋' } });
      // The open task moved in the same transaction that saved the delegation.
      expect((await tasksOf(api, before)).map((row) => [row.assignee, row.on_behalf_of])).toEqual([['liu.yang', 'hr']]);
      await approveAs(api, people, 'liu.yang', before);
      const approvedEntry = (await history(before)).find((entry) => entry.action === 'approve');
      expect(approvedEntry).toMatchObject({ actor: { name: '刘洋' }, onBehalfOf: { name: '赵敏' } });

      // 刘洋 → 林静 → 徐娜 → 钱慧: a task for 赵敏 goes three hops, to 徐娜, not to 钱慧.
      expect((await create('liu.yang', { delegateId: financeId })).status).toBe(201);
      expect((await create('finance', { delegateId: xuId })).status).toBe(201);
      expect((await create('xu.na', { delegateId: cfoId })).status).toBe(201);
      const after = await submit(api, people, 'employee', type);
      expect((await tasksOf(api, after)).map((row) => [row.assignee, row.on_behalf_of])).toEqual([['xu.na', 'hr']]);
      // 钱慧 → 赵敏 would close a loop.
      const loop = await create('cfo', { delegateId: hrId });
      expect(loop.status).toBe(422);
      expect(loop.body.code).toBe('oa.delegation-loop');
      // Someone else's delegation needs oa:delegation:manage.
      expect((await create('employee', { delegatorId: cfoId, delegateId: hrId })).status).toBe(403);
    });

    it('a delegation starts and ends by date on the clock, moving open tasks when it starts', async () => {
      const [salesId] = await ids('sales');
      const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('he.jun') }) });
      const id = await submit(api, people, 'employee', type);
      const start = new Date(api.clock.now().getTime() + 2 * 24 * HOUR);
      const startDate = start.toISOString().slice(0, 10);
      const created = await request(api.url)
        .post('/api/v1/oa/delegations')
        .set('authorization', await people.token('he.jun'))
        .send({ delegateId: salesId, startDate, endDate: startDate });
      expect(created.body.status).toBe('scheduled');
      await runJob('oa.delegation-calendar');
      expect((await tasksOf(api, id))[0].assignee).toBe('he.jun');
      api.clock.set(new Date(`${startDate}T02:00:00Z`));
      await runJob('oa.delegation-calendar');
      expect((await tasksOf(api, id)).map((row) => [row.assignee, row.on_behalf_of])).toEqual([['sales', 'he.jun']]);
      api.clock.advance(2 * 24 * HOUR);
      await runJob('oa.delegation-calendar');
      const [row] = await sql<{ status: string }>(api, 'SELECT status FROM oa.delegation WHERE id = $1', [created.body.id]);
      expect(row.status).toBe('ended');
    });
  });

  describe('offboarding', () => {
    it('shows what a person holds and where it would go, then moves it to their leader when they leave', async () => {
      const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('zheng.hao') }) });
      const id = await submit(api, people, 'employee', type);
      const zheng = await people.id('zheng.hao');
      const preview = await request(api.url).get(`/api/v1/oa/people/${zheng}/open-tasks`).set('authorization', await people.token('admin')).expect(200);
      expect(preview.body.map((task: { request: { id: string }; movesTo: { name: string } }) => [task.request.id, task.movesTo.name])).toEqual([[id, '周强']]);
      const person = (await request(api.url).get(`/api/v1/org/people/${zheng}`).set('authorization', await people.token('admin')).expect(200)).body;
      await request(api.url).post(`/api/v1/org/people/${zheng}/leave`).set('authorization', await people.token('admin')).send({ version: person.version }).expect(200);
      // The handler runs on the event bus (this API runs its workers): wait for its effect.
      const deadline = Date.now() + 30_000;
      while ((await tasksOf(api, id))[0].assignee !== 'zhou.qiang' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await tasksOf(api, id)).map((row) => [row.assignee, row.status])).toEqual([['zhou.qiang', 'open']]);
      const moved = (await history(id)).find((entry) => entry.action === 'move');
      expect(moved?.detail).toMatchObject({ reason: 'left', leaverId: zheng });
      const [audit] = await sql<{ action: string }>(api, `SELECT action FROM platform.audit_log WHERE entity_type = 'oa.task' AND operation = 'update' AND changes ? 'assignee_id' AND entity_id = (SELECT id::text FROM oa.task WHERE request_id = $1)`, [id]);
      expect(audit.action).toBe('event:oa.reassign-leaver-tasks');
      const [note] = await sql(api, `SELECT 1 FROM platform.notification WHERE recipient_id = $1 AND source_id = $2`, [await people.id('zhou.qiang'), id]);
      expect(note).toBeDefined();
      await approveAs(api, people, 'zhou.qiang', id);
      expect(await statusOf(api, id)).toBe('approved');
    });
  });
});
