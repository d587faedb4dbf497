import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { departmentId, startDemoApi } from './org-fixtures.js';
import { act, approval, approveAs, chain, completedEvents, OaPeople, openTaskOf, publishType, statusOf, submit, tasksOf } from './oa-fixtures.js';

/**
 * The engine over HTTP on real PostgreSQL: every node type, approver rule,
 * multi-approver mode and task action, on the demo company (李明 employee in 综合管理部
 * led by 王芳 manager, who reports to 陈建国 gm).
 */
describe('OA approval engine', () => {
  let api: TestApi;
  let people: OaPeople;
  let admin: string;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
    admin = await people.id('admin');
  });
  afterAll(async () => api?.close());

  const ids = async (...usernames: string[]): Promise<string[]> => Promise.all(usernames.map((username) => people.id(username)));

  describe('multi-approver modes', () => {
    it('all (会签): every approver must approve, then the request is approved once', async () => {
      const type = await publishType(api, people, { adminId: admin, first: approval('sign', { kind: 'people', personIds: await ids('manager', 'hr') }, { mode: 'all' }) });
      const id = await submit(api, people, 'employee', type);
      expect((await tasksOf(api, id)).map((task) => [task.assignee, task.status])).toEqual([
        ['manager', 'open'],
        ['hr', 'open'],
      ]);
      await approveAs(api, people, 'manager', id);
      expect(await statusOf(api, id)).toBe('running');
      await approveAs(api, people, 'hr', id);
      expect(await statusOf(api, id)).toBe('approved');
      const events = await completedEvents(api, id);
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({ instanceId: id, outcome: 'approved', businessType: null, byId: await people.id('hr') });
    });

    it('any (或签): the first approval decides and the other tasks close', async () => {
      const type = await publishType(api, people, { adminId: admin, first: approval('or', { kind: 'people', personIds: await ids('manager', 'hr') }, { mode: 'any' }) });
      const id = await submit(api, people, 'employee', type);
      await approveAs(api, people, 'hr', id);
      expect(await statusOf(api, id)).toBe('approved');
      expect((await tasksOf(api, id)).map((task) => [task.assignee, task.status])).toEqual([
        ['manager', 'cancelled'],
        ['hr', 'approved'],
      ]);
    });

    it('sequential (依次): one after another in order', async () => {
      const type = await publishType(api, people, { adminId: admin, first: approval('seq', { kind: 'people', personIds: await ids('hr', 'manager') }, { mode: 'sequential' }) });
      const id = await submit(api, people, 'employee', type);
      expect((await tasksOf(api, id)).map((task) => [task.assignee, task.status])).toEqual([
        ['hr', 'open'],
        ['manager', 'waiting'],
      ]);
      // Not their turn yet: the waiting task is not open.
      const waiting = (await tasksOf(api, id))[1].id;
      expect((await act(api, people, 'manager', waiting, 'approve')).status).toBe(409);
      await approveAs(api, people, 'hr', id);
      expect((await tasksOf(api, id))[1].status).toBe('open');
      await approveAs(api, people, 'manager', id);
      expect(await statusOf(api, id)).toBe('approved');
    });

    it('percentage: a share of the approvers decides', async () => {
      const type = await publishType(api, people, {
        adminId: admin,
        first: approval('share', { kind: 'people', personIds: await ids('manager', 'hr', 'liu.yang') }, { mode: 'percentage', percentage: 60 }),
      });
      const id = await submit(api, people, 'employee', type);
      await approveAs(api, people, 'manager', id);
      expect(await statusOf(api, id)).toBe('running');
      await approveAs(api, people, 'liu.yang', id);
      expect(await statusOf(api, id)).toBe('approved');
      expect((await tasksOf(api, id)).find((task) => task.assignee === 'hr')?.status).toBe('cancelled');
    });
  });

  describe('approver rules', () => {
    it('the department leader, the manager chain, a role, a position, a form field, the applicant', async () => {
      const [managerId, gmId, hrId] = await ids('manager', 'gm', 'hr');
      const [clerk] = await Promise.all([
        request(api.url).get('/api/v1/org/positions').set('authorization', admin ? await people.token('admin') : '').expect(200),
      ]);
      const clerkPosition = (clerk.body as Array<{ id: string; code: string }>).find((position) => position.code === 'HR')?.id as string;
      const type = await publishType(api, people, {
        adminId: admin,
        first: chain(
          approval('leader', { kind: 'department-leader', levelsUp: 0 }),
          approval('chain', { kind: 'manager-chain', levels: 2 }, { mode: 'sequential' }),
          approval('role', { kind: 'role', roleCode: 'hr' }),
          approval('position', { kind: 'position', positionId: clerkPosition, where: 'applicant-department' }),
          approval('field', { kind: 'form-field', field: 'approver' }),
          approval('dept', { kind: 'form-field', field: 'dept' }),
          approval('self', { kind: 'applicant' }),
        ),
      });
      const id = await submit(api, people, 'employee', type, { reason: '规则', approver: gmId, dept: await departmentId(api, 'FIN') });
      const approveNode = async (username: string): Promise<void> => approveAs(api, people, username, id);
      await approveNode('manager');
      await approveNode('manager');
      await approveNode('gm');
      await approveNode('hr');
      await approveNode('hr');
      await approveNode('gm');
      await approveNode('cfo');
      await approveNode('employee');
      expect(await statusOf(api, id)).toBe('approved');
      expect((await tasksOf(api, id)).map((task) => `${task.node_id}:${task.assignee}`)).toEqual([
        'leader:manager',
        'chain:manager',
        'chain:gm',
        'role:hr',
        'position:hr',
        'field:gm',
        'dept:cfo',
        'self:employee',
      ]);
      expect([managerId, hrId]).toHaveLength(2);
    });

    it('chosen by the previous approver: the approve action names them, and must', async () => {
      const type = await publishType(api, people, {
        adminId: admin,
        first: chain(approval('first', { kind: 'people', personIds: await ids('manager') }), approval('chosen', { kind: 'chosen-by-previous' })),
      });
      const id = await submit(api, people, 'employee', type);
      const task = await openTaskOf(api, id, 'manager');
      const view = await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token('manager')).expect(200);
      expect(view.body.actions.find((action: { action: string }) => action.action === 'approve')).toEqual({ action: 'approve', taskId: task, needsNextApprovers: true });
      const missing = await act(api, people, 'manager', task, 'approve');
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([{ field: 'nextApproverIds', message: 'choose the approvers of the next step' }]);
      expect((await act(api, people, 'manager', task, 'approve', { nextApproverIds: await ids('finance') })).status).toBe(200);
      await approveAs(api, people, 'finance', id);
      expect(await statusOf(api, id)).toBe('approved');
    });

    it('nobody found: skip the node, send it to the process admin, or refuse the submission naming the node', async () => {
      const skip = await publishType(api, people, { adminId: admin, first: chain(approval('nobody', { kind: 'role', roleCode: 'no-such-role' }, { whenEmpty: 'skip' }), approval('then', { kind: 'people', personIds: await ids('manager') })) });
      const skipped = await submit(api, people, 'employee', skip);
      expect((await tasksOf(api, skipped)).map((task) => task.node_id)).toEqual(['then']);
      const toAdmin = await publishType(api, people, { adminId: admin, first: approval('nobody', { kind: 'role', roleCode: 'no-such-role' }, { whenEmpty: 'admin' }) });
      const adminTask = await submit(api, people, 'employee', toAdmin);
      expect((await tasksOf(api, adminTask)).map((task) => [task.assignee, task.origin])).toEqual([['admin', 'admin']]);
      const refuse = await publishType(api, people, { adminId: admin, first: approval('nobody', { kind: 'role', roleCode: 'no-such-role' }, { whenEmpty: 'refuse', name: '无人节点' }) });
      const refused = await request(api.url).post('/api/v1/oa/requests').set('authorization', await people.token('employee')).send({ requestTypeId: refuse, formData: { reason: 'x' } });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ field: 'route.nobody', message: 'nobody can approve "无人节点" for this request' }]);
    });

    it('automatic approval of the applicant and of someone who approved before, recorded as automatic', async () => {
      const type = await publishType(api, people, {
        adminId: admin,
        autoApproveApplicant: true,
        autoApproveRepeated: true,
        first: chain(approval('one', { kind: 'people', personIds: await ids('employee', 'manager') }), approval('two', { kind: 'department-leader', levelsUp: 0 }), approval('three', { kind: 'people', personIds: await ids('hr') })),
      });
      const id = await submit(api, people, 'employee', type);
      await approveAs(api, people, 'manager', id);
      expect((await tasksOf(api, id)).map((task) => [task.node_id, task.assignee, task.status, task.auto])).toEqual([
        ['one', 'employee', 'approved', true],
        ['one', 'manager', 'approved', false],
        ['two', 'manager', 'approved', true],
        ['three', 'hr', 'open', false],
      ]);
      const view = await request(api.url).get(`/api/v1/oa/requests/${id}`).set('authorization', await people.token('employee')).expect(200);
      expect(view.body.history.filter((entry: { action: string }) => entry.action === 'auto-approve').map((entry: { detail: { reason: string } }) => entry.detail.reason)).toEqual(['applicant', 'repeated']);
    });
  });

  describe('node types', () => {
    it('condition routes take the first matching branch, else the default; CC nodes copy and go on; parallel branches join once', async () => {
      const [managerId, hrId, financeId, gmId] = await ids('manager', 'hr', 'finance', 'gm');
      const type = await publishType(api, people, {
        adminId: admin,
        first: chain(
          {
            id: 'route',
            name: '距离',
            type: 'condition',
            branches: [
              { id: 'far', name: '远途', condition: { '>': [{ var: 'form.distance' }, 100] }, next: approval('far-ok', { kind: 'people', personIds: [gmId] }) },
              { id: 'near', name: '其他', condition: null, next: null },
            ],
          },
          { id: 'copy', name: '抄送', type: 'cc', recipients: { kind: 'people', personIds: [financeId] } },
          {
            id: 'par',
            name: '并行',
            type: 'parallel',
            branches: [
              { id: 'p1', name: '一', next: approval('p1-a', { kind: 'people', personIds: [managerId] }) },
              { id: 'p2', name: '二', next: approval('p2-a', { kind: 'people', personIds: [hrId] }) },
            ],
          },
          approval('last', { kind: 'people', personIds: await ids('cfo') }),
        ),
      });
      const near = await submit(api, people, 'employee', type, { reason: '近', distance: 20 });
      expect((await tasksOf(api, near)).map((task) => task.node_id)).toEqual(['p1-a', 'p2-a']);
      const finance = await people.token('finance');
      const cc = await request(api.url).get('/api/v1/oa/requests?box=cc').set('authorization', finance).expect(200);
      expect(cc.body.items.map((item: { id: string; unread: boolean }) => [item.id, item.unread])).toContainEqual([near, true]);
      await approveAs(api, people, 'hr', near);
      expect((await tasksOf(api, near)).map((task) => task.node_id)).toEqual(['p1-a', 'p2-a']);
      await approveAs(api, people, 'manager', near);
      expect((await tasksOf(api, near)).map((task) => task.node_id)).toEqual(['p1-a', 'p2-a', 'last']);
      await approveAs(api, people, 'cfo', near);
      expect(await statusOf(api, near)).toBe('approved');
      expect(await completedEvents(api, near)).toHaveLength(1);

      const far = await submit(api, people, 'employee', type, { reason: '远', distance: 150 });
      expect((await tasksOf(api, far)).map((task) => task.node_id)).toEqual(['far-ok']);
      const view = await request(api.url).get(`/api/v1/oa/requests/${far}`).set('authorization', await people.token('employee')).expect(200);
      expect(view.body.route.map((node: { nodeId: string; status: string }) => `${node.nodeId}:${node.status}`)).toEqual([
        'start:done',
        'far-ok:current',
        'copy:pending',
        'p1-a:pending',
        'p2-a:pending',
        'last:pending',
      ]);
    });
  });
});
