import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, OaPermission, type OaApprovalNode, type OrgDirectory, type Page } from '@zhongshu/contracts';
import { PlatformError, PlatformErrorCode, UnitOfWork, dataScopeSql, likePattern, parseSort, type Principal, readTogether } from '@zhongshu/platform';
import { nodeProgress } from '../process/node-progress.js';
import { PublishedVersions } from '../request-types/published-versions.js';
import { ApprovalEngine } from './approval-engine.js';
import { RequestAccess, REQUEST_SCOPE } from './request-access.js';
import { MANUAL_TASK_ACTIONS, OPEN_REQUEST_STATUSES, RequestRun, type TaskRow } from './request-run.js';
import { RequestStore } from './request-store.js';
import type {
  HistoryEntryDto,
  InboxCountsDto,
  PersonNameDto,
  PlannedNodeDto,
  RequestActionDto,
  RequestDetailDto,
  RequestListItemDto,
  RequestListQueryDto,
  RouteNodeDto,
  TaskListItemDto,
  TaskListQueryDto,
} from './request.dto.js';
import { RequestsService } from './requests.service.js';
import { RoutePlanner, type PlannedNode } from './route-planner.js';

const HOUR = 3_600_000;
const REQUEST_SORT = { submittedAt: 'r.submitted_at', endedAt: 'r.ended_at', number: 'r.number', title: 'r.title', status: 'r.status' };
const TASK_SORT = { openedAt: 't.opened_at', actedAt: 't.acted_at', dueAt: 't.due_at', submittedAt: 'r.submitted_at', number: 'r.number' };
const LIST_COLUMNS = `r.id, r.number, r.title, r.status, r.applicant_id, r.submitted_at, r.ended_at, r.request_type_id, rt.code AS type_code, rt.name AS type_name,
  rt.category AS type_category, rt.icon AS type_icon`;

/** Filters shared by the request and task lists, as SQL on `r` (the request). */
function requestFilters(query: RequestListQueryDto | TaskListQueryDto, parameters: unknown[]): string[] {
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown): void => {
    parameters.push(value);
    where.push(sql(`$${parameters.length}`));
  };
  // The trigram index covers number || ' ' || title.
  if (query.search) add((n) => `(r.number || ' ' || r.title) ILIKE ${n}`, likePattern(query.search));
  if (query.status) add((n) => `r.status = ${n}`, query.status);
  if (query.requestTypeId) add((n) => `r.request_type_id = ${n}`, query.requestTypeId);
  if (query.applicantId) add((n) => `r.applicant_id = ${n}`, query.applicantId);
  if (query.from) add((n) => `r.submitted_at >= ${n}::date`, query.from);
  if (query.to) add((n) => `r.submitted_at < ${n}::date + 1`, query.to);
  return where;
}

/** The ids of people a history entry's detail names: whom a task moved from and to, who was copied, added or urged. */
function detailPeople(detail: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const key of ['fromId', 'toId', 'onBehalfOfId', 'leaverId']) if (typeof detail[key] === 'string') ids.push(detail[key]);
  for (const key of ['recipientIds', 'personIds', 'assigneeIds']) {
    const list = detail[key];
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.push(id);
  }
  return [...new Set(ids)];
}

/**
 * What people read of requests: one request with its route, history and the actions
 * the caller may take now; the lists (mine, CC, all within scope; to do, done); the
 * menu badges; and a person's open tasks with where they would move if the person left.
 */
