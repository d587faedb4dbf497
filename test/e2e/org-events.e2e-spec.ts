import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { EventType, OrgPersonSnapshot } from '@zhongshu/contracts';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, sql, startDemoApi, TEST_JWT_SECRET, type Tokens } from './org-fixtures.js';

/** One row of platform.outbox_event, as the relay will read it. */
interface OutboxRow {
  type: EventType;
  version: number;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  payload: Record<string, unknown>;
  actor_id: string | null;
  correlation_id: string;
  causation_id: string | null;
}

const OUTBOX_COLUMNS = 'type, version, aggregate_type, aggregate_id, sequence::int AS sequence, payload, actor_id, correlation_id, causation_id';

/** Every event of one aggregate, in sequence order. */
const eventsOf = (api: TestApi, aggregateId: string): Promise<OutboxRow[]> =>
  sql<OutboxRow>(api, `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event WHERE aggregate_id = $1 ORDER BY sequence`, [aggregateId]);

const outboxSize = async (api: TestApi): Promise<number> => (await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM platform.outbox_event'))[0].n;

/** Sequences of one aggregate are 1, 2, 3... with no gap and no repeat. */
function expectGaplessSequences(rows: OutboxRow[]): void {
  expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
}

describe('the org context publishes its events', () => {
  let api: TestApi;
  let admin: Tokens;
  let adminId: string;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
    adminId = await personId(api, 'admin');
  });
  afterAll(async () => api.close());

  const as = (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, correlationId?: string) => {
    const call = request(api.url)[method](`/api/v1${path}`).set('authorization', bearer(admin));
    return correlationId ? call.set('x-correlation-id', correlationId) : call;
  };

  /** A person's snapshot as the HTTP API (TypeORM entities, not the event writer's SQL) shows it. */
  async function snapshotViaApi(id: string): Promise<OrgPersonSnapshot> {
    const person = (await as('get', `/org/people/${id}`).expect(200)).body;
    const posts = (await as('get', `/org/people/${id}/posts`).expect(200)).body as Array<{ departmentId: string; positionId: string | null }>;
    return {
      personId: person.id,
      employeeNo: person.employeeNo,
      name: person.name,
      username: person.username,
      email: person.email,
      mobile: person.mobile,
      departmentId: person.mainDepartmentId,
      positionId: person.positionId,
      managerId: person.managerId,
      hireDate: person.hireDate,
      status: person.status,
      partTimePosts: posts.map((post) => ({ departmentId: post.departmentId, positionId: post.positionId })).sort((a, b) => a.departmentId.localeCompare(b.departmentId)),
    };
  }

  const positionId = async (code: string): Promise<string> => (await sql<{ id: string }>(api, 'SELECT id FROM org.position WHERE code = $1', [code]))[0].id;

  describe('the demo seed', () => {
    it('announces every demo department and person once, complete with leaders, managers and posts', async () => {
      const departments = await sql<OutboxRow>(
        api,
        `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event WHERE aggregate_id IN (SELECT id::text FROM org.department) ORDER BY id`,
      );
      expect(departments.map((row) => [row.type, row.sequence, row.actor_id])).toEqual(Array(6).fill(['org.department.created', 1, null]));
      const salesEast = departments.find((row) => row.payload.code === 'SALES-EAST');
      expect(salesEast?.payload).toEqual({
        departmentId: await departmentId(api, 'SALES-EAST'),
        code: 'SALES-EAST',
        name: '华东销售组',
        parentId: await departmentId(api, 'SALES'),
        leaderId: await personId(api, 'zhou.qiang'),
        deputyId: null,
        status: 'active',
      });
      expect(departments.find((row) => row.payload.code === 'OPS')?.payload).toMatchObject({ leaderId: await personId(api, 'manager'), deputyId: await personId(api, 'hr') });

      const people = await sql<OutboxRow>(
        api,
        `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event WHERE aggregate_id IN (SELECT id::text FROM org.person) ORDER BY id`,
      );
      expect(people).toHaveLength(30);
      expect(new Set(people.map((row) => row.aggregate_id)).size).toBe(30);
      expect(people.every((row) => row.type === 'org.person.hired' && row.sequence === 1 && row.version === 1 && row.aggregate_type === 'org.person')).toBe(true);
      const plannerId = await personId(api, 'planner');
      const planner = people.find((row) => row.aggregate_id === plannerId);
      expect(planner?.payload).toEqual(await snapshotViaApi(plannerId));
      expect(planner?.payload).toMatchObject({
        username: 'planner',
        departmentId: await departmentId(api, 'PROD'),
        managerId: await personId(api, 'prodmgr'),
        partTimePosts: [{ departmentId: await departmentId(api, 'SALES'), positionId: await positionId('PLANNER') }],
      });

      // The seed is one flow: its events share one correlation id, and its audited
      // changes carry the same id and the seed's action.
      const flows = new Set([...departments, ...people].map((row) => row.correlation_id));
      expect(flows.size).toBe(1);
      const [flow] = [...flows];
      expect(flow).toMatch(/^seed-/);
      const audited = await sql<{ action: string; n: number }>(
        api,
        'SELECT action, count(*)::int AS n FROM platform.audit_log WHERE correlation_id = $1 GROUP BY action',
        [flow],
      );
      expect(audited).toEqual([{ action: 'platform:seed:demo', n: expect.any(Number) }]);
      expect(audited[0].n).toBeGreaterThanOrEqual(36);
    });
  });

  describe('departments', () => {
    it('emits created, changed, moved and archived with the snapshot, numbered per department, and nothing for refused writes', async () => {
      const hq = await departmentId(api, 'HQ');
      const leader = await personId(api, 'manager');
      const deputy = await personId(api, 'hr');
      const created = await as('post', '/org/departments', 'org-events-department-1')
        .send({ code: 'EV-A', name: '事件部', parentId: hq, leaderId: leader })
        .expect(201);
      const id = created.body.id as string;
      expect(created.headers['x-correlation-id']).not.toBe('org-events-department-1');
      expect(await eventsOf(api, id)).toEqual([
        {
          type: 'org.department.created',
          version: 1,
          aggregate_type: 'org.department',
          aggregate_id: id,
          sequence: 1,
          payload: { departmentId: id, code: 'EV-A', name: '事件部', parentId: hq, leaderId: leader, deputyId: null, status: 'active' },
          actor_id: adminId,
          // The server's flow id: the one the client sent is kept apart, never joined.
          correlation_id: created.headers['x-correlation-id'],
          causation_id: created.headers['x-request-id'],
        },
      ]);

      const renamed = await as('patch', `/org/departments/${id}`).send({ version: created.body.version, name: '事件二部', leaderId: null, deputyId: deputy }).expect(200);
      // A stale version (409) and an invalid body (400) write nothing, so publish nothing.
      const size = await outboxSize(api);
      await as('patch', `/org/departments/${id}`).send({ version: created.body.version, name: '过期' }).expect(409);
      await as('patch', `/org/departments/${id}`).send({ version: renamed.body.version, code: '' }).expect(400);
      // Only the sort order changed: nothing another context keeps.
      const sorted = await as('patch', `/org/departments/${id}`).send({ version: renamed.body.version, sortOrder: 7 }).expect(200);
      expect(await outboxSize(api)).toBe(size);

      const sibling = (await as('post', '/org/departments').send({ code: 'EV-B', name: '兄弟部', parentId: hq }).expect(201)).body;
      const moved = await as('post', `/org/departments/${id}/move`).send({ version: sorted.body.version, parentId: sibling.id }).expect(200);
      const beforeRefusals = await outboxSize(api);
      const cycle = await as('post', `/org/departments/${sibling.id}/move`).send({ version: sibling.version, parentId: id }).expect(422);
      expect(cycle.body.code).toBe('org.department-cycle');
      await as('post', `/org/departments/${id}/move`).send({ version: sorted.body.version, parentId: hq }).expect(409);
      expect(await outboxSize(api)).toBe(beforeRefusals);

      // Archiving needs history: someone who belonged to it and left.
      const hire = (await as('post', '/org/people').send({ employeeNo: 'EV001', name: '过客', username: 'ev.passer', mainDepartmentId: id }).expect(201)).body;
      const beforeBusy = await outboxSize(api);
      await as('delete', `/org/departments/${id}`).expect(409);
      expect(await outboxSize(api)).toBe(beforeBusy);
      await as('post', `/org/people/${hire.id}/leave`).send({ version: hire.version }).expect(200);
      expect((await as('delete', `/org/departments/${id}`).expect(200)).body).toEqual({ outcome: 'archived' });
      // Removing it again changes nothing and says nothing.
      expect((await as('delete', `/org/departments/${id}`).expect(200)).body).toEqual({ outcome: 'archived' });

      const rows = await eventsOf(api, id);
      expectGaplessSequences(rows);
      expect(rows.map((row) => [row.type, row.payload])).toEqual([
        ['org.department.created', expect.anything()],
        [
          'org.department.changed',
          { departmentId: id, code: 'EV-A', name: '事件二部', parentId: hq, leaderId: null, deputyId: deputy, status: 'active', changed: ['name', 'leaderId', 'deputyId'] },
        ],
        ['org.department.moved', { departmentId: id, parentId: sibling.id, previousParentId: hq }],
        ['org.department.archived', { departmentId: id }],
      ]);
      expect(rows[2].causation_id).toBe(moved.headers['x-request-id']);
      expect((await eventsOf(api, sibling.id)).map((row) => row.type)).toEqual(['org.department.created']);
      expect((await eventsOf(api, hire.id)).map((row) => [row.type, row.sequence])).toEqual([
        ['org.person.hired', 1],
        ['org.person.status-changed', 2],
      ]);
    });

    it('emits deleted for a department removed for good, and moved to the top level with a null parent', async () => {
      const hq = await departmentId(api, 'HQ');
      const unused = (await as('post', '/org/departments').send({ code: 'EV-GONE', name: '短命部', parentId: hq }).expect(201)).body;
      const top = await as('post', `/org/departments/${unused.id}/move`).send({ version: unused.version, parentId: null }).expect(200);
      expect(top.body.parentId).toBeNull();
      expect((await as('delete', `/org/departments/${unused.id}`).expect(200)).body).toEqual({ outcome: 'deleted' });
      const rows = await eventsOf(api, unused.id);
      expectGaplessSequences(rows);
      expect(rows.map((row) => [row.type, row.payload])).toEqual([
        ['org.department.created', expect.objectContaining({ code: 'EV-GONE', parentId: hq })],
        ['org.department.moved', { departmentId: unused.id, parentId: null, previousParentId: hq }],
        ['org.department.deleted', { departmentId: unused.id }],
      ]);
    });
  });

  describe('people', () => {
    it('emits hired, changed and status-changed with the full snapshot, and nothing for refused or empty changes', async () => {
      const ops = await departmentId(api, 'OPS');
      const sales = await departmentId(api, 'SALES');
      const clerk = await positionId('CLERK');
      const salesRep = await positionId('SALES-REP');
      const boss = await personId(api, 'manager');
      const hired = await as('post', '/org/people', 'org-events-person-1')
        .send({
          employeeNo: 'EV100',
          name: '事件人',
          username: 'ev.person',
          email: 'ev.person@example.com',
          mobile: '13800001234',
          mainDepartmentId: ops,
          positionId: clerk,
          managerId: boss,
          hireDate: '2026-03-02',
          roleCodes: ['employee'],
        })
        .expect(201);
      const id = hired.body.id as string;
      expect(hired.headers['x-correlation-id']).not.toBe('org-events-person-1');
      const snapshot: OrgPersonSnapshot = {
        personId: id,
        employeeNo: 'EV100',
        name: '事件人',
        username: 'ev.person',
        email: 'ev.person@example.com',
        mobile: '13800001234',
        departmentId: ops,
        positionId: clerk,
        managerId: boss,
        hireDate: '2026-03-02',
        status: 'active',
        partTimePosts: [],
      };
      expect(await eventsOf(api, id)).toEqual([
        {
          type: 'org.person.hired',
          version: 1,
          aggregate_type: 'org.person',
          aggregate_id: id,
          sequence: 1,
          payload: snapshot,
          actor_id: adminId,
          correlation_id: hired.headers['x-correlation-id'],
          causation_id: hired.headers['x-request-id'],
        },
      ]);

      let version = (await as('patch', `/org/people/${id}`).send({ version: hired.body.version, name: '事件人甲', email: null, mainDepartmentId: sales }).expect(200)).body.version;
      // A subordinate of the person cannot become their manager (422); a stale version is
      // a conflict (409); repeating the current values changes nothing: no event for any.
      const subordinate = (await as('post', '/org/people').send({ employeeNo: 'EV101', name: '下属', username: 'ev.sub', mainDepartmentId: sales, managerId: id }).expect(201)).body;
      const size = await outboxSize(api);
      expect((await as('patch', `/org/people/${id}`).send({ version, managerId: subordinate.id }).expect(422)).body.code).toBe('org.manager-cycle');
      await as('patch', `/org/people/${id}`).send({ version: hired.body.version, name: '过期' }).expect(409);
      await as('patch', `/org/people/${id}`).send({ version, hireDate: 'yesterday' }).expect(400);
      version = (await as('patch', `/org/people/${id}`).send({ version, name: '事件人甲', mainDepartmentId: sales }).expect(200)).body.version;
      expect(await outboxSize(api)).toBe(size);

      await as('put', `/org/people/${id}/posts`).send({ posts: [{ departmentId: ops, positionId: salesRep }] }).expect(200);
      await as('put', `/org/people/${id}/posts`).send({ posts: [{ departmentId: ops, positionId: salesRep }] }).expect(200);
      version = (await as('post', `/org/people/${id}/disable`).send({ version }).expect(200)).body.version;
      version = (await as('post', `/org/people/${id}/enable`).send({ version }).expect(200)).body.version;
      const sizeBeforeNoop = await outboxSize(api);
      version = (await as('post', `/org/people/${id}/enable`).send({ version }).expect(200)).body.version;
      expect(await outboxSize(api)).toBe(sizeBeforeNoop);
      await as('post', `/org/people/${id}/leave`).send({ version }).expect(200);

      const rows = await eventsOf(api, id);
      expectGaplessSequences(rows);
      const renamed = { ...snapshot, name: '事件人甲', email: null, departmentId: sales };
      const posted = { ...renamed, partTimePosts: [{ departmentId: ops, positionId: salesRep }] };
      expect(rows.map((row) => [row.type, row.payload])).toEqual([
        ['org.person.hired', snapshot],
        ['org.person.changed', { ...renamed, changed: ['name', 'email', 'departmentId'] }],
        ['org.person.changed', { ...posted, changed: ['partTimePosts'] }],
        ['org.person.status-changed', { personId: id, status: 'disabled', previousStatus: 'active' }],
        ['org.person.status-changed', { personId: id, status: 'active', previousStatus: 'disabled' }],
        ['org.person.status-changed', { personId: id, status: 'left', previousStatus: 'active' }],
      ]);
      expect(await snapshotViaApi(id)).toEqual({ ...posted, status: 'left' });
      expect((await eventsOf(api, subordinate.id)).map((row) => [row.type, row.payload.managerId])).toEqual([['org.person.hired', id]]);
    });

    it('numbers concurrent changes of one person in commit order, each reporting its own change', async () => {
      const id = await personId(api, 'liu.yang');
      const codes = ['SALES', 'FIN', 'PROD', 'SALES-EAST'];
      const targets = await Promise.all(codes.map((code) => departmentId(api, code)));
      const before = (await eventsOf(api, id)).length;
      const answers = await Promise.all(targets.map((target) => as('put', `/org/people/${id}/posts`).send({ posts: [{ departmentId: target }] })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      const rows = (await eventsOf(api, id)).slice(before);
      expectGaplessSequences(await eventsOf(api, id));
      // Each writer saw the posts its predecessor committed: every event has exactly the
      // one post its request set, and the last one is what the database holds.
      expect(rows.map((row) => row.payload.changed)).toEqual(Array(4).fill(['partTimePosts']));
      expect(rows.map((row) => (row.payload.partTimePosts as unknown[]).length)).toEqual([1, 1, 1, 1]);
      expect(new Set(rows.map((row) => (row.payload.partTimePosts as Array<{ departmentId: string }>)[0].departmentId))).toEqual(new Set(targets));
      expect(rows[3].payload).toEqual({ ...(await snapshotViaApi(id)), changed: ['partTimePosts'] });
    });
  });

  describe('bulk import', () => {
    const upload = (path: string, body: string) => as('post', `/org/import/${path}`).set('content-type', 'text/csv').send(body);

    /** The exported CSV as lines of cells by column, to edit and import back. */
    async function exported(path: string): Promise<{ header: string; rows: Array<Record<string, string>> }> {
      const text = (await as('get', `/org/export/${path}?format=csv`).expect(200)).text.replace(/^\uFEFF/, '');
      const [header, ...lines] = text.split('\r\n').filter(Boolean);
      const columns = header.split(',');
      return { header, rows: lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell]))) };
    }
    const csv = (header: string, rows: Array<Record<string, string>>): string => [header, ...rows.map((row) => header.split(',').map((column) => row[column] ?? '').join(','))].join('\n');

    it('emits for every person a good import creates or changes, and nothing for a refused file', async () => {
      const people = await exported('people');
      const row = (username: string) => people.rows.find((person) => person.username === username) as Record<string, string>;
      const renamed = { ...row('he.jun'), name: '何军军', positionCode: 'CLERK' };
      const leaving = { ...row('xu.na'), status: 'left' };
      const unchanged = row('gao.feng');
      const newcomer = { employeeNo: 'EV200', name: '导入甲', username: 'ev.import.a', departmentCode: 'OPS', positionCode: 'CLERK', managerEmployeeNo: row('manager').employeeNo, hireDate: '2026-04-01' };
      const follower = { employeeNo: 'EV201', name: '导入乙', username: 'ev.import.b', email: 'ev.b@example.com', departmentCode: 'OPS', managerEmployeeNo: 'EV200', status: 'disabled' };

      const size = await outboxSize(api);
      const refused = await upload('people', csv(people.header, [renamed, newcomer, { ...follower, hireDate: '2026-02-30' }])).expect(422);
      expect(refused.body.code).toBe('org.import-rejected');
      expect(await outboxSize(api)).toBe(size);

      expect((await upload('people', csv(people.header, [renamed, leaving, unchanged, newcomer, follower])).expect(200)).body).toEqual({ created: 2, updated: 2, unchanged: 1 });
      const written = await sql<OutboxRow>(api, `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event ORDER BY id OFFSET $1`, [size]);
      expect(written).toHaveLength(4);
      const [heJun, xuNa, a, b] = await Promise.all(['he.jun', 'xu.na', 'ev.import.a', 'ev.import.b'].map((username) => personId(api, username)));
      expect(written.map((event) => [event.type, event.aggregate_id])).toEqual([
        ['org.person.changed', heJun],
        ['org.person.status-changed', xuNa],
        ['org.person.hired', a],
        ['org.person.hired', b],
      ]);
      expect(written[0].payload).toEqual({ ...(await snapshotViaApi(heJun)), changed: ['name', 'positionId'] });
      expect(written[0].sequence).toBe(2);
      expect(written[1].payload).toEqual({ personId: xuNa, status: 'left', previousStatus: 'active' });
      expect(written[2].payload).toEqual(await snapshotViaApi(a));
      expect(written[2].payload).toMatchObject({ managerId: await personId(api, 'manager'), hireDate: '2026-04-01', status: 'active', email: null });
      expect(written[3].payload).toEqual(await snapshotViaApi(b));
      expect(written[3].payload).toMatchObject({ managerId: a, status: 'disabled', email: 'ev.b@example.com' });
      expect(written.every((event) => event.actor_id === adminId)).toBe(true);
    });

    it('emits created, changed and moved for a department import, and nothing for a refused one', async () => {
      const departments = await exported('departments');
      const row = (code: string) => departments.rows.find((department) => department.code === code) as Record<string, string>;
      const size = await outboxSize(api);
      const loop = [
        { code: 'EV-L1', name: '环一', parentCode: 'EV-L2' },
        { code: 'EV-L2', name: '环二', parentCode: 'EV-L1' },
      ];
      await upload('departments', csv(departments.header, [row('FIN'), ...loop])).expect(422);
      expect(await outboxSize(api)).toBe(size);

      const east = { ...row('SALES-EAST'), name: '华东大区', parentCode: 'HQ' };
      const fresh = { code: 'EV-IMP', name: '导入部', parentCode: 'SALES-EAST', leaderEmployeeNo: row('SALES').leaderEmployeeNo };
      expect((await upload('departments', csv(departments.header, [fresh, east, row('FIN')])).expect(200)).body).toEqual({ created: 1, updated: 1, unchanged: 1 });
      const [eastId, freshId, hq, sales] = await Promise.all(['SALES-EAST', 'EV-IMP', 'HQ', 'SALES'].map((code) => departmentId(api, code)));
      const eastRows = await eventsOf(api, eastId);
      expectGaplessSequences(eastRows);
      expect(eastRows.slice(1).map((event) => [event.type, event.payload])).toEqual([
        [
          'org.department.changed',
          { departmentId: eastId, code: 'SALES-EAST', name: '华东大区', parentId: hq, leaderId: await personId(api, 'zhou.qiang'), deputyId: null, status: 'active', changed: ['name'] },
        ],
        ['org.department.moved', { departmentId: eastId, parentId: hq, previousParentId: sales }],
      ]);
      expect(await eventsOf(api, freshId)).toEqual([
        expect.objectContaining({
          type: 'org.department.created',
          sequence: 1,
          payload: { departmentId: freshId, code: 'EV-IMP', name: '导入部', parentId: eastId, leaderId: await personId(api, 'salesmgr'), deputyId: null, status: 'active' },
        }),
      ]);
      // FIN was in the file unchanged: three events in all, none for it.
      expect(await outboxSize(api)).toBe(size + 3);
    });
  });
});

describe('first run without demo data', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET, ADMIN_INITIAL_PASSWORD: 'a strong admin password 2026' } });
  });
  afterAll(async () => api.close());

  it('announces the first department and the administrator it creates', async () => {
    const rows = await sql<OutboxRow>(api, `SELECT ${OUTBOX_COLUMNS} FROM platform.outbox_event ORDER BY id`);
    const hq = await departmentId(api, 'HQ');
    const admin = await personId(api, 'admin');
    expect(rows.map((row) => [row.type, row.aggregate_id, row.sequence, row.actor_id])).toEqual([
      ['org.department.created', hq, 1, null],
      ['org.person.hired', admin, 1, null],
    ]);
    expect(rows[0].payload).toEqual({ departmentId: hq, code: 'HQ', name: '总部', parentId: null, leaderId: null, deputyId: null, status: 'active' });
    expect(rows[1].payload).toEqual({
      personId: admin,
      employeeNo: 'ADMIN',
      name: '系统管理员',
      username: 'admin',
      email: null,
      mobile: null,
      departmentId: hq,
      positionId: null,
      managerId: null,
      hireDate: null,
      status: 'active',
      partTimePosts: [],
    });
    await signIn(api, 'admin', 'a strong admin password 2026');
  });
});
