import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';
import { act, approval, chain, OaPeople, openTaskOf, publishType, submit } from './oa-fixtures.js';

/** What the inbox, request page and pickers read beyond the engine's own tests. */
describe('OA screens: the reads behind the inbox and the request page', () => {
  let api: TestApi;
  let people: OaPeople;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
  });
  afterAll(async () => api?.close());

  it('previews who the applicant must choose, who the approver before chooses later, and the branch taken', async () => {
    const type = await publishType(api, people, {
      adminId: await people.id('admin'),
      first: chain(
        approval('picked', { kind: 'chosen-by-previous' }),
        approval('later', { kind: 'chosen-by-previous' }),
        {
          id: 'far',
          name: '距离',
          type: 'condition',
          branches: [
            { id: 'long', name: '超过 100', condition: { '>': [{ var: 'form.distance' }, 100] }, next: approval('cfo', { kind: 'people', personIds: [await people.id('cfo')] }) },
            { id: 'short', name: '其他', condition: null, next: null },
          ],
          next: null,
        },
      ),
    });
    const preview = await request(api.url)
      .post('/api/v1/oa/requests/preview-route')
      .set('authorization', await people.token('employee'))
      .send({ requestTypeId: type, formData: { reason: '出差', distance: 150 } })
      .expect(200);
    const byId = Object.fromEntries((preview.body.route as Array<{ nodeId: string }>).map((node) => [node.nodeId, node]));
    expect(byId.picked).toMatchObject({ chosenBySubmitter: true, chosenLater: false, people: [] });
    expect(byId.later).toMatchObject({ chosenBySubmitter: false, chosenLater: true });
    expect(byId.cfo).toMatchObject({ chosenBySubmitter: false, branch: { routeId: 'far', branchId: 'long', branchName: '超过 100' }, people: [{ name: '钱慧' }] });
    expect(byId.start).toMatchObject({ chosenBySubmitter: false });
  });

  it('filters the lists by applicant, and names the people a history entry refers to', async () => {
    const cfo = await people.id('cfo');
    const type = await publishType(api, people, { adminId: await people.id('admin'), first: chain(approval('only', { kind: 'people', personIds: [cfo] })) });
    const mine = await submit(api, people, 'employee', type);
    const theirs = await submit(api, people, 'sales', type);

    const todo = async (query: Record<string, string>) =>
      (await request(api.url).get('/api/v1/oa/tasks').query({ box: 'todo', requestTypeId: type, ...query }).set('authorization', await people.token('cfo')).expect(200)).body;
    expect((await todo({})).items.map((task: { request: { id: string } }) => task.request.id).sort()).toEqual([mine, theirs].sort());
    const employeeOnly = await todo({ applicantId: await people.id('employee') });
    expect(employeeOnly.total).toBe(1);
    expect(employeeOnly.items[0].request).toMatchObject({ id: mine, applicant: { name: '李明' } });

    const all = async (query: Record<string, string>) =>
      (await request(api.url).get('/api/v1/oa/requests').query({ box: 'all', requestTypeId: type, ...query }).set('authorization', await people.token('admin')).expect(200)).body;
    expect((await all({ applicantId: await people.id('sales') })).items.map((item: { id: string }) => item.id)).toEqual([theirs]);
    await request(api.url).get('/api/v1/oa/requests').query({ box: 'mine', applicantId: 'not-an-id' }).set('authorization', await people.token('employee')).expect(400);

    // Copied to two people, then transferred: the history names them.
    const task = await openTaskOf(api, mine, 'cfo');
    await request(api.url).post(`/api/v1/oa/requests/${mine}/cc`).set('authorization', await people.token('employee')).send({ personIds: [await people.id('manager'), await people.id('finance')] }).expect(200);
    expect((await act(api, people, 'cfo', task, 'transfer', { toPersonId: await people.id('finance'), comment: '请林静处理' })).status).toBe(200);
    const detail = (await request(api.url).get(`/api/v1/oa/requests/${mine}`).set('authorization', await people.token('employee')).expect(200)).body;
    const cc = detail.history.find((entry: { action: string }) => entry.action === 'cc');
    expect(cc.people.map((person: { name: string }) => person.name).sort()).toEqual(['林静', '王芳'].sort());
    const transfer = detail.history.find((entry: { action: string }) => entry.action === 'transfer');
    expect(transfer).toMatchObject({ comment: '请林静处理', actor: { name: '钱慧' } });
    expect(transfer.people).toEqual(expect.arrayContaining([{ id: cfo, name: '钱慧' }, { id: await people.id('finance'), name: '林静' }]));
    const submitEntry = detail.history.find((entry: { action: string }) => entry.action === 'submit');
    expect(submitEntry.people).toEqual([]);
  });

  it('lets anyone signed in find active colleagues in the directory, names and departments only', async () => {
    const found = await request(api.url).get('/api/v1/org/directory').query({ search: '王芳' }).set('authorization', await people.token('employee')).expect(200);
    expect(found.body.items).toEqual([{ id: await people.id('manager'), name: '王芳', employeeNo: expect.any(String), departmentName: expect.any(String), positionName: expect.any(String) }]);
    // The people list itself stays within the employee's own scope.
    const list = await request(api.url).get('/api/v1/org/people').query({ search: '王芳' }).set('authorization', await people.token('employee')).expect(200);
    expect(list.body.total).toBe(0);
    // Those who left are not offered.
    const leaver = await request(api.url).get('/api/v1/org/people').query({ search: 'gao.feng' }).set('authorization', await people.token('admin')).expect(200);
    await request(api.url).post(`/api/v1/org/people/${leaver.body.items[0].id}/leave`).set('authorization', await people.token('admin')).send({ version: leaver.body.items[0].version }).expect(200);
    const after = await request(api.url).get('/api/v1/org/directory').query({ search: '高峰' }).set('authorization', await people.token('employee')).expect(200);
    expect(after.body.total).toBe(0);
    await request(api.url).get('/api/v1/org/directory').expect(401);
  });

  it("shows org's offboarding dialog what a person would hand over, through the port, as OA will move it", async () => {
    const cfo = await people.id('cfo');
    const type = await publishType(api, people, { adminId: await people.id('admin'), name: '交接测试', first: chain(approval('only', { kind: 'people', personIds: [cfo] })) });
    const id = await submit(api, people, 'employee', type);
    const number = (await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token('employee')).expect(200)).body.number;
    const handover = await request(api.url).get(`/api/v1/org/people/${cfo}/handover`).set('authorization', await people.token('admin')).expect(200);
    const item = handover.body.find((entry: { reference: string }) => entry.reference === number);
    const oaView = await request(api.url).get(`/api/v1/oa/people/${cfo}/open-tasks`).set('authorization', await people.token('admin')).expect(200);
    const task = oaView.body.find((entry: { request: { id: string } }) => entry.request.id === id);
    expect(item).toEqual({ context: 'oa', kind: 'oa.task', id: task.taskId, title: task.request.title, reference: number, step: 'only', link: `/oa/requests/${id}`, movesTo: task.movesTo });
    expect(item.movesTo).not.toBeNull();

    // OA's own handler moves it there when the person leaves (oa-time-and-people: offboarding).
    // Only those who may offboard the person may ask; an unknown person is a 404.
    await request(api.url).get(`/api/v1/org/people/${cfo}/handover`).set('authorization', await people.token('employee')).expect(403);
    await request(api.url).get('/api/v1/org/people/0190a000-0000-7000-8000-000000000999/handover').set('authorization', await people.token('admin')).expect(404);
  });
});

