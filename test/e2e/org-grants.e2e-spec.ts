import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OaPermission, OrgPermission, type PermissionCode } from '@zhongshu/contracts';
import type { TestApi } from '../harness/test-api.js';
import { actAs, bearer, createRole, personId, rolesOf, signIn, sql, startDemoApi, TESTER_PASSWORD, type Tokens } from './org-fixtures.js';

const PEOPLE_HEADER = 'employeeNo,name,username,email,mobile,departmentCode,positionCode,managerEmployeeNo,hireDate,status,roles';

/**
 * Grant only what you hold: 张伟 (salesmgr, leader of 销售部) is given the right to
 * assign roles and to create and edit roles, over 销售部 and below. He may hand out
 * what he holds himself within that reach, and nothing more.
 */
describe('who may grant which roles', () => {
  let api: TestApi;
  let admin: Tokens;
  let boss: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
    await createRole(api, admin, {
      code: 'sales-admin',
      permissions: [
        OrgPermission.PersonRead,
        OrgPermission.PersonUpdate,
        OrgPermission.PersonAssignRoles,
        OrgPermission.PersonImport,
        OrgPermission.RoleRead,
        OrgPermission.RoleCreate,
        OrgPermission.RoleUpdate,
      ],
      dataScope: 'department-and-below',
    });
    // A permission the boss does not hold.
    await createRole(api, admin, { code: 'disabler', permissions: [OrgPermission.PersonDisable], dataScope: 'self' });
    boss = await actAs(api, admin, 'salesmgr', ['employee', 'sales-manager', 'sales-admin']);
  });
  afterAll(async () => api.close());

  const assign = (tokens: Tokens, whom: string, roleCodes: string[]) =>
    personId(api, whom).then((id) => request(api.url).put(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(tokens)).send({ roleCodes }));

  it('refuses a department-scoped assigner who gives anyone admin: 403 naming what they lack, nothing changes', async () => {
    const before = await rolesOf(api, 'sales');
    const answer = await assign(boss, 'sales', [...before, 'admin']);
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.code).toBe('org.grant-exceeds-own');
    expect(answer.body.detail).toContain('admin');
    expect(answer.body.detail).toContain('every permission');
    expect(await rolesOf(api, 'sales')).toEqual(before);
  });

  it('refuses a role that reaches further than the assigner, or carries a permission they lack', async () => {
    const before = await rolesOf(api, 'sales');
    const finance = await assign(boss, 'sales', [...before, 'finance']).then((answer) => answer.body);
    expect(finance.status).toBe(403);
    expect(finance.detail).toContain(`${OrgPermission.PersonRead}`);
    expect(finance.detail).toContain('all');
    const hr = await assign(boss, 'sales', [...before, 'hr']).then((answer) => answer.body);
    expect(hr.status).toBe(403);
    expect(hr.detail).toContain('outside your reach');
    const disabler = await assign(boss, 'sales', [...before, 'disabler']).then((answer) => answer.body);
    expect(disabler.status).toBe(403);
    expect(disabler.detail).toContain(`you do not hold ${OrgPermission.PersonDisable}`);
    expect(await rolesOf(api, 'sales')).toEqual(before);
  });

  it('lets the assigner give what lies within their own reach', async () => {
    // sales-manager for 周强 reaches 华东销售组 and below: inside 销售部 and below.
    const answer = await assign(boss, 'zhou.qiang', ['employee', 'sales', 'sales-manager']);
    expect(answer.status).toBe(200);
    expect(await rolesOf(api, 'zhou.qiang')).toEqual(['employee', 'sales', 'sales-manager']);
  });

  it('refuses taking away a role the assigner could not have given', async () => {
    await assign(admin, 'he.jun', ['employee', 'sales', 'finance']).then((answer) => expect(answer.status).toBe(200));
    const answer = await assign(boss, 'he.jun', ['employee', 'sales']);
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toContain('finance');
    expect(await rolesOf(api, 'he.jun')).toEqual(['employee', 'finance', 'sales']);
  });

  it('applies the same rule to the roles column of the people import', async () => {
    const before = Number((await sql<{ n: string }>(api, 'SELECT count(*) AS n FROM org.person'))[0].n);
    const csv = [PEOPLE_HEADER, 'G001,新人甲,grant.one,,,SALES,SALES-REP,,,active,employee', 'G002,新人乙,grant.two,,,SALES-EAST,SALES-REP,,,active,employee|admin'].join('\n');
    const answer = await request(api.url).post('/api/v1/org/import/people').set('authorization', bearer(boss)).set('content-type', 'text/csv').send(csv);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('org.import-rejected');
    expect(answer.body.errors).toEqual([{ field: 'rows[3].roles', message: expect.stringContaining('admin') }]);
    expect(Number((await sql<{ n: string }>(api, 'SELECT count(*) AS n FROM org.person'))[0].n)).toBe(before);
  });

  it('keeps role definitions within the creator\'s own permissions and reach', async () => {
    const create = (body: object) => request(api.url).post('/api/v1/org/roles').set('authorization', bearer(boss)).send({ name: 'x', ...body });
    const wide = await create({ code: 'wide', permissions: [OrgPermission.PersonRead], dataScope: 'all' });
    expect(wide.status).toBe(403);
    expect(wide.body.code).toBe('org.grant-exceeds-own');
    const sneaky = await create({ code: 'sneaky', permissions: [OrgPermission.PersonDisable], dataScope: 'self' });
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.detail).toContain(OrgPermission.PersonDisable);
    expect((await create({ code: 'team-lead', permissions: [OrgPermission.PersonRead], dataScope: 'department-and-below' })).status).toBe(201);
    expect(await sql(api, `SELECT code FROM org.role WHERE code IN ('wide', 'sneaky')`)).toEqual([]);
  });

  it('keeps role edits within the editor\'s reach, before and after, and off the roles they hold', async () => {
    const roles = (await request(api.url).get('/api/v1/org/roles').set('authorization', bearer(admin)).expect(200)).body as Array<{ id: string; code: string; version: number }>;
    const role = (code: string) => roles.find((entry) => entry.code === code) as { id: string; version: number };
    const edit = (code: string, change: object) =>
      request(api.url).patch(`/api/v1/org/roles/${role(code).id}`).set('authorization', bearer(boss)).send({ version: role(code).version, ...change });
    const own = await edit('sales-admin', { name: 'mine now' });
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('org.cannot-change-self');
    const widened = await edit('team-lead', { dataScope: 'all' });
    expect(widened.status).toBe(403);
    expect(widened.body.code).toBe('org.grant-exceeds-own');
    const above = await edit('finance', { name: '财务 (renamed)' });
    expect(above.status).toBe(403);
    expect(above.body.detail).toContain('finance');
    const [stored] = await sql<{ data_scope: string; name: string }>(api, `SELECT data_scope, name FROM org.role WHERE code = 'team-lead'`);
    expect(stored.data_scope).toBe('department-and-below');
    expect((await sql<{ name: string }>(api, `SELECT name FROM org.role WHERE code = 'finance'`))[0].name).toBe('财务');
    expect((await edit('team-lead', { name: 'team lead' })).status).toBe(200);
  });

  it('does not let the people import change the importer\'s own roles or status', async () => {
    const [me] = await sql<Record<string, string>>(
      api,
      `SELECT p.employee_no, p.name, p.username, p.email, p.mobile, d.code AS department, pos.code AS position, to_char(p.hire_date, 'YYYY-MM-DD') AS hire_date
         FROM org.person p JOIN org.department d ON d.id = p.main_department_id LEFT JOIN org.position pos ON pos.id = p.position_id WHERE p.username = 'admin'`,
    );
    const row = [me.employee_no, me.name, me.username, me.email, me.mobile, me.department, me.position, '', me.hire_date, 'disabled', 'employee'].join(',');
    const answer = await request(api.url).post('/api/v1/org/import/people').set('authorization', bearer(admin)).set('content-type', 'text/csv').send([PEOPLE_HEADER, row].join('\n'));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'rows[2].status', message: 'you cannot disable or offboard yourself' },
      { field: 'rows[2].roles', message: 'you cannot change your own roles' },
    ]);
    expect(await rolesOf(api, 'admin')).toEqual(['admin']);
    expect((await sql<{ status: string }>(api, `SELECT status FROM org.person WHERE username = 'admin'`))[0].status).toBe('active');
  });

  it('does not let a password desk take over an account holding more than the desk could grant', async () => {
    // The desk holds what the demo employee role holds (each context adds to it) and the reset.
    const [employeeRole] = await sql<{ permissions: PermissionCode[] }>(api, `SELECT permissions FROM org.role WHERE code = 'employee'`);
    const deskPermissions = [...new Set([...employeeRole.permissions, OrgPermission.PersonRead, OrgPermission.PersonResetPassword, OaPermission.RequestSubmit])];
    await createRole(api, admin, { code: 'password-desk', permissions: deskPermissions, dataScope: 'all' });
    const desk = await actAs(api, admin, 'liu.yang', ['password-desk']);
    const reset = async (whom: string) =>
      request(api.url).post(`/api/v1/org/people/${await personId(api, whom)}/password`).set('authorization', bearer(desk)).send({ newPassword: 'taken over password 2026' });
    const takeover = await reset('admin');
    expect(takeover.status).toBe(403);
    expect(takeover.body.code).toBe('org.grant-exceeds-own');
    expect(takeover.body.detail).toContain('admin');
    await request(api.url).post('/api/v1/auth/login').send({ username: 'admin', password: 'taken over password 2026' }).expect(401);
    // An employee's role (own record, people read, submitting approvals) is within the desk's own.
    expect((await reset('employee')).status).toBe(204);
  });

  describe('the built-in administrator role', () => {
    let root: Tokens;
    let offboarder: Tokens;
    const adminRole = async () => (await sql<{ id: string; version: number; data_scope: string }>(api, `SELECT id, version, data_scope FROM org.role WHERE code = 'admin'`))[0];

    beforeAll(async () => {
      // A second all-permissions role, as an older installation might have: the only way
      // someone who does not hold `admin` could reach for it.
      await sql(api, `INSERT INTO org.role (id, code, name, all_permissions, data_scope) VALUES ('019ab000-0000-7000-8000-0000000000aa', 'root', 'root', true, 'all')`);
      await sql(api, `INSERT INTO org.person_role (person_id, role_id) SELECT id, '019ab000-0000-7000-8000-0000000000aa' FROM org.person WHERE username = 'gm'`);
      await request(api.url)
        .post(`/api/v1/org/people/${await personId(api, 'gm')}/password`)
        .set('authorization', bearer(admin))
        .send({ newPassword: TESTER_PASSWORD })
        .expect(204);
      root = await signIn(api, 'gm', TESTER_PASSWORD);
      await createRole(api, admin, { code: 'offboarder', permissions: [OrgPermission.PersonRead, OrgPermission.PersonDisable, OrgPermission.PersonOffboard], dataScope: 'all' });
      offboarder = await actAs(api, admin, 'cfo', ['employee', 'offboarder']);
    });

    it('keeps its data scope', async () => {
      const role = await adminRole();
      const answer = await request(api.url).patch(`/api/v1/org/roles/${role.id}`).set('authorization', bearer(root)).send({ version: role.version, dataScope: 'department' });
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('org.built-in-role');
      expect((await adminRole()).data_scope).toBe('all');
      const own = await request(api.url).patch(`/api/v1/org/roles/${role.id}`).set('authorization', bearer(admin)).send({ version: role.version, name: 'boss' });
      expect(own.status).toBe(422);
    });

    it('does not lose its last active holder', async () => {
      const adminId = await personId(api, 'admin');
      const revoked = await assign(root, 'admin', ['employee']);
      expect(revoked.status).toBe(422);
      expect(revoked.body.code).toBe('org.last-administrator');
      expect(await rolesOf(api, 'admin')).toEqual(['admin']);
      const version = (await sql<{ version: number }>(api, 'SELECT version FROM org.person WHERE id = $1', [adminId]))[0].version;
      for (const action of ['disable', 'leave']) {
        const answer = await request(api.url).post(`/api/v1/org/people/${adminId}/${action}`).set('authorization', bearer(offboarder)).send({ version });
        expect(answer.status).toBe(422);
        expect(answer.body.code).toBe('org.last-administrator');
      }
      expect((await sql<{ status: string }>(api, 'SELECT status FROM org.person WHERE id = $1', [adminId]))[0].status).toBe('active');
      // With a second active holder, the first may go.
      await assign(admin, 'gm', ['finance', 'root', 'admin']).then((answer) => expect(answer.status).toBe(200));
      expect((await request(api.url).post(`/api/v1/org/people/${adminId}/disable`).set('authorization', bearer(offboarder)).send({ version })).status).toBe(200);
    });
  });
});
