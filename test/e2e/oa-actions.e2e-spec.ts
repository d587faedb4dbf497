import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { sql, startDemoApi } from './org-fixtures.js';
import { act, approval, approveAs, chain, completedEvents, OaPeople, openTaskOf, publishType, statusOf, submit, tasksOf } from './oa-fixtures.js';

/** Task and request actions over HTTP, including the three bugs to beat (yudao #668, PR #566). */
describe('OA task and request actions', () => {
  let api: TestApi;
  let people: OaPeople;
  let admin: string;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
    admin = await people.id('admin');
  });
  afterAll(async () => api?.close());

  const ids = async (...usernames: string[]): Promise<string[]> => Promise.all(usernames.map((username) => people.id(username)));
  const view = async (username: string, id: string) => (await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token(username)).expect(200)).body;

  it('return to the applicant, resubmit with changed data, and a countersign node gives every approver a task again', async () => {
    const type = await publishType(api, people, {
      adminId: admin,
      first: chain(approval('sign', { kind: 'people', personIds: await ids('manager', 'hr') }, { mode: 'all' }), approval('final', { kind: 'people', personIds: await ids('cfo') })),
    });
    const id = await submit(api, people, 'employee', type, { reason: '第一次' });
    await approveAs(api, people, 'manager', id);
    const hrTask = await openTaskOf(api, id, 'hr');
    expect((await act(api, people, 'hr', hrTask, 'return', { comment: '请补充' })).status).toBe(200);
    expect(await statusOf(api, id)).toBe('returned');
    expect((await tasksOf(api, id)).filter((task) => task.status === 'open')).toEqual([]);
    expect((await view('employee', id)).actions.map((action: { action: string }) => action.action)).toEqual(['resubmit', 'cancel', 'comment', 'cc']);
    const resubmitted = await request(api.url).post(`/api/v1/oa/requests/${id}/resubmit`).set('authorization', await people.token('employee')).send({ formData: { reason: '第二次' } });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('running');
    const [row] = await sql<{ form_data: { reason: string } }>(api, 'SELECT form_data FROM oa.request WHERE id = $1', [id]);
    expect(row.form_data.reason).toBe('第二次');
    const open = (await tasksOf(api, id)).filter((task) => task.status === 'open');
    expect(open.map((task) => [task.node_id, task.assignee, task.round])).toEqual([
      ['sign', 'manager', 2],
      ['sign', 'hr', 2],
    ]);
  });

  it('return to an earlier countersign node replays it: both approvers get a task again and the route goes on', async () => {
    const type = await publishType(api, people, {
      adminId: admin,
      first: chain(approval('sign', { kind: 'people', personIds: await ids('manager', 'hr') }, { mode: 'all' }), approval('final', { kind: 'people', personIds: await ids('cfo') })),
    });
    const id = await submit(api, people, 'employee', type);
    await approveAs(api, people, 'manager', id);
    await approveAs(api, people, 'hr', id);
    const cfoTask = await openTaskOf(api, id, 'cfo');
    const actions = (await view('cfo', id)).actions;
    expect(actions.find((action: { action: string }) => action.action === 'return').returnTargets).toEqual([{ nodeId: 'sign', name: 'sign' }]);
    expect((await act(api, people, 'cfo', cfoTask, 'return', { toNodeId: 'nowhere' })).status).toBe(422);
    expect((await act(api, people, 'cfo', cfoTask, 'return', { toNodeId: 'sign', comment: '会签重来' })).status).toBe(200);
    expect(await statusOf(api, id)).toBe('running');
    const open = (await tasksOf(api, id)).filter((task) => task.status === 'open');
    expect(open.map((task) => [task.node_id, task.assignee])).toEqual([
      ['sign', 'manager'],
      ['sign', 'hr'],
    ]);
    await approveAs(api, people, 'manager', id);
    await approveAs(api, people, 'hr', id);
    await approveAs(api, people, 'cfo', id);
    expect(await statusOf(api, id)).toBe('approved');
    expect(await completedEvents(api, id)).toHaveLength(1);
  });

  it('an added approver (before) holds the task, and their rejection ends the request', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager', 'hr') }, { mode: 'all' }) });
    const id = await submit(api, people, 'employee', type);
    const task = await openTaskOf(api, id, 'manager');
    expect((await act(api, people, 'manager', task, 'add-approver', { personIds: await ids('gm'), position: 'before' })).status).toBe(200);
    expect((await tasksOf(api, id)).map((row) => [row.assignee, row.status, row.origin])).toEqual([
      ['manager', 'waiting', 'rule'],
      ['hr', 'open', 'rule'],
      ['gm', 'open', 'added-before'],
    ]);
    // Acting on the held task is refused while the added approver decides.
    expect((await act(api, people, 'manager', task, 'approve')).status).toBe(409);
    const gmTask = await openTaskOf(api, id, 'gm');
    expect((await act(api, people, 'gm', gmTask, 'reject', { comment: '不同意' })).status).toBe(200);
    expect(await statusOf(api, id)).toBe('rejected');
    expect((await completedEvents(api, id)).map((event) => event.payload.outcome)).toEqual(['rejected']);
    expect((await tasksOf(api, id)).filter((row) => row.status === 'open' || row.status === 'waiting')).toEqual([]);
  });

  it('an added approver (before) who approves gives the task back; one added after must approve too', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager') }) });
    const id = await submit(api, people, 'employee', type);
    const task = await openTaskOf(api, id, 'manager');
    await act(api, people, 'manager', task, 'add-approver', { personIds: await ids('gm'), position: 'before' });
    await approveAs(api, people, 'gm', id);
    expect((await tasksOf(api, id))[0].status).toBe('open');
    expect((await act(api, people, 'manager', task, 'add-approver', { personIds: await ids('hr'), position: 'after' })).status).toBe(200);
    expect(await statusOf(api, id)).toBe('running');
    await approveAs(api, people, 'hr', id);
    expect(await statusOf(api, id)).toBe('approved');
  });

  it('an added approver (after) can reject: the request ends', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager') }, { mode: 'any' }) });
    const id = await submit(api, people, 'employee', type);
    await act(api, people, 'manager', await openTaskOf(api, id, 'manager'), 'add-approver', { personIds: await ids('hr'), position: 'after' });
    expect((await act(api, people, 'hr', await openTaskOf(api, id, 'hr'), 'reject')).status).toBe(200);
    expect(await statusOf(api, id)).toBe('rejected');
  });

  it('transfer (转办): the task moves, the new holder decides, the old one no longer can', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager') }) });
    const id = await submit(api, people, 'employee', type);
    const task = await openTaskOf(api, id, 'manager');
    expect((await act(api, people, 'manager', task, 'transfer', { toPersonId: await people.id('hr'), comment: '请赵敏处理' })).status).toBe(200);
    expect((await act(api, people, 'manager', task, 'approve')).status).toBe(404);
    const entry = (await view('hr', id)).history.find((row: { action: string }) => row.action === 'transfer');
    expect(entry).toMatchObject({ actor: { name: '王芳' }, comment: '请赵敏处理', detail: { fromId: await people.id('manager'), toId: await people.id('hr') } });
    await approveAs(api, people, 'hr', id);
    expect(await statusOf(api, id)).toBe('approved');
  });

  it('a task someone else holds answers 404; one already acted on answers 409', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager') }) });
    const id = await submit(api, people, 'employee', type);
    const task = await openTaskOf(api, id, 'manager');
    const stranger = await act(api, people, 'hr', task, 'approve');
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('platform.not-found');
    expect((await act(api, people, 'manager', task, 'approve')).status).toBe(200);
    expect((await act(api, people, 'manager', task, 'reject')).status).toBe(409);
  });

  it('withdraw while nobody has acted; not after', async () => {
    const type = await publishType(api, people, { adminId: admin, first: chain(approval('one', { kind: 'people', personIds: await ids('manager') }), approval('two', { kind: 'people', personIds: await ids('hr') })) });
    const early = await submit(api, people, 'employee', type);
    const withdrawn = await request(api.url).post(`/api/v1/oa/requests/${early}/withdraw`).set('authorization', await people.token('employee')).send({ comment: '不需要了' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect((await completedEvents(api, early)).map((event) => event.payload.outcome)).toEqual(['withdrawn']);
    const late = await submit(api, people, 'employee', type);
    await approveAs(api, people, 'manager', late);
    expect((await request(api.url).post(`/api/v1/oa/requests/${late}/withdraw`).set('authorization', await people.token('employee')).send({})).status).toBe(409);
    // Someone else's request: it does not exist for them.
    expect((await request(api.url).post(`/api/v1/oa/requests/${late}/withdraw`).set('authorization', await people.token('liu.yang')).send({})).status).toBe(404);
  });

  it('cancel by the applicant, or by a holder of oa:request:cancel; urge at most once an hour; comment with a file; CC at any step', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('manager') }) });
    const id = await submit(api, people, 'employee', type);
    const urged = await request(api.url).post(`/api/v1/oa/requests/${id}/urge`).set('authorization', await people.token('employee')).send({});
    expect(urged.status).toBe(200);
    const again = await request(api.url).post(`/api/v1/oa/requests/${id}/urge`).set('authorization', await people.token('employee')).send({});
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    const [urgeNote] = await sql<{ kind: string }>(api, `SELECT kind FROM platform.notification WHERE recipient_id = $1 AND source_id = $2 AND kind = 'oa.task.urged'`, [await people.id('manager'), id]);
    expect(urgeNote).toEqual({ kind: 'oa.task.urged' });

    const upload = await request(api.url).post('/api/v1/platform/files').query({ name: '说明.txt' }).set('authorization', await people.token('manager')).set('content-type', 'application/octet-stream').send(Buffer.from('补充说明', 'utf8'));
    expect(upload.status).toBe(201);
    const comment = await request(api.url).post(`/api/v1/oa/requests/${id}/comment`).set('authorization', await people.token('manager')).send({ comment: '见附件', attachmentIds: [upload.body.id] });
    expect(comment.status).toBe(200);
    // The applicant may read the request, so may download the file the comment carries; a stranger may not.
    expect((await request(api.url).get(`/api/v1/platform/files/${upload.body.id}`).set('authorization', await people.token('employee'))).status).toBe(200);
    expect((await request(api.url).get(`/api/v1/platform/files/${upload.body.id}`).set('authorization', await people.token('liu.yang'))).status).toBe(404);

    const cc = await request(api.url).post(`/api/v1/oa/requests/${id}/cc`).set('authorization', await people.token('manager')).send({ personIds: await ids('liu.yang') });
    expect(cc.status).toBe(200);
    expect((await view('liu.yang', id)).actions.map((action: { action: string }) => action.action)).toEqual(['comment']);
    expect((await request(api.url).post(`/api/v1/oa/requests/${id}/cancel`).set('authorization', await people.token('liu.yang')).send({})).status).toBe(409);
    const cancelled = await request(api.url).post(`/api/v1/oa/requests/${id}/cancel`).set('authorization', await people.token('admin')).send({ comment: '作废' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect((await completedEvents(api, id)).map((event) => event.payload.outcome)).toEqual(['cancelled']);
  });

  it('the lists, the inbox counts and notifications with a link to the request', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: await ids('salesmgr') }) });
    const id = await submit(api, people, 'employee', type, { reason: '清单检索' });
    const salesmgr = await people.token('salesmgr');
    const counts = await request(api.url).get('/api/v1/oa/inbox/counts').set('authorization', salesmgr).expect(200);
    expect(counts.body.todo).toBeGreaterThanOrEqual(1);
    const todo = await request(api.url).get('/api/v1/oa/tasks?box=todo&pageSize=100').set('authorization', salesmgr).expect(200);
    expect(todo.body.items.map((item: { request: { id: string } }) => item.request.id)).toContain(id);
    const [note] = await sql<{ link: string; kind: string }>(api, `SELECT link, kind FROM platform.notification WHERE recipient_id = $1 AND source_id = $2`, [await people.id('salesmgr'), id]);
    expect(note).toEqual({ link: `/oa/requests/${id}`, kind: 'oa.task.assigned' });
    const [row] = await sql<{ number: string }>(api, 'SELECT number FROM oa.request WHERE id = $1', [id]);
    expect(row.number).toMatch(/^OA-\d{4}-\d{6}$/);
    const search = await request(api.url).get(`/api/v1/oa/requests?box=mine&search=${row.number}`).set('authorization', await people.token('employee')).expect(200);
    expect(search.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    await approveAs(api, people, 'salesmgr', id);
    const done = await request(api.url).get('/api/v1/oa/tasks?box=done&pageSize=100').set('authorization', salesmgr).expect(200);
    expect(done.body.items.map((item: { request: { id: string } }) => item.request.id)).toContain(id);
    const bad = await request(api.url).get('/api/v1/oa/requests?box=mine&sort=salary').set('authorization', salesmgr);
    expect(bad.status).toBe(400);
  });
});
