import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { actAs, bearer, createRole, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

describe('the audit trail of state-changing requests', () => {
  let api: TestApi;
  let admin: Tokens;
  let adminId: string;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
    adminId = await personId(api, 'admin');
  });
  afterAll(async () => api.close());

  it('records who changed which fields from what to what, with the request id, ip and user agent', async () => {
    const id = await personId(api, 'liu.yang');
    const before = (await request(api.url).get(`/api/v1/org/people/${id}`).set('authorization', bearer(admin))).body;
    const response = await request(api.url)
      .patch(`/api/v1/org/people/${id}`)
      .set('authorization', bearer(admin))
      .set('user-agent', 'audit-test/1.0')
      .send({ version: before.version, name: '刘洋洋', mobile: '13900001111' })
      .expect(200);
    const requestId = response.headers['x-request-id'];
    const rows = await sql<Record<string, unknown>>(api, 'SELECT * FROM platform.audit_log WHERE request_id = $1 ORDER BY id', [requestId]);
    expect(rows.map((row) => row.kind)).toEqual(['change', 'request']);
    const [change, summary] = rows;
    expect(change).toMatchObject({
      actor_id: adminId,
      actor_username: 'admin',
      ip: '127.0.0.1',
      user_agent: 'audit-test/1.0',
      action: 'org:person:update',
      operation: 'update',
      entity_type: 'org.person',
      entity_id: id,
      outcome: 'success',
    });
    expect(change.changes).toEqual({ name: { old: '刘洋', new: '刘洋洋' }, mobile: { old: before.mobile, new: '13900001111' } });
    expect(summary).toMatchObject({ action: 'org:person:update', entity_type: 'org.person', entity_id: id, outcome: 'success', actor_id: adminId });
    expect((change.occurred_at as Date).getTime()).toBeLessThanOrEqual((summary.occurred_at as Date).getTime());
  });

  it('records a failed change as a failure with nothing changed, and never shows secrets', async () => {
    const id = await personId(api, 'employee');
    const stale = await request(api.url).patch(`/api/v1/org/people/${id}`).set('authorization', bearer(admin)).send({ version: 999, name: 'x' }).expect(409);
    const rows = await sql<Record<string, unknown>>(api, 'SELECT kind, outcome, detail FROM platform.audit_log WHERE request_id = $1', [stale.headers['x-request-id']]);
    expect(rows).toEqual([{ kind: 'request', outcome: 'failure', detail: expect.stringContaining('409 platform.version-conflict') }]);
    const reset = await request(api.url).post(`/api/v1/org/people/${id}/password`).set('authorization', bearer(admin)).send({ newPassword: 'correct horse battery 2026' }).expect(204);
    const [change] = await sql<{ changes: Record<string, { old: unknown; new: unknown }> }>(
      api,
      `SELECT changes FROM platform.audit_log WHERE request_id = $1 AND kind = 'change'`,
      [reset.headers['x-request-id']],
    );
    expect(change.changes.password_hash).toEqual({ old: '[redacted]', new: '[redacted]' });
    expect(JSON.stringify(change.changes)).not.toContain('argon2');
  });

  it('writes the request row in the transaction of the change it describes', async () => {
    const created = await request(api.url).post('/api/v1/org/positions').set('authorization', bearer(admin)).send({ code: 'TX-1', name: '同事务岗' }).expect(201);
    const rows = await sql<{ kind: string; tx: string }>(api, 'SELECT kind, xmin::text AS tx FROM platform.audit_log WHERE request_id = $1 ORDER BY id', [
      created.headers['x-request-id'],
    ]);
    expect(rows.map((row) => row.kind)).toEqual(['change', 'request']);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    const [position] = await sql<{ tx: string }>(api, 'SELECT xmin::text AS tx FROM org.position WHERE id = $1', [created.body.id]);
    expect(position.tx).toBe(rows[0].tx);
  });

  it('never commits a change whose request row could not be written: the client that gets a 500 can retry safely', async () => {
    // The audit table refuses the request row of this one action, as a full disk or a
    // broken connection would at that moment.
    await sql(
      api,
      `CREATE FUNCTION public.refuse_request_row() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$`,
    );
    await sql(
      api,
      `CREATE TRIGGER refuse_request_row BEFORE INSERT ON platform.audit_log FOR EACH ROW
       WHEN (NEW.kind = 'request' AND NEW.action = 'org:position:create' AND NEW.outcome = 'success') EXECUTE FUNCTION public.refuse_request_row()`,
    );
    try {
      const failed = await request(api.url).post('/api/v1/org/positions').set('authorization', bearer(admin)).send({ code: 'TX-LOST', name: '不该保存' });
      expect(failed.status).toBe(500);
      await expect(sql(api, "SELECT id FROM org.position WHERE code = 'TX-LOST'")).resolves.toEqual([]);
      const trail = await sql<{ kind: string; outcome: string }>(api, 'SELECT kind, outcome FROM platform.audit_log WHERE request_id = $1', [failed.headers['x-request-id']]);
      expect(trail).toEqual([{ kind: 'request', outcome: 'failure' }]);
    } finally {
      await sql(api, 'DROP TRIGGER refuse_request_row ON platform.audit_log');
    }
  });

  it('keeps a client-sent correlation id apart: a request cannot join another flow\'s timeline', async () => {
    const first = await request(api.url).post('/api/v1/org/positions').set('authorization', bearer(admin)).send({ code: 'FLOW-1', name: '流程一' }).expect(201);
    const flow = first.headers['x-correlation-id'];
    const intruder = await request(api.url)
      .post('/api/v1/org/positions')
      .set('authorization', bearer(admin))
      .set('x-correlation-id', flow)
      .send({ code: 'FLOW-2', name: '流程二' })
      .expect(201);
    expect(intruder.headers['x-correlation-id']).not.toBe(flow);
    const timeline = await request(api.url).get('/api/v1/platform/audit-log').query({ correlationId: flow, sort: 'id' }).set('authorization', bearer(admin)).expect(200);
    const requests = new Set((timeline.body.items as Array<{ requestId: string }>).map((entry) => entry.requestId));
    expect([...requests]).toEqual([first.headers['x-request-id']]);
    const [row] = await sql<{ correlation_id: string; client_correlation_id: string }>(
      api,
      "SELECT correlation_id, client_correlation_id FROM platform.audit_log WHERE request_id = $1 AND kind = 'request'",
      [intruder.headers['x-request-id']],
    );
    expect(row).toEqual({ correlation_id: intruder.headers['x-correlation-id'], client_correlation_id: flow });
  });

  it('records every bulk export of people: who, format, filters, reach and how many rows', async () => {
    const csv = await request(api.url).get('/api/v1/org/export/people?format=csv').set('authorization', bearer(admin)).expect(200);
    const exported = csv.text.trim().split('\r\n').length - 1;
    await createRole(api, admin, { code: 'people-exporter', permissions: ['org:person:read', 'org:person:export'], dataScope: 'department' });
    const exporter = await actAs(api, admin, 'planner', ['people-exporter']);
    const xlsx = await request(api.url).get('/api/v1/org/export/people?format=xlsx').set('authorization', bearer(exporter)).expect(200);
    const [planner] = await sql<{ n: number }>(
      api,
      `SELECT count(*)::int AS n FROM org.person WHERE main_department_id IN (
         SELECT main_department_id FROM org.person WHERE username = 'planner'
         UNION SELECT department_id FROM org.part_time_post t JOIN org.person p ON p.id = t.person_id WHERE p.username = 'planner')`,
    );
    const rows = await sql<Record<string, unknown>>(
      api,
      `SELECT request_id, kind, actor_username, ip, action, entity_type, outcome, detail FROM platform.audit_log WHERE action = 'org:person:export' ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        request_id: csv.headers['x-request-id'],
        kind: 'request',
        actor_username: 'admin',
        ip: '127.0.0.1',
        action: 'org:person:export',
        entity_type: 'org.person',
        outcome: 'success',
        detail: JSON.stringify({ format: 'csv', filters: {}, reach: 'all', rows: exported }),
      },
      expect.objectContaining({
        request_id: xlsx.headers['x-request-id'],
        actor_username: 'planner',
        detail: JSON.stringify({ format: 'xlsx', filters: {}, reach: 'own records and 2 departments', rows: planner.n }),
      }),
    ]);
    expect(exported).toBe(30);
  });

  it('sends no export whose audit row could not be written', async () => {
    await sql(api, `CREATE FUNCTION public.refuse_export_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$`);
    await sql(
      api,
      `CREATE TRIGGER refuse_export_row BEFORE INSERT ON platform.audit_log FOR EACH ROW
       WHEN (NEW.action = 'org:person:export') EXECUTE FUNCTION public.refuse_export_row()`,
    );
    try {
      const refused = await request(api.url).get('/api/v1/org/export/people?format=csv').set('authorization', bearer(admin));
      expect(refused.status).toBe(500);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.text).not.toContain('employeeNo');
    } finally {
      await sql(api, 'DROP TRIGGER refuse_export_row ON platform.audit_log');
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows in the database itself', async () => {
    const [row] = await sql<{ id: string }>(api, 'SELECT id FROM platform.audit_log ORDER BY id LIMIT 1');
    await expect(sql(api, `UPDATE platform.audit_log SET action = 'forged' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(sql(api, 'DELETE FROM platform.audit_log WHERE id = $1', [row.id])).rejects.toThrow(/append-only/);
    await expect(sql(api, 'TRUNCATE platform.audit_log')).rejects.toThrow(/append-only/);
    const [still] = await sql<{ action: string }>(api, 'SELECT action FROM platform.audit_log WHERE id = $1', [row.id]);
    expect(still.action).not.toBe('forged');
  });

  it('denies UPDATE and DELETE to an ordinary application role by privileges too', async () => {
    const role = `zs_app_${process.pid}_${Date.now()}`;
    await sql(api, `CREATE ROLE ${role} LOGIN PASSWORD 'x'`);
    try {
      await sql(api, `GRANT USAGE ON SCHEMA platform TO ${role}; GRANT SELECT, INSERT ON platform.audit_log TO ${role}; GRANT UPDATE, DELETE ON platform.audit_log TO ${role}`);
      // Even a grant does not help: the trigger refuses for every role.
      await expect(sql(api, `SET ROLE ${role}; UPDATE platform.audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await sql(api, `REVOKE ALL ON platform.audit_log FROM ${role}; REVOKE ALL ON SCHEMA platform FROM ${role}; DROP ROLE ${role}`);
    }
  });

  it('serves the trail with filters and paging to holders of platform:audit:read', async () => {
    const id = await personId(api, 'liu.yang');
    const page = await request(api.url)
      .get(`/api/v1/platform/audit-log?entityType=org.person&entityId=${id}&kind=change&pageSize=5`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(page.body.items.every((entry: { entityId: string; kind: string }) => entry.entityId === id && entry.kind === 'change')).toBe(true);
    const logins = await request(api.url).get(`/api/v1/platform/audit-log?kind=login&actorId=${adminId}&outcome=success`).set('authorization', bearer(admin)).expect(200);
    expect(logins.body.items[0]).toMatchObject({ action: 'org:session:login', actorUsername: 'admin' });
    await request(api.url).get('/api/v1/platform/audit-log?kind=nonsense').set('authorization', bearer(admin)).expect(400);
    await request(api.url).get('/api/v1/platform/audit-log?from=yesterday').set('authorization', bearer(admin)).expect(400);
  });
  it('names the records a page refers to by id: the entity, ids in its changes and the actor', async () => {
    const id = await personId(api, 'liu.yang');
    const sales = await departmentId(api, 'SALES');
    const before = (await request(api.url).get(`/api/v1/org/people/${id}`).set('authorization', bearer(admin)).expect(200)).body;
    await request(api.url).patch(`/api/v1/org/people/${id}`).set('authorization', bearer(admin)).send({ version: before.version, mainDepartmentId: sales }).expect(200);

    const page = (await request(api.url).get('/api/v1/platform/audit-log').query({ entityId: id, kind: 'change' }).set('authorization', bearer(admin)).expect(200)).body;
    const change = (page.items as Array<{ changes: Record<string, { old: unknown; new: unknown }> | null; actorId: string | null }>).find((entry) => entry.changes?.main_department_id);
    expect(change?.changes?.main_department_id).toEqual({ old: before.mainDepartmentId, new: sales });
    expect(page.names[id]).toBe(before.name);
    expect(page.names[sales]).toBe('销售部');
    expect(page.names[before.mainDepartmentId]).toBe('综合管理部');
    expect(page.names[change?.actorId as string]).toBe('系统管理员');
  });
});