@Injectable()
export class RequestViews {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ApprovalEngine,
    private readonly store: RequestStore,
    private readonly access: RequestAccess,
    private readonly planner: RoutePlanner,
    private readonly requests: RequestsService,
    private readonly versions: PublishedVersions,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async detail(principal: Principal, id: string): Promise<RequestDetailDto> {
    return this.uow.run(async () => {
      const request = await this.store.read(id);
      if (!request || !(await this.access.canRead(principal, request))) throw PlatformError.notFound('Request', id);
      const { tasks, runs } = await this.store.tasksAndRuns(id);
      const version = await this.versions.get(request.typeVersionId);
      const applicant = await this.engine.profile(request.applicantId);
      if (!version) throw new Error(`request ${id} runs on a version that does not exist`);
      const run = new RequestRun(request, version, applicant, this.engine.now(), principal.userId, tasks, runs);
      // Opening a copy reads it.
      await this.uow.manager.query('UPDATE oa.cc SET read_at = now() WHERE request_id = $1 AND recipient_id = $2 AND read_at IS NULL', [id, principal.userId]);
      const historyRows: Array<Record<string, unknown>> = await this.uow.manager.query(
        'SELECT id, task_id, node_id, action, actor_id, on_behalf_of_id, comment, attachments, detail, at FROM oa.history WHERE request_id = $1 ORDER BY at, id',
        [id],
      );
      const route = await this.route(run);
      const [typeRow] = await this.uow.manager.query('SELECT id, code, name, category, icon FROM oa.request_type WHERE id = $1', [request.requestTypeId]);
      const nameIds = new Set<string>([request.applicantId, ...(request.decidedBy ? [request.decidedBy] : [])]);
      for (const row of historyRows) for (const key of ['actor_id', 'on_behalf_of_id']) if (row[key]) nameIds.add(row[key] as string);
      for (const row of historyRows) for (const id of detailPeople(row.detail as Record<string, unknown>)) nameIds.add(id);
      for (const node of route) for (const person of node.people) nameIds.add(person.id);
      for (const task of tasks) if (task.onBehalfOfId) nameIds.add(task.onBehalfOfId);
      const names = await this.names([...nameIds]);
      const named = (personId: string | null): PersonNameDto | null => (personId ? { id: personId, name: names.get(personId) ?? personId } : null);
      const nodeName = (nodeId: string | null): string | null => (nodeId ? (version.graph.node(nodeId)?.name ?? nodeId) : null);
      const history: HistoryEntryDto[] = historyRows.map((row) => ({
        id: row.id as string,
        action: row.action as string,
        nodeId: (row.node_id as string | null) ?? null,
        nodeName: nodeName((row.node_id as string | null) ?? null),
        taskId: (row.task_id as string | null) ?? null,
        actor: named((row.actor_id as string | null) ?? null),
        onBehalfOf: named((row.on_behalf_of_id as string | null) ?? null),
        comment: (row.comment as string | null) ?? null,
        attachments: row.attachments as HistoryEntryDto['attachments'],
        detail: row.detail as Record<string, unknown>,
        people: detailPeople(row.detail as Record<string, unknown>).map((personId) => named(personId) as PersonNameDto),
        at: (row.at as Date).toISOString(),
      }));
      return {
        id,
        number: request.number,
        title: request.title,
        status: request.status,
        requestType: { id: typeRow.id, code: typeRow.code, name: typeRow.name, category: typeRow.category, icon: typeRow.icon ?? null },
        versionNo: version.versionNo,
        applicant: named(request.applicantId) as PersonNameDto,
        applicantDepartmentId: request.applicantDepartmentId,
        submittedAt: request.submittedAt.toISOString(),
        endedAt: request.endedAt?.toISOString() ?? null,
        decidedBy: named(request.decidedBy),
        businessType: request.businessType,
        businessId: request.businessId,
        form: version.form as unknown as Record<string, unknown>,
        formData: request.formData,
        route: route.map((node) => ({ ...node, people: node.people.map((person) => ({ ...person, name: names.get(person.id) ?? person.id, onBehalfOf: named(person.onBehalfOfId) })) })),
        history,
        actions: await this.actions(principal, run),
        version: request.version,
      };
    });
  }

