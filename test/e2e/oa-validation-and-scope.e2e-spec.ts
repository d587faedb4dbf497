import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { OaFormSchema } from '@zhongshu/contracts';
import type { TestApi } from '../harness/test-api.js';
import { departmentId, sql, startDemoApi } from './org-fixtures.js';
import { approval, OaPeople, publishType, submit } from './oa-fixtures.js';

const FORM: OaFormSchema = {
  fields: [
    { key: 'subject', label: '事项', type: 'text', required: true },
    { key: 'owner', label: '负责人', type: 'person' },
    { key: 'dept', label: '部门', type: 'department' },
    { key: 'files', label: '附件', type: 'attachment' },
    {
      key: 'lines',
      label: '明细',
      type: 'table',
      columns: [
        { key: 'item', label: '项目', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'money', required: true, max: '10000.00' },
      ],
    },
  ],
};

describe('OA validation over HTTP and who may read what', () => {
  let api: TestApi;
  let people: OaPeople;
  let admin: string;
  let type: string;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
    admin = await people.id('admin');
    type = await publishType(api, people, { adminId: admin, form: FORM, first: approval('one', { kind: 'department-leader', levelsUp: 0 }) });
  });
  afterAll(async () => api?.close());

  const post = async (username: string, formData: Record<string, unknown>) =>
    request(api.url).post('/api/v1/oa/requests').set('authorization', await people.token(username)).send({ requestTypeId: type, formData });

  describe('form data', () => {
    it('field errors come back as problem+json with paths the form block places', async () => {
      const bad = await post('employee', { subject: '', lines: [{ item: 'a', amount: '1.00' }, { item: 'b', amount: '2.00' }, { item: 'c', amount: '12000.00' }], secret: 1 });
      expect(bad.status).toBe(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.code).toBe('oa.invalid-form');
      expect(bad.body.errors).toEqual([
        { field: 'formData.secret', message: 'is not a field of this form' },
        { field: 'formData.subject', message: 'is required' },
      ]);
      const money = await post('employee', { subject: 'x', lines: [{ item: 'a', amount: '1.00' }, { item: 'b', amount: '2.00' }, { item: 'c', amount: '12000.00' }] });
      expect(money.body.errors).toEqual([{ field: 'formData.lines[2].amount', message: 'must be at most 10000.00' }]);
      const number = await post('employee', { subject: 'x', lines: [{ item: 'a', amount: 5 }] });
      expect(number.body.errors).toEqual([{ field: 'formData.lines[0].amount', message: 'must be string' }]);
    });

    it('people who left, unknown departments and files not uploaded by the applicant read as missing ids', async () => {
      const [gone] = await sql<{ id: string }>(api, `UPDATE org.person SET status = 'left' WHERE username = 'deng.kai' RETURNING id`);
      const upload = await request(api.url).post('/api/v1/platform/files').query({ name: 'a.png' }).set('authorization', await people.token('manager')).set('content-type', 'application/octet-stream').send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]));
      expect(upload.status).toBe(201);
      expect(upload.body.contentType).toBe('image/png');
      const unknownDept = '019ab000-0000-7000-8000-00000000dead';
      const bad = await post('employee', { subject: 'x', owner: gone.id, dept: unknownDept, files: [{ id: upload.body.id, name: 'a.png', size: 9 }] });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([
        { field: 'formData.owner', message: `person ${gone.id} does not exist` },
        { field: 'formData.dept', message: `department ${unknownDept} does not exist` },
        { field: 'formData.files[0]', message: `file ${upload.body.id} does not exist` },
      ]);
      // The applicant's own upload is fine, and the stored value is the server's record of it.
      const own = await request(api.url).post('/api/v1/platform/files').query({ name: '报价.pdf' }).set('authorization', await people.token('employee')).set('content-type', 'application/octet-stream').send(Buffer.from('%PDF-1.4 x', 'latin1'));
      const good = await post('employee', { subject: 'x', owner: await people.id('hr'), dept: await departmentId(api, 'OPS'), files: [{ id: own.body.id, name: 'renamed.exe', size: 1 }] });
      expect(good.status).toBe(201);
      const [row] = await sql<{ form_data: { files: unknown[] } }>(api, 'SELECT form_data FROM oa.request WHERE id = $1', [good.body.id]);
      expect(row.form_data.files).toEqual([{ id: own.body.id, name: '报价.pdf', size: 10 }]);
    });

    it('uploads: the type is read from the bytes, and a file whose bytes do not match its name is refused', async () => {
      const fake = await request(api.url).post('/api/v1/platform/files').query({ name: 'invoice.pdf' }).set('authorization', await people.token('employee')).set('content-type', 'application/octet-stream').send(Buffer.from('MZ\x90\x00', 'latin1'));
      expect(fake.status).toBe(415);
      const exe = await request(api.url).post('/api/v1/platform/files').query({ name: 'tool.exe' }).set('authorization', await people.token('employee')).set('content-type', 'application/octet-stream').send(Buffer.from('MZ', 'latin1'));
      expect(exe.status).toBe(415);
    });
  });

  describe('publishing', () => {
    it('refuses a bad process with node-level errors; a stale draft is a 409; running requests keep their version', async () => {
      const created = await request(api.url)
        .post('/api/v1/oa/request-types')
        .set('authorization', await people.token('admin'))
        .send({
          code: 'pub-check',
          name: '发布检查',
          category: '测试',
          form: { fields: [{ key: 'amount', label: '金额', type: 'money' }] },
          process: {
            settings: { adminId: admin, autoApproveRepeated: false, autoApproveApplicant: false },
            start: {
              id: 'start',
              name: '发起',
              type: 'start',
              next: {
                id: 'route',
                name: '金额',
                type: 'condition',
                branches: [
                  { id: 'big', name: '大额', condition: { '>': [{ var: 'form.total' }, 1] }, next: { id: 'cfo', name: 'CFO', type: 'approval', approvers: { kind: 'form-field', field: 'amount' }, mode: 'all', whenEmpty: 'skip' } },
                  { id: 'small', name: '小额', condition: { '<': [{ var: 'form.amount' }, 1] } },
                ],
                next: { id: 'cfo', name: '重复', type: 'robot' },
              },
            },
          },
        })
        .expect(201);
      const refused = await request(api.url).post(`/api/v1/oa/request-types/${created.body.id}/publish`).set('authorization', await people.token('admin')).send({});
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([
        { field: 'process.route', message: 'a condition route needs exactly one default branch (one without a condition); it has 0' },
        { field: 'process.big', message: 'the condition refers to "form.total", which is neither a field of the form nor an applicant fact' },
        { field: 'process.cfo', message: 'the rule "form-field" names "amount", which is a money field, not a person or department field' },
        { field: 'process.cfo', message: 'the id cfo is used by more than one node or branch' },
        { field: 'process.cfo', message: 'unknown node type "robot"' },
      ]);
      const draft = created.body;
      const fixed = await request(api.url)
        .patch(`/api/v1/oa/request-types/${draft.id}`)
        .set('authorization', await people.token('admin'))
        .send({ version: draft.version, process: { settings: draft.process.settings, start: { id: 'start', name: '发起', type: 'start', next: approval('one', { kind: 'department-leader', levelsUp: 0 }) } } });
      expect(fixed.status).toBe(200);
      const stale = await request(api.url).patch(`/api/v1/oa/request-types/${draft.id}`).set('authorization', await people.token('admin')).send({ version: draft.version, name: '旧版' });
      expect(stale.status).toBe(409);
      await request(api.url).post(`/api/v1/oa/request-types/${draft.id}/publish`).set('authorization', await people.token('admin')).send({ version: fixed.body.version }).expect(200);
      const running = await submit(api, people, 'employee', draft.id, {});
      const current = (await request(api.url).get(`/api/v1/oa/request-types/${draft.id}`).set('authorization', await people.token('admin')).expect(200)).body;
      await request(api.url)
        .patch(`/api/v1/oa/request-types/${draft.id}`)
        .set('authorization', await people.token('admin'))
        .send({ version: current.version, process: { ...current.process, start: { ...current.process.start, next: approval('two', { kind: 'people', personIds: [await people.id('cfo')] }) } } })
        .expect(200);
      await request(api.url).post(`/api/v1/oa/request-types/${draft.id}/publish`).set('authorization', await people.token('admin')).send({}).expect(200);
      const versions = await request(api.url).get(`/api/v1/oa/request-types/${draft.id}/versions`).set('authorization', await people.token('admin')).expect(200);
      expect(versions.body.map((version: { versionNo: number }) => version.versionNo)).toEqual([2, 1]);
      const detail = (await request(api.url).get(`/api/v1/oa/requests/${running}`).set('authorization', await people.token('employee')).expect(200)).body;
      expect(detail.versionNo).toBe(1);
      expect(detail.route.map((node: { nodeId: string }) => node.nodeId)).toEqual(['start', 'one']);
      // Archived: no longer in the catalogue, no new requests.
      await request(api.url).post(`/api/v1/oa/request-types/${draft.id}/archive`).set('authorization', await people.token('admin')).send({}).expect(200);
      const catalogue = (await request(api.url).get('/api/v1/oa/catalogue').set('authorization', await people.token('employee')).expect(200)).body;
      expect(catalogue.flatMap((category: { types: Array<{ id: string }> }) => category.types.map((entry) => entry.id))).not.toContain(draft.id);
      expect((await request(api.url).post('/api/v1/oa/requests').set('authorization', await people.token('employee')).send({ requestTypeId: draft.id, formData: {} })).status).toBe(404);
    });

    it('who may use a type: the catalogue and submitting follow it', async () => {
      const sales = await departmentId(api, 'SALES');
      const limited = await publishType(api, people, { adminId: admin, availableTo: { everyone: false, departmentIds: [sales], roleCodes: ['finance'] }, first: approval('one', { kind: 'department-leader', levelsUp: 0 }) });
      const offered = async (username: string) =>
        ((await request(api.url).get('/api/v1/oa/catalogue').set('authorization', await people.token(username)).expect(200)).body as Array<{ types: Array<{ id: string }> }>).flatMap((category) => category.types.map((entry) => entry.id));
      expect(await offered('sales')).toContain(limited);
      expect(await offered('finance')).toContain(limited);
      expect(await offered('employee')).not.toContain(limited);
      expect((await request(api.url).post('/api/v1/oa/requests').set('authorization', await people.token('employee')).send({ requestTypeId: limited, formData: {} })).status).toBe(404);
    });
  });

  it('a position’s 职级 (level) is kept by the positions API and read by conditions as applicant.level', async () => {
    const adminToken = await people.token('admin');
    const created = await request(api.url).post('/api/v1/org/positions').set('authorization', adminToken).send({ code: 'SENIOR-CLERK', name: '高级专员', level: 5 });
    expect(created.status).toBe(201);
    expect(created.body.level).toBe(5);
    const changed = await request(api.url).patch(`/api/v1/org/positions/${created.body.id}`).set('authorization', adminToken).send({ version: created.body.version, level: 6 }).expect(200);
    expect(changed.body.level).toBe(6);
    expect((await request(api.url).patch(`/api/v1/org/positions/${created.body.id}`).set('authorization', adminToken).send({ version: changed.body.version, level: 100 })).status).toBe(400);
    await sql(api, `UPDATE org.person SET position_id = $1 WHERE username = 'liu.yang'`, [created.body.id]);
    const graded = await publishType(api, people, {
      adminId: admin,
      first: {
        id: 'grade',
        name: '职级',
        type: 'condition',
        branches: [
          { id: 'senior', name: '六级以上', condition: { '>=': [{ var: 'applicant.level' }, 6] }, next: approval('gm', { kind: 'people', personIds: [await people.id('gm')] }) },
          { id: 'other', name: '其他', condition: null, next: approval('leader', { kind: 'department-leader', levelsUp: 0 }) },
        ],
      },
    });
    const senior = await submit(api, people, 'liu.yang', graded);
    const junior = await submit(api, people, 'employee', graded);
    const nodes = async (id: string) => (await sql<{ node_id: string }>(api, 'SELECT node_id FROM oa.task WHERE request_id = $1', [id])).map((row) => row.node_id);
    expect(await nodes(senior)).toEqual(['gm']);
    expect(await nodes(junior)).toEqual(['leader']);
  });

  it('the demo: four published types, 合同审批 bound to crm.contract, and 李明’s requests in every state', async () => {
    const types = await sql<{ code: string; published_version: number }>(api, `SELECT code, published_version FROM oa.request_type WHERE code IN ('general', 'vehicle', 'seal', 'contract') ORDER BY code`);
    expect(types).toEqual(['contract', 'general', 'seal', 'vehicle'].map((code) => ({ code, published_version: 1 })));
    const states = await sql<{ status: string }>(
      api,
      `SELECT DISTINCT r.status FROM oa.request r JOIN oa.request_type t ON t.id = r.request_type_id WHERE t.code IN ('general', 'vehicle', 'seal', 'contract') ORDER BY r.status`,
    );
    expect(states.map((row) => row.status)).toEqual(['approved', 'cancelled', 'rejected', 'returned', 'running', 'withdrawn']);
    const todo = (await request(api.url).get('/api/v1/oa/tasks?box=todo').set('authorization', await people.token('manager')).expect(200)).body.items;
    expect(todo.map((item: { request: { requestType: { code: string } } }) => item.request.requestType.code)).toContain('general');
    // Each of the demo's two people has something in every box: 王芳 a copy and a request of her own, 李明 a copy.
    const box = async (username: string, name: string) =>
      (await request(api.url).get(`/api/v1/oa/requests?box=${name}&pageSize=100`).set('authorization', await people.token(username)).expect(200)).body.items as Array<{ requestType: { code: string }; status: string }>;
    expect((await box('manager', 'cc')).map((item) => item.requestType.code)).toContain('general');
    expect((await box('manager', 'mine')).map((item) => [item.requestType.code, item.status])).toContainEqual(['seal', 'running']);
    expect((await box('employee', 'cc')).map((item) => item.requestType.code)).toContain('seal');
    expect((await box('employee', 'mine')).map((item) => item.status)).toEqual(expect.arrayContaining(['running', 'approved', 'rejected', 'returned', 'withdrawn', 'cancelled']));
    const [binding] = await sql<{ business_type: string }>(api, 'SELECT business_type FROM oa.business_binding');
    expect(binding.business_type).toBe('crm.contract');
  });

  describe('data scope on a request and the lists', () => {
    it('participants and oa:request:read within scope read a request; anyone else gets 404', async () => {
      const mine = await submit(api, people, 'employee', type, { subject: '李明的' });
      const theirs = await submit(api, people, 'sales', type, { subject: '孙丽的' });
      const read = async (username: string, id: string) => (await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token(username))).status;
      // 王芳 leads 综合管理部 (the approver) and holds oa:request:read for her department and below.
      expect(await read('manager', mine)).toBe(200);
      expect(await read('manager', theirs)).toBe(404);
      // 张伟 approves 孙丽's and reads within 销售部.
      expect(await read('salesmgr', theirs)).toBe(200);
      expect(await read('salesmgr', mine)).toBe(404);
      // 刘洋 is an employee of the same department without oa:request:read.
      expect(await read('liu.yang', mine)).toBe(404);
      expect(await read('admin', mine)).toBe(200);
      const all = async (username: string) => request(api.url).get('/api/v1/oa/requests?box=all&pageSize=100').set('authorization', await people.token(username));
      const managerAll = (await all('manager')).body.items.map((item: { id: string }) => item.id);
      expect(managerAll).toContain(mine);
      expect(managerAll).not.toContain(theirs);
      const salesAll = (await all('salesmgr')).body.items.map((item: { id: string }) => item.id);
      expect(salesAll).toContain(theirs);
      expect(salesAll).not.toContain(mine);
      expect((await all('liu.yang')).status).toBe(403);
      const mineBox = (await request(api.url).get('/api/v1/oa/requests?box=mine&pageSize=100').set('authorization', await people.token('sales')).expect(200)).body.items.map((item: { id: string }) => item.id);
      // 孙丽's own (the demo has her leave there too), never 李明's.
      expect(mineBox).toContain(theirs);
      expect(mineBox).not.toContain(mine);
      const [{ foreign }] = await sql<{ foreign: number }>(api, `SELECT count(*)::int AS foreign FROM oa.request WHERE id = ANY($1::uuid[]) AND applicant_id <> $2`, [mineBox, await people.id('sales')]);
      expect(foreign).toBe(0);
    });
  });
});
