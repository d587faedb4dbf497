import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { DataScopeKind } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

/**
 * The five data scopes, each given alone to one person (周强, who leads 华东销售组
 * under 销售部 and has a part-time post in 生产部): what the person list shows is
 * compared with what the database says that scope should reach.
 */
describe('the five data scopes on the people list and on reads', () => {
  let api: TestApi;
  let admin: Tokens;
  let subject: string;
  const password = 'scope tester password 2026';

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
    subject = await personId(api, 'zhou.qiang');
    await request(api.url).post(`/api/v1/org/people/${subject}/password`).set('authorization', bearer(admin)).send({ newPassword: password }).expect(204);
    const person = (await request(api.url).get(`/api/v1/org/people/${subject}`).set('authorization', bearer(admin))).body;
    expect(person.mainDepartmentId).toBe(await departmentId(api, 'SALES-EAST'));
    const prod = await departmentId(api, 'PROD');
    const posted = await request(api.url).put(`/api/v1/org/people/${subject}/posts`).set('authorization', bearer(admin)).send({ posts: [{ departmentId: prod }] }).expect(200);
    expect(posted.body).toEqual([{ departmentId: prod, positionId: null }]);
  });
  afterAll(async () => api.close());

  async function visibleWith(kind: DataScopeKind, chosen: string[] = []): Promise<string[]> {
    const role = await request(api.url)
      .post('/api/v1/org/roles')
      .set('authorization', bearer(admin))
      .send({ code: `scope-${kind}`, name: `scope ${kind}`, permissions: ['org:person:read'], dataScope: kind, scopeDepartmentIds: chosen })
      .expect(201);
    expect(role.body.dataScope).toBe(kind);
    await request(api.url).put(`/api/v1/org/people/${subject}/roles`).set('authorization', bearer(admin)).send({ roleCodes: [`scope-${kind}`] }).expect(200);
    const tokens = await signIn(api, 'zhou.qiang', password);
    const me = (await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200)).body;
    expect(me.dataScope.grants.map((grant: { kind: string }) => grant.kind)).toEqual([kind]);
    const page = (await request(api.url).get('/api/v1/org/people?pageSize=200').set('authorization', bearer(tokens)).expect(200)).body;
    expect(page.total).toBe(page.items.length);
    return page.items.map((person: { id: string }) => person.id).sort();
  }

  async function peopleIn(where: string, values: unknown[] = []): Promise<string[]> {
    return (await sql<{ id: string }>(api, `SELECT id FROM org.person WHERE ${where}`, values)).map((row) => row.id).sort();
  }

  it('self: only the person themselves', async () => {
    expect(await visibleWith('self')).toEqual([subject]);
  });

  it('department: everyone in their own departments (main and part-time posts)', async () => {
    const expected = await peopleIn(`main_department_id IN (SELECT id FROM org.department WHERE code IN ('SALES-EAST', 'PROD'))`);
    expect(expected.length).toBeGreaterThan(10);
    expect(await visibleWith('department')).toEqual(expected);
  });

  it('department-and-below: their departments and every department under them', async () => {
    const sales = await departmentId(api, 'SALES');
    await request(api.url).put(`/api/v1/org/people/${subject}/posts`).set('authorization', bearer(admin)).send({ posts: [{ departmentId: sales }] }).expect(200);
    const expected = await peopleIn(`main_department_id IN (SELECT id FROM org.department WHERE code IN ('SALES', 'SALES-EAST'))`);
    const seen = await visibleWith('department-and-below');
    expect(seen).toEqual(expected);
    expect(seen).toContain(await personId(api, 'salesmgr'));
    // Without the part-time post in 销售部, "below" starts at 华东销售组 only.
    await request(api.url).put(`/api/v1/org/people/${subject}/posts`).set('authorization', bearer(admin)).send({ posts: [] }).expect(200);
    const tokens = await signIn(api, 'zhou.qiang', password);
    const narrowed = (await request(api.url).get('/api/v1/org/people?pageSize=200').set('authorization', bearer(tokens)).expect(200)).body.items;
    expect(narrowed.map((person: { id: string }) => person.id).sort()).toEqual(await peopleIn(`main_department_id = $1`, [await departmentId(api, 'SALES-EAST')]));
  });

  it('chosen departments: exactly those, plus the person themselves', async () => {
    const fin = await departmentId(api, 'FIN');
    const ops = await departmentId(api, 'OPS');
    const expected = await peopleIn(`main_department_id IN ($1, $2) OR id = $3`, [fin, ops, subject]);
    expect(await visibleWith('chosen-departments', [fin, ops])).toEqual(expected);
  });

  it('all: everyone', async () => {
    expect(await visibleWith('all')).toEqual(await peopleIn('TRUE'));
  });

  it('applies a role change to a signed-in person at once', async () => {
    const tokens = await signIn(api, 'zhou.qiang', password);
    await request(api.url).get(`/api/v1/org/people/${await personId(api, 'employee')}`).set('authorization', bearer(tokens)).expect(200);
    await request(api.url).put(`/api/v1/org/people/${subject}/roles`).set('authorization', bearer(admin)).send({ roleCodes: ['scope-self'] }).expect(200);
    await request(api.url).get(`/api/v1/org/people/${await personId(api, 'employee')}`).set('authorization', bearer(tokens)).expect(404);
  });

  it('refuses a role with an unknown permission or a chosen scope without departments', async () => {
    const unknown = await request(api.url)
      .post('/api/v1/org/roles')
      .set('authorization', bearer(admin))
      .send({ code: 'bad-perm', name: 'bad', permissions: ['org:person:fly'], dataScope: 'self' })
      .expect(422);
    expect(unknown.body.code).toBe('org.unknown-permission');
    await request(api.url)
      .post('/api/v1/org/roles')
      .set('authorization', bearer(admin))
      .send({ code: 'bad-scope', name: 'bad', permissions: [], dataScope: 'chosen-departments', scopeDepartmentIds: [] })
      .expect(422);
    await request(api.url).post('/api/v1/org/roles').set('authorization', bearer(admin)).send({ code: 'bad-kind', name: 'bad', permissions: [], dataScope: 'galaxy' }).expect(400);
  });
});
