import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, startDemoApi, type Tokens } from './org-fixtures.js';

/**
 * One person reaching for another's records by id: outside their data scope the
 * record does not exist for them (404), without the permission the action is
 * forbidden (403); inside scope with the permission it works, so the refusals are
 * about access and not about the requests.
 */
describe('IDOR matrix over people and departments', () => {
  let api: TestApi;
  const tokens: Record<string, Tokens> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startDemoApi();
    for (const username of ['admin', 'employee', 'manager', 'sales', 'salesmgr', 'finance', 'planner']) tokens[username] = await signIn(api, username);
    for (const username of ['employee', 'manager', 'sales', 'salesmgr', 'finance', 'planner', 'hr', 'luo.bin', 'wu.ting', 'gm']) ids[username] = await personId(api, username);
    await request(api.url)
      .post(`/api/v1/org/people/${ids.hr}/password`)
      .set('authorization', bearer(tokens.admin))
      .send({ newPassword: 'hr staff password 2026' })
      .expect(204);
    tokens.hr = await signIn(api, 'hr', 'hr staff password 2026');
  });
  afterAll(async () => api.close());

  const read = (who: string, whom: string) => request(api.url).get(`/api/v1/org/people/${ids[whom]}`).set('authorization', bearer(tokens[who]));
  const rename = async (who: string, whom: string) => {
    const current = (await request(api.url).get(`/api/v1/org/people/${ids[whom]}`).set('authorization', bearer(tokens.admin))).body;
    return request(api.url).patch(`/api/v1/org/people/${ids[whom]}`).set('authorization', bearer(tokens[who])).send({ version: current.version, name: `${current.name}` });
  };

  it.each([
    ['employee', 'employee', 200],
    ['employee', 'manager', 404],
    ['employee', 'finance', 404],
    ['sales', 'sales', 200],
    ['sales', 'salesmgr', 404],
    ['sales', 'wu.ting', 404],
    ['manager', 'employee', 200],
    ['manager', 'sales', 404],
    ['manager', 'luo.bin', 404],
    ['salesmgr', 'wu.ting', 200],
    ['salesmgr', 'employee', 404],
    ['planner', 'luo.bin', 200],
    ['planner', 'manager', 404],
    ['finance', 'luo.bin', 200],
    ['hr', 'luo.bin', 200],
    ['hr', 'sales', 404],
  ])('%s reading %s answers %i', async (who, whom, status) => {
    await read(who, whom).expect(status);
  });

  it.each([
    ['employee', 'employee', 403],
    ['employee', 'manager', 403],
    ['manager', 'employee', 403],
    ['hr', 'sales', 404],
    ['hr', 'luo.bin', 200],
    ['admin', 'sales', 200],
  ])('%s changing %s answers %i', async (who, whom, status) => {
    const response = await rename(who, whom);
    expect(response.status).toBe(status);
  });

  it('keeps an out-of-scope record indistinguishable from a missing one', async () => {
    const hidden = await read('employee', 'manager').expect(404);
    const missing = await request(api.url).get('/api/v1/org/people/019ab000-0000-7000-8000-00000000dead').set('authorization', bearer(tokens.employee)).expect(404);
    expect(hidden.body.title).toBe(missing.body.title);
    expect(hidden.body.code).toBe(missing.body.code);
  });

  it('filters lists by the same scope', async () => {
    const seen = async (who: string) =>
      (await request(api.url).get('/api/v1/org/people?pageSize=200').set('authorization', bearer(tokens[who])).expect(200)).body.items.map(
        (person: { username: string }) => person.username,
      );
    expect(await seen('employee')).toEqual(['employee']);
    expect(await seen('sales')).toEqual(['sales']);
    expect((await seen('manager')).sort()).toEqual(['employee', 'hr', 'liu.yang', 'manager']);
    expect(await seen('salesmgr')).toEqual(expect.arrayContaining(['salesmgr', 'sales', 'wu.ting', 'zhou.qiang']));
    expect(await seen('salesmgr')).not.toContain('employee');
    expect((await seen('finance')).length).toBe(30);
  });

  it('refuses actions without their permission with 403, whatever the record', async () => {
    const sales = await departmentId(api, 'SALES');
    await request(api.url).get(`/api/v1/org/departments/${sales}`).set('authorization', bearer(tokens.sales)).expect(403);
    await request(api.url).get('/api/v1/org/roles').set('authorization', bearer(tokens.manager)).expect(403);
    await request(api.url).get('/api/v1/platform/audit-log').set('authorization', bearer(tokens.finance)).expect(403);
    await request(api.url).put(`/api/v1/org/people/${ids.sales}/roles`).set('authorization', bearer(tokens.salesmgr)).send({ roleCodes: ['admin'] }).expect(403);
    await request(api.url).post(`/api/v1/org/people/${ids.employee}/disable`).set('authorization', bearer(tokens.manager)).send({ version: 1 }).expect(403);
    await request(api.url).post('/api/v1/org/import/people').set('authorization', bearer(tokens.hr)).set('content-type', 'text/csv').send('employeeNo\n').expect(403);
  });

  it('hides departments outside the scope and lets an admin see them', async () => {
    const prod = await departmentId(api, 'PROD');
    const ops = await departmentId(api, 'OPS');
    await request(api.url).get(`/api/v1/org/departments/${prod}`).set('authorization', bearer(tokens.manager)).expect(404);
    await request(api.url).get(`/api/v1/org/departments/${ops}`).set('authorization', bearer(tokens.manager)).expect(200);
    await request(api.url).get(`/api/v1/org/departments/${prod}`).set('authorization', bearer(tokens.admin)).expect(200);
  });

  it('answers "why can I see this" with the role and scope, and 404 for what is not visible', async () => {
    const own = await request(api.url)
      .get(`/api/v1/platform/access/explain?entityType=org.person&id=${ids.employee}`)
      .set('authorization', bearer(tokens.manager))
      .expect(200);
    expect(own.body.reasons).toEqual([
      { roleCode: 'dept-manager', roleName: '部门经理', kind: 'department-and-below', matchedBy: 'department', departmentId: await departmentId(api, 'OPS') },
    ]);
    const self = await request(api.url).get(`/api/v1/org/people/${ids.employee}/access`).set('authorization', bearer(tokens.employee)).expect(200);
    expect(self.body).toEqual([{ roleCode: 'employee', roleName: '员工', kind: 'self', matchedBy: 'owner' }]);
    const admin = await request(api.url).get(`/api/v1/platform/access/explain?entityType=org.person&id=${ids.sales}`).set('authorization', bearer(tokens.admin)).expect(200);
    expect(admin.body.reasons).toEqual([{ roleCode: 'admin', roleName: '系统管理员', kind: 'all', matchedBy: 'all' }]);
    await request(api.url).get(`/api/v1/platform/access/explain?entityType=org.person&id=${ids.sales}`).set('authorization', bearer(tokens.manager)).expect(404);
    await request(api.url).get(`/api/v1/platform/access/explain?entityType=crm.nothing&id=${ids.sales}`).set('authorization', bearer(tokens.manager)).expect(400);
  });

  it('does not let anyone change their own roles or disable themselves', async () => {
    const adminId = await personId(api, 'admin');
    await request(api.url).put(`/api/v1/org/people/${adminId}/roles`).set('authorization', bearer(tokens.admin)).send({ roleCodes: ['employee'] }).expect(422);
    await request(api.url).post(`/api/v1/org/people/${adminId}/disable`).set('authorization', bearer(tokens.admin)).send({ version: 1 }).expect(422);
  });
});
