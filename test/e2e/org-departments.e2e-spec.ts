import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ORG_DIRECTORY, type OrgDirectory } from '@zhongshu/contracts';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

describe('the department tree, people and reporting lines', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api.close());

  const create = async (code: string, parentId: string | null) =>
    (await request(api.url).post('/api/v1/org/departments').set('authorization', bearer(admin)).send({ code, name: `部门 ${code}`, parentId }).expect(201)).body;
  const move = (id: string, version: number, parentId: string | null) =>
    request(api.url).post(`/api/v1/org/departments/${id}/move`).set('authorization', bearer(admin)).send({ version, parentId });

  it('builds a tree of any depth and rejects a move that would make a cycle', async () => {
    const a = await create('T-A', null);
    const b = await create('T-B', a.id);
    const c = await create('T-C', b.id);
    const d = await create('T-D', c.id);
    const loop = await move(a.id, a.version, d.id).expect(422);
    expect(loop.body.code).toBe('org.department-cycle');
    await move(a.id, a.version, a.id).expect(422);
    const [row] = await sql<{ parent_id: string | null }>(api, 'SELECT parent_id FROM org.department WHERE id = $1', [a.id]);
    expect(row.parent_id).toBeNull();
    // A legal move of the subtree works, and a stale version is a conflict.
    const moved = await move(c.id, c.version, a.id).expect(200);
    expect(moved.body.parentId).toBe(a.id);
    await move(c.id, c.version, b.id).expect(409);
  });

  it('lets only one of two concurrent crossing moves through, so no cycle can form', async () => {
    const x = await create('T-X', null);
    const y = await create('T-Y', null);
    const answers = await Promise.all([move(x.id, x.version, y.id), move(y.id, y.version, x.id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
  });

  it('deletes an unused department, archives one with history, and refuses one with people', async () => {
    const empty = await create('T-EMPTY', null);
    expect((await request(api.url).delete(`/api/v1/org/departments/${empty.id}`).set('authorization', bearer(admin)).expect(200)).body).toEqual({ outcome: 'deleted' });
    const used = await create('T-USED', null);
    const hire = await request(api.url)
      .post('/api/v1/org/people')
      .set('authorization', bearer(admin))
      .send({ employeeNo: 'T900', name: '临时工', username: 'temp.worker', mainDepartmentId: used.id })
      .expect(201);
    const busy = await request(api.url).delete(`/api/v1/org/departments/${used.id}`).set('authorization', bearer(admin)).expect(409);
    expect(busy.body.detail).toContain('people');
    await request(api.url).post(`/api/v1/org/people/${hire.body.id}/leave`).set('authorization', bearer(admin)).send({ version: hire.body.version }).expect(200);
    expect((await request(api.url).delete(`/api/v1/org/departments/${used.id}`).set('authorization', bearer(admin)).expect(200)).body).toEqual({ outcome: 'archived' });
    const archived = (await request(api.url).get(`/api/v1/org/departments/${used.id}`).set('authorization', bearer(admin)).expect(200)).body;
    expect(archived.status).toBe('archived');
    await request(api.url).post('/api/v1/org/departments').set('authorization', bearer(admin)).send({ code: 'T-UNDER', name: 'x', parentId: used.id }).expect(422);
  });

  it('validates input and refuses duplicates with clear 4xx answers', async () => {
    const bad = await request(api.url).post('/api/v1/org/departments').set('authorization', bearer(admin)).send({ code: '', name: '', extra: 1 }).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['code', 'extra', 'name']);
    await request(api.url).post('/api/v1/org/departments').set('authorization', bearer(admin)).send({ code: 'hq', name: 'again' }).expect(409);
    await request(api.url)
      .post('/api/v1/org/departments')
      .set('authorization', bearer(admin))
      .send({ code: 'T-ORPHAN', name: 'x', parentId: '019ab000-0000-7000-8000-00000000beef' })
      .expect(422);
    const dup = await request(api.url)
      .post('/api/v1/org/people')
      .set('authorization', bearer(admin))
      .send({ employeeNo: 'T901', name: '重名', username: 'employee', mainDepartmentId: await departmentId(api, 'OPS') })
      .expect(409);
    expect(dup.body.errors[0].field).toBe('username');
    const weak = await request(api.url)
      .post('/api/v1/org/people')
      .set('authorization', bearer(admin))
      .send({ employeeNo: 'T902', name: '弱', username: 'weak.one', mainDepartmentId: await departmentId(api, 'OPS'), password: 'qwerty123' })
      .expect(422);
    expect(weak.body.code).toBe('org.weak-password');
  });

  it('answers the reporting-line questions approvals ask', async () => {
    const wu = await personId(api, 'wu.ting');
    const leaders = (await request(api.url).get(`/api/v1/org/people/${wu}/leaders?levelsUp=2`).set('authorization', bearer(admin)).expect(200)).body;
    expect(leaders.map((leader: { level: number; departmentName: string; leaderName: string }) => [leader.level, leader.departmentName, leader.leaderName])).toEqual([
      [0, '华东销售组', '周强'],
      [1, '销售部', '张伟'],
      [2, '总部', '陈建国'],
    ]);
    const chain = (await request(api.url).get(`/api/v1/org/people/${wu}/manager-chain`).set('authorization', bearer(admin)).expect(200)).body;
    expect(chain.map((person: { username: string }) => person.username)).toEqual(['zhou.qiang', 'salesmgr', 'gm']);
    const [position] = await sql<{ id: string }>(api, `SELECT id FROM org.position WHERE code = 'PLANNER'`);
    const planners = (
      await request(api.url)
        .get(`/api/v1/org/departments/${await departmentId(api, 'SALES')}/positions/${position.id}/people`)
        .set('authorization', bearer(admin))
        .expect(200)
    ).body;
    expect(planners.map((person: { username: string }) => person.username)).toEqual(['planner']);
    // Other contexts ask the same through the ORG_DIRECTORY port, without importing org.
    const directory = api.app.get<symbol, OrgDirectory>(ORG_DIRECTORY, { strict: false });
    expect((await directory.departmentLeaders(wu, 0)).map((leader) => leader.leaderName)).toEqual(['周强']);
    expect((await directory.managerChain(wu)).map((person) => person.username)).toEqual(['zhou.qiang', 'salesmgr', 'gm']);
  });

  it('refuses a manager who reports to the person', async () => {
    const gm = (await request(api.url).get(`/api/v1/org/people/${await personId(api, 'gm')}`).set('authorization', bearer(admin))).body;
    const loop = await request(api.url)
      .patch(`/api/v1/org/people/${gm.id}`)
      .set('authorization', bearer(admin))
      .send({ version: gm.version, managerId: await personId(api, 'wu.ting') })
      .expect(422);
    expect(loop.body.code).toBe('org.manager-cycle');
  });

  it('keeps a catalogue of positions with unique codes and versioned edits', async () => {
    const created = await request(api.url).post('/api/v1/org/positions').set('authorization', bearer(admin)).send({ code: 'BUYER', name: '采购员' }).expect(201);
    await request(api.url).post('/api/v1/org/positions').set('authorization', bearer(admin)).send({ code: 'buyer', name: '重复' }).expect(409);
    const renamed = await request(api.url).patch(`/api/v1/org/positions/${created.body.id}`).set('authorization', bearer(admin)).send({ version: created.body.version, name: '高级采购员' }).expect(200);
    expect(renamed.body.name).toBe('高级采购员');
    await request(api.url).patch(`/api/v1/org/positions/${created.body.id}`).set('authorization', bearer(admin)).send({ version: created.body.version, name: '过期' }).expect(409);
    const list = await request(api.url).get('/api/v1/org/positions').set('authorization', bearer(admin)).expect(200);
    expect(list.body.map((position: { code: string }) => position.code)).toContain('BUYER');
  });
});