  /**
   * The route as it stands: what has run (its people and their tasks), what runs now,
   * and what is still ahead (its people as the rules name them today), along the
   * branches the request took or, ahead, would take.
   */
  private async route(run: RequestRun): Promise<Array<Omit<RouteNodeDto, 'people'> & { people: Array<Omit<RouteNodeDto['people'][number], 'name' | 'onBehalfOf'> & { onBehalfOfId: string | null }> }>> {
    const latest = new Map<string, (typeof run.runs)[number]>();
    for (const nodeRun of run.runs) latest.set(nodeRun.nodeId, nodeRun);
    const choices = new Map<string, string>();
    for (const nodeRun of run.runs) if (nodeRun.nodeType === 'condition' && nodeRun.outcome) choices.set(nodeRun.nodeId, nodeRun.outcome);
    const open = OPEN_REQUEST_STATUSES.has(run.request.status);
    const planned: PlannedNode[] = await this.planner.plan(run.version, run.applicant, run.conditionData(), {
      chosenIds: run.request.chosenApproverIds,
      choices,
      resolvePeople: open,
    });
    return planned.map((node) => {
      const nodeRun = latest.get(node.nodeId);
      const base = { nodeId: node.nodeId, name: node.name, type: node.type, chosenLater: node.chosenLater, ...(node.mode ? { mode: node.mode } : {}), ...(node.branch ? { branch: node.branch } : {}) };
      if (node.type === 'start') {
        return { ...base, status: 'done' as const, people: [{ id: run.request.applicantId, taskId: null, taskStatus: null, onBehalfOfId: null, auto: false, comment: null, actedAt: run.request.submittedAt.toISOString() }] };
      }
      if (nodeRun && nodeRun.status !== 'cancelled') {
        const tasks = run.tasks.filter((task) => task.nodeRunId === nodeRun.id);
        const status = nodeRun.status === 'active' ? ('current' as const) : nodeRun.status === 'skipped' ? ('skipped' as const) : ('done' as const);
        const people =
          node.type === 'cc'
            ? node.people.map((id) => ({ id, taskId: null, taskStatus: null, onBehalfOfId: null, auto: false, comment: null, actedAt: null }))
            : tasks.map((task) => ({
                id: task.assigneeId,
                taskId: task.id,
                taskStatus: task.status,
                onBehalfOfId: task.onBehalfOfId,
                auto: task.auto,
                comment: task.comment,
                actedAt: task.actedAt?.toISOString() ?? null,
              }));
        return { ...base, status, people };
      }
      return {
        ...base,
        status: open ? ('pending' as const) : ('skipped' as const),
        people: node.people.map((id) => ({ id, taskId: null, taskStatus: null, onBehalfOfId: null, auto: false, comment: null, actedAt: null })),
      };
    });
  }

  /** Exactly what the caller may do now, each task action with its task. */
  private async actions(principal: Principal, run: RequestRun): Promise<RequestActionDto[]> {
    const actions: RequestActionDto[] = [];
    const request = run.request;
    const me = principal.userId;
    if (request.status === 'running') {
      for (const task of run.tasks.filter((candidate) => candidate.status === 'open' && candidate.assigneeId === me)) {
        const targets = this.engine.returnTargets(run, task).map((node) => ({ nodeId: node.id, name: node.name }));
        actions.push(
          { action: 'approve', taskId: task.id, needsNextApprovers: this.needsNextApprovers(run, task) },
          { action: 'reject', taskId: task.id },
          { action: 'return', taskId: task.id, returnTargets: targets },
          { action: 'transfer', taskId: task.id },
          { action: 'add-approver', taskId: task.id },
        );
      }
    }
    const applicant = request.applicantId === me;
    if (applicant && request.status === 'running' && !(await this.store.anyoneActed(request.id, request.round, MANUAL_TASK_ACTIONS))) actions.push({ action: 'withdraw' });
    if (applicant && request.status === 'returned') actions.push({ action: 'resubmit' });
    if (OPEN_REQUEST_STATUSES.has(request.status) && this.requests.mayCancel(principal, request)) actions.push({ action: 'cancel' });
    if (applicant && request.status === 'running' && (!request.lastUrgedAt || run.now.getTime() - request.lastUrgedAt.getTime() >= HOUR)) actions.push({ action: 'urge' });
    actions.push({ action: 'comment' });
    if (OPEN_REQUEST_STATUSES.has(request.status) && (applicant || run.tasks.some((task) => task.status === 'open' && task.assigneeId === me))) actions.push({ action: 'cc' });
    return actions;
  }

