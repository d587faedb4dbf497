import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OrgPermission } from '@zhongshu/contracts';
import type { TestApi } from '../harness/test-api.js';
import { actAs, bearer, createRole, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

/**
 * A role's data scope goes with the permissions that role grants. 周强 (zhou.qiang, in
 * 华东销售组) holds three roles: one lets him read the people of 财务部 (chosen
 * departments), one lets him read his own departments (department), one lets him
 * export people (self). A union of the three would show him his colleagues in
 * 华东销售组 as people, 财务部 as a department and everyone in the export.
 */
describe('data scope per permission', () => {
  let api: TestApi;
  let subject: Tokens;
  let ids: { self: string; wuTing: string; cfo: string; fin: string; east: string; salesRep: string };

  beforeAll(async () => {
    api = await startDemoApi();
    const admin = await signIn(api, 'admin');
    const fin = await departmentId(api, 'FIN');
    await createRole(api, admin, { code: 'fin-people', permissions: [OrgPermission.PersonRead], dataScope: 'chosen-departments', scopeDepartmentIds: [fin] });
    await createRole(api, admin, { code: 'own-departments', permissions: [OrgPermission.DepartmentRead], dataScope: 'department' });
    await createRole(api, admin, { code: 'own-export', permissions: [OrgPermission.PersonExport], dataScope: 'self' });
    subject = await actAs(api, admin, 'zhou.qiang', ['fin-people', 'own-departments', 'own-export']);
    const [salesRep] = await sql<{ id: string }>(api, `SELECT id FROM org.position WHERE code = 'SALES-REP'`);
    ids = {
      self: await personId(api, 'zhou.qiang'),
      wuTing: await personId(api, 'wu.ting'),
      cfo: await personId(api, 'cfo'),
      fin,
      east: await departmentId(api, 'SALES-EAST'),
      salesRep: salesRep.id,
    };
  });
  afterAll(async () => api.close());

  const get = (path: string) => request(api.url).get(`/api/v1${path}`).set('authorization', bearer(subject));

  it('lists the people of the chosen departments, not those of his own department', async () => {
    const people = (await get('/org/people?pageSize=200').expect(200)).body.items.map((person: { id: string }) => person.id).sort();
    const expected = (await sql<{ id: string }>(api, 'SELECT id FROM org.person WHERE main_department_id = $1 OR id = $2', [ids.fin, ids.self])).map((row) => row.id).sort();
    expect(people).toEqual(expected);
    expect(people).not.toContain(ids.wuTing);
    await get(`/org/people/${ids.wuTing}`).expect(404);
    await get(`/org/people/${ids.cfo}`).expect(200);
    await get(`/org/departments/${ids.east}/positions/${ids.salesRep}/people`).expect(404);
  });

  it('lists his own departments, not the chosen ones', async () => {
    const departments = (await get('/org/departments?pageSize=100').expect(200)).body.items.map((department: { id: string }) => department.id);
    expect(departments).toEqual([ids.east]);
    await get(`/org/departments/${ids.fin}`).expect(404);
  });

  it('exports only his own record', async () => {
    const csv = (await get('/org/export/people?format=csv').expect(200)).text.trim().split(/\r?\n/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('zhou.qiang');
  });

  it('explains each record by the roles that grant its read permission only', async () => {
    await get(`/platform/access/explain?entityType=org.department&id=${ids.fin}`).expect(404);
    await get(`/platform/access/explain?entityType=org.person&id=${ids.wuTing}`).expect(404);
    const cfo = await get(`/platform/access/explain?entityType=org.person&id=${ids.cfo}`).expect(200);
    expect(cfo.body.reasons).toEqual([{ roleCode: 'fin-people', roleName: 'fin-people', kind: 'chosen-departments', matchedBy: 'department', departmentId: ids.fin }]);
    const own = await get(`/org/people/${ids.self}/access`).expect(200);
    expect(own.body).toEqual([{ roleCode: 'fin-people', roleName: 'fin-people', kind: 'chosen-departments', matchedBy: 'owner' }]);
  });

  it('reports each role\'s grant with the permissions it scopes, and the reach of each permission', async () => {
    const me = (await get('/me').expect(200)).body;
    expect(me.dataScope.grants).toEqual([
      { roleCode: 'fin-people', roleName: 'fin-people', kind: 'chosen-departments', departmentIds: [ids.fin], allPermissions: false, permissions: [OrgPermission.PersonRead] },
      { roleCode: 'own-departments', roleName: 'own-departments', kind: 'department', departmentIds: [ids.east], allPermissions: false, permissions: [OrgPermission.DepartmentRead] },
      { roleCode: 'own-export', roleName: 'own-export', kind: 'self', departmentIds: [], allPermissions: false, permissions: [OrgPermission.PersonExport] },
    ]);
    const reach = (code: string) => me.dataScope.permissions.find((entry: { permission: string }) => entry.permission === code);
    expect(reach(OrgPermission.PersonRead)).toEqual({ permission: OrgPermission.PersonRead, all: false, departmentIds: [ids.fin], roleCodes: ['fin-people'] });
    expect(reach(OrgPermission.DepartmentRead)).toEqual({ permission: OrgPermission.DepartmentRead, all: false, departmentIds: [ids.east], roleCodes: ['own-departments'] });
    expect(reach(OrgPermission.MeRead)).toEqual({ permission: OrgPermission.MeRead, all: false, departmentIds: [], roleCodes: [] });
  });
});
