import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OrgPermission } from '@zhongshu/contracts';
import type { TestApi } from '../harness/test-api.js';
import { actAs, bearer, createRole, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

const MISSING = '019ab000-0000-7000-8000-00000000dead';
const PEOPLE_HEADER = 'employeeNo,name,username,email,mobile,departmentCode,positionCode,managerEmployeeNo,hireDate,status,roles';

type Answer = request.Response;

/** Two answers that must not be told apart, once each names its own reference. */
function expectAlike(hidden: Answer, missing: Answer, hiddenRef: string, missingRef: string): void {
  const scrub = (answer: Answer, ref: string) => {
    const { requestId: _requestId, instance: _instance, ...body } = answer.body as Record<string, unknown>;
    return { status: answer.status, type: answer.headers['content-type'], body: JSON.parse(JSON.stringify(body).replaceAll(ref, '<ref>')) };
  };
  expect(missing.status).toBe(422);
  expect(scrub(hidden, hiddenRef)).toEqual(scrub(missing, missingRef));
}

/**
 * 张伟 (salesmgr) may create and edit people and departments, and create roles, over
 * 销售部 and below. What lies outside that reach does not exist for him: naming it
 * in a write answers exactly like naming an id that exists nowhere, so ids cannot be
 * probed; and the top of the tree is not his to add to.
 */
describe('references outside the caller\'s scope, and the top of the tree', () => {
  let api: TestApi;
  let admin: Tokens;
  let boss: Tokens;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
    await createRole(api, admin, {
      code: 'sales-admin',
      permissions: [
        OrgPermission.PersonRead,
        OrgPermission.PersonCreate,
        OrgPermission.PersonUpdate,
        OrgPermission.PersonImport,
        OrgPermission.DepartmentRead,
        OrgPermission.DepartmentCreate,
        OrgPermission.DepartmentUpdate,
        OrgPermission.DepartmentMove,
        OrgPermission.RoleRead,
        OrgPermission.RoleCreate,
      ],
      dataScope: 'department-and-below',
    });
    boss = await actAs(api, admin, 'salesmgr', ['employee', 'sales-admin']);
    for (const username of ['employee', 'liu.yang', 'wu.ting', 'zhou.qiang']) ids[username] = await personId(api, username);
    for (const code of ['FIN', 'SALES', 'SALES-EAST']) ids[code] = await departmentId(api, code);
    // Out of his reach and not active: someone who left 综合管理部, an archived department under 财务部.
    await sql(api, `UPDATE org.person SET status = 'left' WHERE id = $1`, [ids['liu.yang']]);
    ids.ARCHIVED = '019ab000-0000-7000-8000-0000000000ad';
    await sql(api, `INSERT INTO org.department (id, code, name, parent_id, status, archived_at) VALUES ($1, 'OLD-FIN', '旧财务组', $2, 'archived', now())`, [ids.ARCHIVED, ids.FIN]);
  });
  afterAll(async () => api.close());

  const as = (tokens: Tokens) => ({
    post: (path: string, body: object) => request(api.url).post(`/api/v1${path}`).set('authorization', bearer(tokens)).send(body),
    patch: (path: string, body: object) => request(api.url).patch(`/api/v1${path}`).set('authorization', bearer(tokens)).send(body),
    put: (path: string, body: object) => request(api.url).put(`/api/v1${path}`).set('authorization', bearer(tokens)).send(body),
  });
  const version = async (table: string, id: string) => (await sql<{ version: number }>(api, `SELECT version FROM org.${table} WHERE id = $1`, [id]))[0].version;

  describe('the top of the tree', () => {
    it('is closed to a department-scoped creator, with or without parentId', async () => {
      const named = await as(boss).post('/org/departments', { code: 'TOP-A', name: '顶级甲', parentId: null });
      expect(named.status).toBe(403);
      expect(named.body.detail).toContain(OrgPermission.DepartmentCreate);
      expect((await as(boss).post('/org/departments', { code: 'TOP-B', name: '顶级乙' })).status).toBe(403);
      expect(await sql(api, `SELECT id FROM org.department WHERE code IN ('TOP-A', 'TOP-B')`)).toEqual([]);
      expect((await as(boss).post('/org/departments', { code: 'SALES-WEST', name: '华西销售组', parentId: ids.SALES })).status).toBe(201);
      expect((await as(admin).post('/org/departments', { code: 'TOP-C', name: '顶级丙', parentId: null })).status).toBe(201);
    });

    it('is closed to a department-scoped mover', async () => {
      const moved = await as(boss).post(`/org/departments/${ids['SALES-EAST']}/move`, { parentId: null, version: await version('department', ids['SALES-EAST']) });
      expect(moved.status).toBe(403);
      expect(moved.body.detail).toContain(OrgPermission.DepartmentMove);
      expect((await sql<{ parent_id: string }>(api, 'SELECT parent_id FROM org.department WHERE id = $1', [ids['SALES-EAST']]))[0].parent_id).toBe(ids.SALES);
    });
  });

  describe('answers an out-of-scope reference exactly like a missing one', () => {
    it('in a person\'s manager', async () => {
      const patch = async (managerId: string) => as(boss).patch(`/org/people/${ids['wu.ting']}`, { version: await version('person', ids['wu.ting']), managerId });
      const missing = await patch(MISSING);
      expectAlike(await patch(ids.employee), missing, ids.employee, MISSING);
      expectAlike(await patch(ids['liu.yang']), missing, ids['liu.yang'], MISSING);
      const create = (managerId: string) =>
        as(boss).post('/org/people', { employeeNo: `M-${managerId.slice(-4)}`, name: '新人', username: `m.${managerId.slice(-4)}`, mainDepartmentId: ids.SALES, managerId });
      expectAlike(await create(ids.employee), await create(MISSING), ids.employee, MISSING);
      expect((await patch(ids['zhou.qiang'])).status).toBe(200);
    });

    it('in a person\'s main department and part-time posts', async () => {
      const create = (mainDepartmentId: string) =>
        as(boss).post('/org/people', { employeeNo: `D-${mainDepartmentId.slice(-4)}`, name: '新人', username: `d.${mainDepartmentId.slice(-4)}`, mainDepartmentId });
      const missing = await create(MISSING);
      expectAlike(await create(ids.FIN), missing, ids.FIN, MISSING);
      expectAlike(await create(ids.ARCHIVED), missing, ids.ARCHIVED, MISSING);
      const posts = (departmentId: string) => as(boss).put(`/org/people/${ids['wu.ting']}/posts`, { posts: [{ departmentId }] });
      expectAlike(await posts(ids.FIN), await posts(MISSING), ids.FIN, MISSING);
    });

    it('in a department\'s parent, leader and deputy', async () => {
      const create = (parentId: string) => as(boss).post('/org/departments', { code: `P-${parentId.slice(-4)}`, name: '新部门', parentId });
      const missing = await create(MISSING);
      expectAlike(await create(ids.FIN), missing, ids.FIN, MISSING);
      expectAlike(await create(ids.ARCHIVED), missing, ids.ARCHIVED, MISSING);
      const move = async (parentId: string) => as(boss).post(`/org/departments/${ids['SALES-EAST']}/move`, { parentId, version: await version('department', ids['SALES-EAST']) });
      expectAlike(await move(ids.FIN), await move(MISSING), ids.FIN, MISSING);
      for (const field of ['leaderId', 'deputyId']) {
        const lead = async (personId: string) => as(boss).patch(`/org/departments/${ids['SALES-EAST']}`, { version: await version('department', ids['SALES-EAST']), [field]: personId });
        expectAlike(await lead(ids.employee), await lead(MISSING), ids.employee, MISSING);
        const leadNew = (personId: string) => as(boss).post('/org/departments', { code: `L-${field}-${personId.slice(-4)}`, name: '新部门', parentId: ids.SALES, [field]: personId });
        expectAlike(await leadNew(ids.employee), await leadNew(MISSING), ids.employee, MISSING);
      }
    });

    it('in a role\'s chosen departments', async () => {
      const create = (departmentId: string) =>
        as(boss).post('/org/roles', { code: `chosen-${departmentId.slice(-4)}`, name: 'chosen', permissions: [OrgPermission.PersonRead], dataScope: 'chosen-departments', scopeDepartmentIds: [departmentId] });
      expectAlike(await create(ids.FIN), await create(MISSING), ids.FIN, MISSING);
      expect(await sql(api, `SELECT code FROM org.role WHERE code LIKE 'chosen-%'`)).toEqual([]);
    });

    it('in the people import\'s department and manager columns', async () => {
      const [{ employee_no: outside }] = await sql<{ employee_no: string }>(api, 'SELECT employee_no FROM org.person WHERE id = $1', [ids.employee]);
      const upload = (departmentCode: string, managerEmployeeNo: string) =>
        request(api.url)
          .post('/api/v1/org/import/people')
          .set('authorization', bearer(boss))
          .set('content-type', 'text/csv')
          .send([PEOPLE_HEADER, `R001,新人,ref.one,,,${departmentCode},,${managerEmployeeNo},,active,`].join('\n'));
      expectAlike(await upload('FIN', ''), await upload('NOWHERE', ''), 'FIN', 'NOWHERE');
      expectAlike(await upload('SALES', outside), await upload('SALES', 'NOBODY'), outside, 'NOBODY');
      expect(await sql(api, `SELECT id FROM org.person WHERE employee_no = 'R001'`)).toEqual([]);
    });
  });
});
