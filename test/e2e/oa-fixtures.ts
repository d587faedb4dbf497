import request from 'supertest';
import type { OaApprovalNode, OaFormSchema, OaProcessDefinition, OaProcessNode } from '@zhongshu/contracts';
import { newId } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, personId, signIn, sql, type Tokens } from './org-fixtures.js';

export const OA_PASSWORD = 'oa tester password 2026';

/**
 * Signs demo people in for OA tests, keeping their roles: the administrator gives each
 * a password once (hashing is slow, so tokens are kept per test file).
 */
export class OaPeople {
  private readonly tokens = new Map<string, Tokens>();
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly api: TestApi,
    readonly admin: Tokens,
  ) {}

  static async start(api: TestApi): Promise<OaPeople> {
    return new OaPeople(api, await signIn(api, 'admin'));
  }

  async id(username: string): Promise<string> {
    if (!this.ids.has(username)) this.ids.set(username, await personId(this.api, username));
    return this.ids.get(username) as string;
  }

  async token(username: string): Promise<string> {
    if (username === 'admin') return bearer(this.admin);
    const known = this.tokens.get(username);
    if (known) return bearer(known);
    const id = await this.id(username);
    await request(this.api.url).post(`/api/v1/org/people/${id}/password`).set('authorization', bearer(this.admin)).send({ newPassword: OA_PASSWORD }).expect(204);
    const tokens = await signIn(this.api, username, OA_PASSWORD);
    this.tokens.set(username, tokens);
    return bearer(tokens);
  }

  /** Gives a person one more role (by code), keeping theirs. */
  async grantRole(username: string, roleCode: string): Promise<void> {
    const id = await this.id(username);
    const current = (await request(this.api.url).get(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(this.admin)).expect(200)).body as string[];
    await request(this.api.url).put(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(this.admin)).send({ roleCodes: [...new Set([...current, roleCode])] }).expect(200);
    this.tokens.delete(username);
  }
}

export const approval = (id: string, approvers: OaApprovalNode['approvers'], extra: Partial<OaApprovalNode> = {}): OaApprovalNode => ({
  id,
  name: extra.name ?? id,
  type: 'approval',
  approvers,
  mode: 'all',
  whenEmpty: 'skip',
  next: null,
  ...extra,
});

/** Chains nodes: each one's next is the following one. */
export function chain(...nodes: OaProcessNode[]): OaProcessNode | null {
  for (let index = 0; index + 1 < nodes.length; index++) nodes[index].next = nodes[index + 1];
  return nodes[0] ?? null;
}

export interface TypeSpec {
  form?: OaFormSchema;
  first: OaProcessNode | null;
  adminId: string;
  autoApproveRepeated?: boolean;
  autoApproveApplicant?: boolean;
  availableTo?: { everyone: boolean; departmentIds: string[]; roleCodes: string[] };
  name?: string;
}

export const SIMPLE_FORM: OaFormSchema = {
  fields: [
    { key: 'reason', label: '事由', type: 'text', required: true },
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'distance', label: '距离', type: 'number' },
    { key: 'approver', label: '审批人', type: 'person' },
    { key: 'dept', label: '部门', type: 'department' },
  ],
};

/** Creates and publishes a request type as the administrator; answers its id. */
export async function publishType(api: TestApi, people: OaPeople, spec: TypeSpec): Promise<string> {
  const process: OaProcessDefinition = {
    start: { id: 'start', name: '发起', type: 'start', next: spec.first },
    settings: { adminId: spec.adminId, autoApproveRepeated: spec.autoApproveRepeated ?? false, autoApproveApplicant: spec.autoApproveApplicant ?? false },
  };
  const code = `t-${newId().slice(-12)}`;
  const created = await request(api.url)
    .post('/api/v1/oa/request-types')
    .set('authorization', await people.token('admin'))
    .send({ code, name: spec.name ?? code, category: '测试', form: spec.form ?? SIMPLE_FORM, process, ...(spec.availableTo ? { availableTo: spec.availableTo } : {}) });
  if (created.status !== 201) throw new Error(`creating a type answered ${created.status}: ${JSON.stringify(created.body)}`);
  const published = await request(api.url).post(`/api/v1/oa/request-types/${created.body.id}/publish`).set('authorization', await people.token('admin')).send({});
  if (published.status !== 200) throw new Error(`publishing answered ${published.status}: ${JSON.stringify(published.body)}`);
  return created.body.id as string;
}

export async function submit(api: TestApi, people: OaPeople, username: string, requestTypeId: string, formData: Record<string, unknown> = { reason: '测试' }, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await request(api.url).post('/api/v1/oa/requests').set('authorization', await people.token(username)).send({ requestTypeId, formData, ...extra });
  if (response.status !== 201) throw new Error(`submitting as ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export interface TaskRow {
  id: string;
  node_id: string;
  assignee: string;
  on_behalf_of: string | null;
  status: string;
  origin: string;
  auto: boolean;
  round: number;
}

/** The tasks of a request as the database has them, with usernames. */
export async function tasksOf(api: TestApi, requestId: string): Promise<TaskRow[]> {
  return sql<TaskRow>(
    api,
    `SELECT t.id, t.node_id, p.username AS assignee, b.username AS on_behalf_of, t.status, t.origin, t.auto, t.round
       FROM oa.task t JOIN org.person p ON p.id = t.assignee_id LEFT JOIN org.person b ON b.id = t.on_behalf_of_id
      WHERE t.request_id = $1 ORDER BY t.created_at, t.seq, t.id`,
    [requestId],
  );
}

export async function openTaskOf(api: TestApi, requestId: string, username: string): Promise<string> {
  const tasks = await tasksOf(api, requestId);
  const task = tasks.find((candidate) => candidate.assignee === username && candidate.status === 'open');
  if (!task) throw new Error(`${username} holds no open task on ${requestId}: ${JSON.stringify(tasks)}`);
  return task.id;
}

export async function statusOf(api: TestApi, requestId: string): Promise<string> {
  const [row] = await sql<{ status: string }>(api, 'SELECT status FROM oa.request WHERE id = $1', [requestId]);
  return row.status;
}

/** Acts on a task over HTTP and answers the HTTP status. */
export async function act(api: TestApi, people: OaPeople, username: string, taskId: string, action: string, body: Record<string, unknown> = {}): Promise<request.Response> {
  return request(api.url).post(`/api/v1/oa/tasks/${taskId}/${action}`).set('authorization', await people.token(username)).send(body);
}

/** Approves the open task the person holds on the request; fails the test on anything but 200. */
export async function approveAs(api: TestApi, people: OaPeople, username: string, requestId: string, body: Record<string, unknown> = {}): Promise<void> {
  const response = await act(api, people, username, await openTaskOf(api, requestId, username), 'approve', body);
  if (response.status !== 200) throw new Error(`${username} approving answered ${response.status}: ${JSON.stringify(response.body)}`);
}

export async function completedEvents(api: TestApi, requestId: string): Promise<Array<{ payload: Record<string, unknown> }>> {
  return sql(api, `SELECT payload FROM platform.outbox_event WHERE type = 'oa.approval.completed' AND aggregate_id = $1`, [requestId]);
}
