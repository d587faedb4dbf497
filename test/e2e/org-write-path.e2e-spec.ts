import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { TEST_JWT_SECRET, actAs, bearer, createRole, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

/** Waits for `check` to hold, polling: a NOTIFY reaches the other process a moment after the commit. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the write path of a person: one transaction, nothing shared by every write', () => {
  let api: TestApi;
  let other: TestApi;
  let admin: Tokens;
  let ops: string;

  beforeAll(async () => {
    api = await startDemoApi();
    // A second API process on the same database, with caches of its own.
    other = await startTestApi({ databaseUrl: api.databaseUrl, env: { JWT_SECRET: TEST_JWT_SECRET } });
    admin = await signIn(api, 'admin');
    ops = await departmentId(api, 'OPS');
  });
  afterAll(async () => {
    await other?.close();
    await api?.close();
  });

  const structureRevision = async (): Promise<string> => (await sql<{ revision: string }>(api, 'SELECT revision::text FROM org.access_revision'))[0].revision;

  it('writes the person, its audit rows and the hired event in one transaction, and leaves the structure revision alone', async () => {
    const revision = await structureRevision();
    const created = await request(api.url)
      .post('/api/v1/org/people')
      .set('authorization', bearer(admin))
      .send({ employeeNo: 'W-001', name: '写入', username: 'write.one', email: 'write.one@example.com', mainDepartmentId: ops, hireDate: '2026-12-01' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      employeeNo: 'W-001',
      name: '写入',
      username: 'write.one',
      email: 'write.one@example.com',
      mobile: null,
      mainDepartmentId: ops,
      positionId: null,
      managerId: null,
      hireDate: '2026-12-01',
      status: 'active',
      version: 1,
    });
    const id = created.body.id as string;
    const [person] = await sql<{ tx: string; created_by: string }>(api, 'SELECT xmin::text AS tx, created_by FROM org.person WHERE id = $1', [id]);
    expect(person.created_by).toBe(await personId(api, 'admin'));
    const audit = await sql<{ kind: string; tx: string; changes: Record<string, unknown> | null }>(
      api,
      'SELECT kind, xmin::text AS tx, changes FROM platform.audit_log WHERE request_id = $1 ORDER BY id',
      [created.headers['x-request-id']],
    );
    expect(audit.map((row) => [row.kind, row.tx])).toEqual([
      ['change', person.tx],
      ['request', person.tx],
    ]);
    expect(Object.keys(audit[0].changes ?? {})).toEqual(expect.arrayContaining(['name', 'username', 'main_department_id']));
    // Bookkeeping is not history.
    expect(audit[0].changes).not.toHaveProperty('access_revision');
    const events = await sql<{ type: string; tx: string; sequence: string; payload: unknown }>(
      api,
      'SELECT type, xmin::text AS tx, sequence::text, payload FROM platform.outbox_event WHERE aggregate_id = $1',
      [id],
    );
    expect(events).toEqual([
      {
        type: 'org.person.hired',
        tx: person.tx,
        sequence: '1',
        payload: {
          personId: id,
          employeeNo: 'W-001',
          name: '写入',
          username: 'write.one',
          email: 'write.one@example.com',
          mobile: null,
          departmentId: ops,
          positionId: null,
          managerId: null,
          hireDate: '2026-12-01',
          status: 'active',
          partTimePosts: [],
        },
      },
    ]);
    expect(await structureRevision()).toBe(revision);
  });

  it('answers duplicates and bad references, found by the constraints, as the checks before them did, and writes nothing', async () => {
    const post = (body: Record<string, unknown>) =>
      request(api.url)
        .post('/api/v1/org/people')
        .set('authorization', bearer(admin))
        .send({ employeeNo: 'W-100', name: '拒绝', username: 'write.refused', mainDepartmentId: ops, ...body });
    const byUsername = await post({ username: 'employee' }).expect(409);
    expect(byUsername.body).toMatchObject({ code: 'org.duplicate', errors: [{ field: 'username', message: 'Another person already has this username: employee' }] });
    const employeeNo = (await sql<{ employee_no: string }>(api, "SELECT employee_no FROM org.person WHERE username = 'employee'"))[0].employee_no;
    const byNumber = await post({ employeeNo: employeeNo.toLowerCase() }).expect(409);
    expect(byNumber.body.errors).toEqual([{ field: 'employeeNo', message: `Another person already has this employeeNo: ${employeeNo.toLowerCase()}` }]);
    const [{ email }] = await sql<{ email: string }>(api, "SELECT email FROM org.person WHERE email IS NOT NULL AND username <> 'write.one' LIMIT 1");
    expect((await post({ email: email.toUpperCase() }).expect(409)).body.errors[0].field).toBe('email');
    const position = await post({ positionId: '019ab000-0000-7000-8000-00000000beef' }).expect(422);
    expect(position.body.errors).toEqual([{ field: 'positionId', message: 'Position 019ab000-0000-7000-8000-00000000beef does not exist' }]);
    const department = await post({ mainDepartmentId: '019ab000-0000-7000-8000-00000000beef' }).expect(422);
    expect(department.body.errors[0]).toEqual({ field: 'mainDepartmentId', message: 'Department 019ab000-0000-7000-8000-00000000beef does not exist' });
    const archived = await request(api.url).post('/api/v1/org/departments').set('authorization', bearer(admin)).send({ code: 'W-ARCH', name: '已撤销', parentId: ops }).expect(201);
    // Archived as the delete of a department with history leaves it.
    await sql(api, "UPDATE org.department SET status = 'archived', archived_at = now() WHERE id = $1", [archived.body.id]);
    const closed = await post({ mainDepartmentId: archived.body.id }).expect(422);
    expect(closed.body.errors[0]).toEqual({ field: 'mainDepartmentId', message: `Department ${archived.body.id} is archived` });
    expect(await sql(api, "SELECT 1 FROM org.person WHERE username = 'write.refused' OR employee_no = 'W-100'")).toEqual([]);
  });

  it("moves only the person's own access revision when their roles change, and every API process applies it at once", async () => {
    await createRole(api, admin, { code: 'write-path-hr', permissions: ['org:person:read', 'org:person:create'], dataScope: 'all' });
    const tester = await actAs(api, admin, 'employee', []);
    const id = await personId(api, 'employee');
    const create = (username: string) =>
      request(other.url).post('/api/v1/org/people').set('authorization', bearer(tester)).send({ employeeNo: username.toUpperCase(), name: '权限', username, mainDepartmentId: ops });
    // The other process has this person's session and access cached from here on.
    await create('write.denied').expect(403);
    const revisionOf = async (): Promise<string> => (await sql<{ revision: string }>(api, 'SELECT access_revision::text AS revision FROM org.person WHERE id = $1', [id]))[0].revision;
    const [structure, before] = [await structureRevision(), await revisionOf()];
    const holders = await sql<{ id: string; revision: string }>(api, "SELECT id, access_revision::text AS revision FROM org.person WHERE id <> $1 AND status = 'active' ORDER BY id", [id]);

    await request(api.url).put(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(admin)).send({ roleCodes: ['write-path-hr'] }).expect(200);
    expect(BigInt(await revisionOf())).toBe(BigInt(before) + 1n);
    expect(await structureRevision()).toBe(structure);
    expect(await sql(api, "SELECT id, access_revision::text AS revision FROM org.person WHERE id <> $1 AND status = 'active' ORDER BY id", [id])).toEqual(holders);
    let serial = 0;
    await eventually(async () => (await create(`write.allowed${(serial += 1)}`)).status === 201, 'the other process lets the new role create people');

    await request(api.url).put(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(admin)).send({ roleCodes: [] }).expect(200);
    await eventually(async () => (await create(`write.revoked${(serial += 1)}`)).status === 403, 'the other process takes the role away again');
  });

  it("moves the structure's revision when what a role grants changes, so every holder's access is computed again", async () => {
    const roleId = await createRole(api, admin, { code: 'write-path-reader', permissions: ['org:person:read'], dataScope: 'self' });
    const reader = await actAs(api, admin, 'finance', ['write-path-reader']);
    const list = () => request(other.url).get('/api/v1/org/people?page=1&pageSize=1').set('authorization', bearer(reader));
    expect((await list().expect(200)).body.total).toBe(1);
    const structure = await structureRevision();
    const role = (await request(api.url).get(`/api/v1/org/roles/${roleId}`).set('authorization', bearer(admin)).expect(200)).body;
    await request(api.url).patch(`/api/v1/org/roles/${roleId}`).set('authorization', bearer(admin)).send({ version: role.version, dataScope: 'all' }).expect(200);
    expect(BigInt(await structureRevision())).toBeGreaterThan(BigInt(structure));
    await eventually(async () => (await list()).body.total > 1, 'the other process widens the holder’s reach');
  });
});
