import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

interface OutboxRow {
  type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  tx: string;
}

describe('department leaders who leave, and archived departments', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api.close());

  const as = (method: 'get' | 'post' | 'patch', path: string) => request(api.url)[method](`/api/v1${path}`).set('authorization', bearer(admin));
  const department = async (code: string) => (await as('get', `/org/departments/${await departmentId(api, code)}`).expect(200)).body;
  const outboxSince = (size: number) =>
    sql<OutboxRow>(api, 'SELECT type, aggregate_id, payload, xmin::text AS tx FROM platform.outbox_event ORDER BY id OFFSET $1', [size]);
  const outboxSize = async () => (await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM platform.outbox_event'))[0].n;

  it('takes a leader who leaves off their department, in the same transaction, with the department event', async () => {
    const before = await department('SALES-EAST');
    const leaderId = await personId(api, 'zhou.qiang');
    expect(before.leaderId).toBe(leaderId);
    const person = (await as('get', `/org/people/${leaderId}`).expect(200)).body;
    const size = await outboxSize();

    await as('post', `/org/people/${leaderId}/leave`).send({ version: person.version }).expect(200);

    const after = await department('SALES-EAST');
    expect(after).toMatchObject({ leaderId: null, version: before.version + 1 });
    const events = await outboxSince(size);
    expect(events.map((event) => [event.type, event.aggregate_id])).toEqual([
      ['org.person.status-changed', leaderId],
      ['org.department.changed', before.id],
    ]);
    expect(events[1].payload).toMatchObject({ departmentId: before.id, leaderId: null, changed: ['leaderId'] });
    expect(new Set(events.map((event) => event.tx)).size).toBe(1);
  });

  it('does the same for a deputy who leaves through a people import', async () => {
    const before = await department('OPS');
    const deputyId = await personId(api, 'hr');
    expect(before.deputyId).toBe(deputyId);
    const text = (await as('get', '/org/export/people?format=csv').expect(200)).text.replace(/^\uFEFF/, '');
    const [header, ...lines] = text.split('\r\n').filter(Boolean);
    const row = lines.find((line) => line.split(',')[2] === 'hr') as string;
    const leaving = row.replace(',active,', ',left,');
    const size = await outboxSize();

    await as('post', '/org/import/people').set('content-type', 'text/csv').send([header, leaving].join('\n')).expect(200);

    const after = await department('OPS');
    expect(after).toMatchObject({ deputyId: null, leaderId: before.leaderId, version: before.version + 1 });
    const events = await outboxSince(size);
    expect(events.map((event) => [event.type, event.aggregate_id])).toEqual([
      ['org.person.status-changed', deputyId],
      ['org.department.changed', before.id],
    ]);
    expect(events[1].payload).toMatchObject({ deputyId: null, changed: ['deputyId'] });
  });

  it('clears, on upgrade, the leaders and deputies who had left before leaving cleared them', async () => {
    const [fin, prod] = await Promise.all([department('FIN'), department('PROD')]);
    // As an older release left it: the leader of FIN left, the leader of PROD did not.
    await sql(api, `UPDATE org.person SET status = 'left' WHERE username = 'cfo'`);
    const runner = api.app.get(DataSource).createQueryRunner();
    try {
      const upgrade = ALL_MIGRATIONS.find((migration) => migration.name === 'LeaversLeadNoMore1764100000001');
      if (!upgrade) throw new Error('the upgrade migration is not listed');
      await new upgrade().up(runner);
    } finally {
      await runner.release();
    }
    expect(await department('FIN')).toMatchObject({ leaderId: null, version: fin.version + 1 });
    expect(await department('PROD')).toEqual(prod);
  });

  it('refuses to edit an archived department, saying why', async () => {
    const created = (await as('post', '/org/departments').send({ code: 'ARCH-1', name: '将归档' }).expect(201)).body;
    const hire = (await as('post', '/org/people').send({ employeeNo: 'AR1', name: '曾在职', username: 'was.here', mainDepartmentId: created.id }).expect(201)).body;
    await as('post', `/org/people/${hire.id}/leave`).send({ version: hire.version }).expect(200);
    expect((await request(api.url).delete(`/api/v1/org/departments/${created.id}`).set('authorization', bearer(admin)).expect(200)).body).toEqual({ outcome: 'archived' });
    const archived = (await as('get', `/org/departments/${created.id}`).expect(200)).body;

    const refused = await as('patch', `/org/departments/${created.id}`).send({ version: archived.version, name: '复活' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'org.department-archived', detail: 'Department 将归档 is archived: an archived department cannot be changed.' });
    const moved = await as('post', `/org/departments/${created.id}/move`).send({ version: archived.version, parentId: await departmentId(api, 'HQ') }).expect(422);
    expect(moved.body.code).toBe('org.department-archived');
    expect((await as('get', `/org/departments/${created.id}`).expect(200)).body).toEqual(archived);
  });
});