  /** Whether approving this task decides its node and the route then reaches a node whose approvers the approver chooses. */
  private needsNextApprovers(run: RequestRun, task: TaskRow): boolean {
    const node = run.version.graph.node(task.nodeId) as OaApprovalNode;
    const tasks = run.tasks.filter((candidate) => candidate.nodeRunId === task.nodeRunId).map((candidate) => (candidate.id === task.id ? { ...candidate, status: 'approved' as const } : candidate));
    if (!nodeProgress(tasks, node.mode, node.percentage).complete) return false;
    return run.version.graph
      .after(node.id, run.conditionData())
      .some((step) => step.kind === 'node' && (step.node.type === 'approval' ? step.node.approvers : step.node.recipients).kind === 'chosen-by-previous');
  }

  async list(principal: Principal, query: RequestListQueryDto): Promise<Page<RequestListItemDto>> {
    const parameters: unknown[] = [principal.userId];
    const where = requestFilters(query, parameters);
    let from = 'oa.request r JOIN oa.request_type rt ON rt.id = r.request_type_id';
    let extra = '';
    if (query.box === 'mine') where.unshift('r.applicant_id = $1');
    else if (query.box === 'cc') {
      from += ' JOIN oa.cc c ON c.request_id = r.id AND c.recipient_id = $1';
      extra = ', c.read_at IS NULL AS unread';
    } else {
      if (!principal.permissions.has(OaPermission.RequestRead)) {
        throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `The list of all requests needs the permission ${OaPermission.RequestRead}`);
      }
      const scope = dataScopeSql(principal, OaPermission.RequestRead, REQUEST_SCOPE, parameters.length + 1);
      parameters.push(...scope.parameters);
      // $1 (the caller) is every list's first parameter; this list needs it only to be typed.
      where.unshift(scope.sql, '$1::uuid IS NOT NULL');
    }
    const orders = parseSort(query.sort, REQUEST_SORT, [{ column: 'r.submitted_at', direction: 'DESC' }]);
    const order = [...orders.map((entry) => `${entry.column} ${entry.direction}`), 'r.id DESC'].join(', ');
    const condition = where.length > 0 ? where.join(' AND ') : 'TRUE';
    const [rows, [count]] = await readTogether(this.uow.manager, [
      () => this.uow.manager.query(
        `SELECT ${LIST_COLUMNS}${extra} FROM ${from} WHERE ${condition} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        parameters,
      ) as Promise<Array<Record<string, unknown>>>,
      () => this.uow.manager.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${condition}`, parameters) as Promise<Array<{ n: number }>>]);
    const names = await this.names(rows.map((row) => row.applicant_id as string));
    return { items: rows.map((row) => this.listItem(row, names, query.box === 'cc')), total: count.n, page: query.page, pageSize: query.pageSize };
  }

  async tasks(principal: Principal, query: TaskListQueryDto): Promise<Page<TaskListItemDto>> {
    const parameters: unknown[] = [principal.userId];
    const where = requestFilters(query, parameters);
    if (query.box === 'todo') where.unshift(`t.assignee_id = $1 AND t.status = 'open'`);
    else {
      parameters.push(MANUAL_TASK_ACTIONS);
      where.unshift(`EXISTS (SELECT 1 FROM oa.history h WHERE h.task_id = t.id AND h.actor_id = $1 AND h.action = ANY($${parameters.length}::text[]))`);
    }
    const from = 'oa.task t JOIN oa.request r ON r.id = t.request_id JOIN oa.request_type rt ON rt.id = r.request_type_id';
    const orders = parseSort(query.sort, TASK_SORT, [{ column: query.box === 'todo' ? 't.opened_at' : 't.acted_at', direction: 'DESC' }]);
    const order = [...orders.map((entry) => `${entry.column} ${entry.direction} NULLS LAST`), 't.id DESC'].join(', ');
    const condition = where.join(' AND ');
    const [rows, [count]] = await readTogether(this.uow.manager, [
      () => this.uow.manager.query(
        `SELECT ${LIST_COLUMNS}, r.type_version_id, t.id AS task_id, t.node_id, t.status AS task_status, t.opened_at, t.due_at, t.acted_at, t.on_behalf_of_id
           FROM ${from} WHERE ${condition} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        parameters,
      ) as Promise<Array<Record<string, unknown>>>,
      () => this.uow.manager.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${condition}`, parameters) as Promise<Array<{ n: number }>>]);
    const names = await this.names(rows.flatMap((row) => [row.applicant_id as string, ...(row.on_behalf_of_id ? [row.on_behalf_of_id as string] : [])]));
    const items: TaskListItemDto[] = [];
    for (const row of rows) {
      const version = await this.versions.get(row.type_version_id as string);
      const onBehalfOf = row.on_behalf_of_id as string | null;
      items.push({
        id: row.task_id as string,
        nodeId: row.node_id as string,
        nodeName: version?.graph.node(row.node_id as string)?.name ?? (row.node_id as string),
        status: row.task_status as string,
        openedAt: (row.opened_at as Date | null)?.toISOString() ?? null,
        dueAt: (row.due_at as Date | null)?.toISOString() ?? null,
        actedAt: (row.acted_at as Date | null)?.toISOString() ?? null,
        onBehalfOf: onBehalfOf ? { id: onBehalfOf, name: names.get(onBehalfOf) ?? onBehalfOf } : null,
        request: this.listItem(row, names, false),
      });
    }
    return { items, total: count.n, page: query.page, pageSize: query.pageSize };
  }

  async counts(principal: Principal): Promise<InboxCountsDto> {
    const [row] = await this.uow.manager.query(
      `SELECT (SELECT count(*)::int FROM oa.task WHERE assignee_id = $1 AND status = 'open') AS todo,
              (SELECT count(*)::int FROM oa.cc WHERE recipient_id = $1 AND read_at IS NULL) AS cc,
              (SELECT count(*)::int FROM oa.request WHERE applicant_id = $1 AND status IN ('running', 'returned')) AS mine`,
      [principal.userId],
    );
    return { todo: row.todo, cc: row.cc, mine: row.mine };
  }

  /** The route preview with names, for the submit page. */
  async preview(planned: PlannedNode[]): Promise<PlannedNodeDto[]> {
    const names = await this.names(planned.flatMap((node) => node.people));
    return planned.map((node) => ({
      nodeId: node.nodeId,
      name: node.name,
      type: node.type,
      ...(node.mode ? { mode: node.mode } : {}),
      ...(node.whenEmpty ? { whenEmpty: node.whenEmpty } : {}),
      people: node.people.map((id) => ({ id, name: names.get(id) ?? id })),
      chosenLater: node.chosenLater,
      chosenBySubmitter: node.chosenBySubmitter,
      ...(node.branch ? { branch: node.branch } : {}),
    }));
  }

  listItem(row: Record<string, unknown>, names: ReadonlyMap<string, string>, cc: boolean): RequestListItemDto {
    const applicantId = row.applicant_id as string;
    return {
      id: row.id as string,
      number: row.number as string,
      title: row.title as string,
      status: row.status as string,
      requestType: { id: row.request_type_id as string, code: row.type_code as string, name: row.type_name as string, category: row.type_category as string, icon: (row.type_icon as string | null) ?? null },
      applicant: { id: applicantId, name: names.get(applicantId) ?? applicantId },
      submittedAt: (row.submitted_at as Date).toISOString(),
      endedAt: (row.ended_at as Date | null)?.toISOString() ?? null,
      ...(cc ? { unread: row.unread === true } : {}),
    };
  }

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    return new Map((await this.directory.people(unique)).map((person) => [person.id, person.name]));
  }
}
