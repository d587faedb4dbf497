import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

/** The people list filtered by a department, alone or with everything below it. */
describe('the people list by department', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api.close());

  const listed = async (tokens: Tokens, query: Record<string, string>): Promise<string[]> => {
    const page = (await request(api.url).get('/api/v1/org/people').query({ pageSize: '200', ...query }).set('authorization', bearer(tokens)).expect(200)).body;
    expect(page.total).toBe(page.items.length);
    return (page.items as Array<{ id: string }>).map((person) => person.id).sort();
  };
  const mainDepartmentIn = async (codes: string[]): Promise<string[]> =>
    (await sql<{ id: string }>(api, 'SELECT p.id FROM org.person p JOIN org.department d ON d.id = p.main_department_id WHERE d.code = ANY($1)', [codes]))
      .map((row) => row.id)
      .sort();

  it('lists one department alone, or with every department below it at any depth', async () => {
    const sales = await departmentId(api, 'SALES');
    const alone = await listed(admin, { departmentId: sales });
    expect(alone).toEqual(await mainDepartmentIn(['SALES']));
    const withBelow = await listed(admin, { departmentId: sales, includeSubDepartments: 'true' });
    expect(withBelow).toEqual(await mainDepartmentIn(['SALES', 'SALES-EAST']));
    expect(withBelow.length).toBeGreaterThan(alone.length);
    expect(await listed(admin, { departmentId: sales, includeSubDepartments: 'false' })).toEqual(alone);

    const hq = await departmentId(api, 'HQ');
    const everyone = (await sql<{ id: string }>(api, 'SELECT id FROM org.person')).map((row) => row.id).sort();
    expect(await listed(admin, { departmentId: hq, includeSubDepartments: 'true' })).toEqual(everyone);
  });

  it('never widens the caller\'s data scope: the whole tree from the top shows only what the scope reaches', async () => {
    const salesmgr = await signIn(api, 'salesmgr');
    const hq = await departmentId(api, 'HQ');
    expect(await listed(salesmgr, { departmentId: hq, includeSubDepartments: 'true' })).toEqual(await mainDepartmentIn(['SALES', 'SALES-EAST']));
  });

  it('refuses a flag that is not true or false, naming the field', async () => {
    const answer = await request(api.url)
      .get('/api/v1/org/people')
      .query({ departmentId: await departmentId(api, 'SALES'), includeSubDepartments: 'yes' })
      .set('authorization', bearer(admin))
      .expect(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'includeSubDepartments' })]);
  });
  it('names each person\'s department and position, also for a reader who may not read departments or positions', async () => {
    const sales = await signIn(api, 'sales');
    const me = (await request(api.url).get('/api/v1/me').set('authorization', bearer(sales)).expect(200)).body;
    expect(me.permissions).not.toContain('org:department:read');
    expect(me.permissions).not.toContain('org:position:read');
    const page = (await request(api.url).get('/api/v1/org/people').set('authorization', bearer(sales)).expect(200)).body;
    const own = (page.items as Array<{ id: string; username: string; departmentName: string | null; positionName: string | null }>).find((person) => person.username === 'sales');
    expect(own).toMatchObject({ departmentName: '销售部', positionName: '销售代表' });

    const card = (await request(api.url).get(`/api/v1/org/people/${own?.id}`).set('authorization', bearer(sales)).expect(200)).body;
    expect(card).toMatchObject({ departmentName: '销售部', positionName: '销售代表' });
  });
});
