import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type OaApprovalNode, type OaApprovalOutcome, type OaApproverRule, type OaProcessNode, type OrgDirectory, type PersonProfile } from '@zhongshu/contracts';
import { APP_CONFIG, BadgeCounters, Clock, EventBus, Notifications, UnitOfWork, WriteBatch, newId, type AppConfig } from '@zhongshu/platform';
import { ApprovalHooks } from '../business/approval-hooks.js';
import { calendarDate, DelegationResolver } from '../delegations/delegation-resolver.js';
import { OaError, OaErrorCode } from '../oa-error.js';
import { resolveRule } from '../process/approver-rules.js';
import { nodeProgress } from '../process/node-progress.js';
import type { RouteStep, WorkNode } from '../process/process-graph.js';
import type { OaParallelRoute } from '@zhongshu/contracts';
import { PublishedVersions } from '../request-types/published-versions.js';
import { RequestStore } from './request-store.js';
import { RequestRun, type HistoryInput, type NodeRunRow, type NodeRunStatus, type TaskRow } from './request-run.js';

const HOUR = 3_600_000;

/** How a request ended, in the words of a notification to the applicant. */
const OUTCOME_WORDS: Record<OaApprovalOutcome, string> = { approved: '已通过', rejected: '已驳回', withdrawn: '已撤回', cancelled: '已撤销' };

/**
 * The approval state machine. Every method works on a `RequestRun`: one action on one
 * request inside its transaction, after the request row was locked (`load`), so two
 * actions on a request never interleave and an end is reached, and announced, once.
 * Route decisions come from the pure `ProcessGraph`, approver rules from
 * `resolveRule` against ORG_DIRECTORY, the modes from `nodeProgress`.
 */
@Injectable()
export class ApprovalEngine {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RequestStore,
    private readonly versions: PublishedVersions,
    private readonly delegations: DelegationResolver,
    private readonly notifications: Notifications,
    private readonly badges: BadgeCounters,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly hooks: ApprovalHooks,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Locks the request and reads everything an action needs; undefined when there is no such request. */
  async load(requestId: string, actorId: string | null): Promise<RequestRun | undefined> {
    const request = await this.store.lock(requestId);
    if (!request) return undefined;
    const { tasks, runs } = await this.store.tasksAndRuns(requestId);
    const version = await this.versions.get(request.typeVersionId);
    const applicant = await this.profile(request.applicantId);
    if (!version) throw new Error(`request ${requestId} runs on version ${request.typeVersionId}, which does not exist`);
    return new RequestRun(request, version, applicant, this.clock.now(), actorId, tasks, runs);
  }

  async profile(personId: string): Promise<PersonProfile> {
    const [person] = await this.directory.people([personId]);
    // A request outlives its applicant's record only if org deleted them, which it never does.
    return person ?? { id: personId, name: personId, username: '', departmentId: '', positionId: null, level: null, managerId: null, status: 'left' };
  }

  /**
   * Writes what the action collected, in one statement: the request (or its changed
   * columns), node runs, tasks, history, CC rows, file links, notifications and the
   * actor's badge nudge.
   */
  async save(run: RequestRun): Promise<void> {
    const batch = new WriteBatch();
    this.store.write(batch, run);
    this.notifications.write(batch, run.notifications.splice(0));
    // The one who acted has a task less (or a request more), with no notification of
    // their own to say so: their open screens count again on commit.
    if (run.actorId) this.badges.changedIn(batch, [run.actorId]);
    await batch.run(this.uow.manager);
    run.requestDirty = false;
    run.requestIsNew = false;
  }

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return calendarDate(this.clock.now(), this.config.timeZone);
  }

  // ---------------------------------------------------------------- moving along the route

  /** From the start: the first nodes are activated (a submission, or a resubmission after a return to the applicant). */
  async start(run: RequestRun): Promise<void> {
    const graph = run.version.graph;
    await this.addRun(run, graph.start, 'done');
    await this.advance(run, graph.enter(graph.start, run.conditionData()));
  }

  /**
   * Follows route steps until every branch waits for people or the request ends. Joins
   * are looked at last, once every node the same move activated is in place, so a
   * parallel route goes on exactly once, when its last branch finishes.
   */
  async advance(run: RequestRun, steps: RouteStep[]): Promise<void> {
    const queue = [...steps];
    const joins: OaParallelRoute[] = [];
    while (!run.ended) {
      const step = queue.shift();
      if (!step) {
        const route = joins.shift();
        if (!route) return;
        queue.push(...(await this.join(run, route)));
        continue;
      }
      switch (step.kind) {
        case 'node':
          queue.push(...(await this.activate(run, step.node)));
          break;
        case 'choice':
          await this.addRun(run, step.route, 'done', step.branchId);
          break;
        case 'fork':
          await this.addRun(run, step.route, 'active');
          break;
        case 'join':
          joins.push(step.route);
          break;
        case 'end':
          await this.finish(run, 'approved', run.actorId, null);
          return;
      }
    }
  }

  private async join(run: RequestRun, route: OaParallelRoute): Promise<RouteStep[]> {
    const routeRun = run.runs.filter((candidate) => candidate.nodeId === route.id && candidate.status === 'active').at(-1);
    if (!routeRun) return [];
    const inside = run.version.graph.nodesInside(route.id);
    if (run.runs.some((candidate) => candidate.status === 'active' && inside.has(candidate.nodeId))) return [];
    await this.setRun(run, routeRun, 'done');
    return run.version.graph.after(route.id, run.conditionData());
  }

  /** Reaches a work node: copies people (CC), or makes the approval tasks; answers where the route goes from there at once. */
  async activate(run: RequestRun, node: WorkNode): Promise<RouteStep[]> {
    const graph = run.version.graph;
    if (node.type === 'cc') {
      const recipients = await this.resolve(run, node.recipients);
      await this.copy(run, recipients, node.id, null, null);
      await this.addRun(run, node, 'done');
      return graph.after(node.id, run.conditionData());
    }
    let approvers = await this.resolve(run, node.approvers);
    let origin: TaskRow['origin'] = 'rule';
    if (approvers.length === 0) {
      if (node.whenEmpty === 'skip') {
        await this.addRun(run, node, 'skipped');
        run.history.push({ nodeId: node.id, action: 'skip', actorId: null, detail: { reason: 'no-approver' } });
        return graph.after(node.id, run.conditionData());
      }
      // 'refuse' was enforced when the request was submitted; people who left since leave the node to the admin.
      approvers = [run.version.process.settings.adminId];
      origin = 'admin';
    }
    const nodeRun = await this.addRun(run, node, 'active');
    await this.createTasks(run, nodeRun, node, approvers, origin, null);
    return this.settle(run, nodeRun);
  }

  /** The people a rule names now; a `chosen-by-previous` rule takes the choice this action carried. */
  async resolve(run: RequestRun, rule: OaApproverRule): Promise<string[]> {
    if (rule.kind === 'chosen-by-previous' && run.chosen) {
      if (!run.chosen.ids) {
        throw new OaError(OaErrorCode.ChooseApprovers, HttpStatus.UNPROCESSABLE_ENTITY, 'The next step is decided by whom you choose: name its approvers', [
          { field: run.chosen.field, message: 'choose the approvers of the next step' },
        ]);
      }
      run.request.chosenApproverIds = run.chosen.ids;
      run.requestDirty = true;
    }
    return resolveRule(
      rule,
      { applicant: run.applicant, form: run.version.form, formData: run.request.formData, chosenIds: run.request.chosenApproverIds },
      this.directory,
    );
  }

  /**
   * Makes the tasks of a node for these people, each through their stand-ins; those
   * whose turn it is open now (or approve automatically), the rest of a sequence wait.
   */
  async createTasks(run: RequestRun, nodeRun: NodeRunRow, node: OaApprovalNode, people: readonly string[], origin: TaskRow['origin'], parentTaskId: string | null): Promise<TaskRow[]> {
    const standIns = await this.delegations.resolveMany(people, run.request.requestTypeId, this.today());
    const tasks: TaskRow[] = [];
    for (const [index, personId] of people.entries()) {
      const { assigneeId, onBehalfOfId } = standIns.get(personId) as { assigneeId: string; onBehalfOfId: string | null };
      const waits = origin !== 'added-after' && origin !== 'added-before' && node.mode === 'sequential' && index > 0;
      const task: TaskRow = {
        id: newId(),
        requestId: run.request.id,
        nodeRunId: nodeRun.id,
        nodeId: node.id,
        round: run.request.round,
        assigneeId,
        onBehalfOfId,
        origin,
        parentTaskId,
        seq: index,
        status: 'waiting',
        auto: false,
        comment: null,
        actedAt: null,
        openedAt: null,
        dueAt: null,
        remindersSent: 0,
        lastRemindedAt: null,
        escalated: false,
      };
      if (!waits) this.openInMemory(run, node, task, origin === 'rule' || origin === 'admin');
      tasks.push(task);
    }
    run.addTasks(tasks);
    return tasks;
  }

  /** A task read with the request changed: it is written when the action saves. */
  saveTask(run: RequestRun, task: TaskRow): void {
    run.taskChanged(task);
  }

  /** A waiting task's turn: it opens (told to its assignee) or approves automatically when the settings say so. */
  async open(run: RequestRun, task: TaskRow, allowAuto = true): Promise<void> {
    const node = run.version.graph.node(task.nodeId) as OaApprovalNode;
    this.openInMemory(run, node, task, allowAuto);
    run.taskChanged(task);
  }

  private openInMemory(run: RequestRun, node: OaApprovalNode, task: TaskRow, allowAuto: boolean): void {
    const reason = allowAuto ? this.autoApproval(run, task) : null;
    if (reason) {
      task.status = 'approved';
      task.auto = true;
      task.actedAt = run.now;
      run.history.push({ taskId: task.id, nodeId: task.nodeId, action: 'auto-approve', actorId: task.assigneeId, onBehalfOfId: task.onBehalfOfId, detail: { reason } });
      return;
    }
    task.status = 'open';
    task.openedAt = run.now;
    task.dueAt = node.deadline ? new Date(run.now.getTime() + node.deadline.hours * HOUR) : null;
    this.tellAssignee(run, task, 'oa.task.assigned', `${run.applicant.name} 请你审批：${run.version.name} ${run.request.number}`);
  }

  /** 去重 and the applicant as approver: approve by themselves, recorded as automatic, when the process says so. */
  private autoApproval(run: RequestRun, task: TaskRow): 'applicant' | 'repeated' | null {
    const settings = run.version.process.settings;
    const person = task.onBehalfOfId ?? task.assigneeId;
    if (settings.autoApproveApplicant && person === run.request.applicantId) return 'applicant';
    if (
      settings.autoApproveRepeated &&
      run.tasks.some(
        (other) =>
          other.id !== task.id &&
          other.round === run.request.round &&
          other.nodeId !== task.nodeId &&
          other.status === 'approved' &&
          (other.assigneeId === task.assigneeId || (other.onBehalfOfId ?? other.assigneeId) === person),
      )
    ) {
      return 'repeated';
    }
    return null;
  }

  /**
   * Applies the node's mode to its tasks until nothing changes: cancels what is no
   * longer needed, opens whoever's turn it is, and when the node is decided marks it
   * done and answers where the route goes.
   */
  async settle(run: RequestRun, nodeRun: NodeRunRow): Promise<RouteStep[]> {
    const node = run.version.graph.node(nodeRun.nodeId) as OaApprovalNode;
    for (let rounds = 0; rounds < 1000; rounds++) {
      const tasks = run.tasks.filter((task) => task.nodeRunId === nodeRun.id);
      const progress = nodeProgress(tasks, node.mode, node.percentage);
      for (const id of progress.cancel) {
        const task = tasks.find((candidate) => candidate.id === id) as TaskRow;
        task.status = 'cancelled';
        run.taskChanged(task);
      }
      if (progress.complete) {
        await this.setRun(run, nodeRun, 'done', 'approved');
        return run.version.graph.after(node.id, run.conditionData());
      }
      if (progress.open.length === 0) return [];
      for (const id of progress.open) await this.open(run, tasks.find((candidate) => candidate.id === id) as TaskRow);
    }
    throw new Error(`node ${node.id} of request ${run.request.id} did not settle`);
  }

  // ---------------------------------------------------------------- ends and returns

  /** Ends the request: every pending task closes, the applicant is told, `oa.approval.completed` goes out, once. */
  async finish(run: RequestRun, outcome: OaApprovalOutcome, byId: string | null, comment: string | null): Promise<void> {
    if (run.ended) return;
    run.ended = true;
    const request = run.request;
    request.status = outcome;
    request.endedAt = run.now;
    request.decidedBy = byId;
    run.requestDirty = true;
    await this.closePending(run, outcome === 'approved' ? 'done' : 'cancelled');
    await this.events.emit('oa.approval.completed', request.id, {
      instanceId: request.id,
      number: request.number,
      requestTypeCode: run.version.code,
      businessType: request.businessType,
      businessId: request.businessId,
      outcome,
      applicantId: request.applicantId,
      byId,
      at: run.now.toISOString(),
      comment,
    });
    if (request.businessId) {
      await this.hooks.ended(request.businessType, { requestId: request.id, number: request.number, businessId: request.businessId, outcome, applicantId: request.applicantId, byId, at: run.now, comment });
    }
    if (byId !== request.applicantId) {
      run.notifications.push({
        recipientId: request.applicantId,
        kind: `oa.request.${outcome}`,
        title: `你的${run.version.name} ${request.number} ${OUTCOME_WORDS[outcome]}`,
        body: comment,
        link: run.link(),
        sourceType: 'oa.request',
        sourceId: request.id,
      });
    }
  }

  /** Closes every pending task and every running node: the request ends or goes back. */
  async closePending(run: RequestRun, runStatus: NodeRunStatus): Promise<void> {
    for (const task of run.pendingTasks()) {
      task.status = 'cancelled';
      run.taskChanged(task);
    }
    for (const nodeRun of run.activeRuns()) await this.setRun(run, nodeRun, runStatus);
  }

  /**
   * 退回: back to the applicant (who may change the form and resubmit) or to an
   * earlier approval node, which runs again from scratch: every approver of a
   * countersign node gets a task again, and the route goes on from there.
   */
  async returnTo(run: RequestRun, target: OaApprovalNode | null): Promise<void> {
    await this.closePending(run, 'cancelled');
    run.request.round += 1;
    run.requestDirty = true;
    if (!target) {
      run.request.status = 'returned';
      run.notifications.push({
        recipientId: run.request.applicantId,
        kind: 'oa.request.returned',
        title: `你的${run.version.name} ${run.request.number} 被退回，请修改后重新提交`,
        link: run.link(),
        sourceType: 'oa.request',
        sourceId: run.request.id,
      });
      return;
    }
    // A node inside parallel branches needs its routes running again, so the branch can join.
    for (const route of run.version.graph.enclosingParallels(target.id)) await this.addRun(run, route, 'active');
    await this.advance(run, await this.activate(run, target));
  }

  /** The earlier approval nodes a task may be returned to: those that have run on this request, other than its own. */
  returnTargets(run: RequestRun, task: TaskRow): OaApprovalNode[] {
    const done = new Set(run.runs.filter((nodeRun) => nodeRun.status === 'done' && nodeRun.nodeType === 'approval').map((nodeRun) => nodeRun.nodeId));
    return run.version.graph
      .allNodes()
      .filter((node): node is OaApprovalNode => node.type === 'approval' && done.has(node.id) && node.id !== task.nodeId);
  }

  // ---------------------------------------------------------------- people

  /** CC: copies the request to people (once each), tells them, and records who did it. */
  async copy(run: RequestRun, recipients: readonly string[], nodeId: string | null, byId: string | null, comment: string | null): Promise<void> {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return;
    run.copy(unique, nodeId, byId);
    run.history.push({ nodeId, action: 'cc', actorId: byId, comment, detail: { recipientIds: unique } });
    for (const recipientId of unique) {
      run.notifications.push({
        recipientId,
        kind: 'oa.request.cc',
        title: `${run.applicant.name} 的${run.version.name} ${run.request.number} 抄送给你`,
        link: run.link(),
        sourceType: 'oa.request',
        sourceId: run.request.id,
      });
    }
  }

  tellAssignee(run: RequestRun, task: TaskRow, kind: string, title: string, body: string | null = null): void {
    run.notifications.push({ recipientId: task.assigneeId, kind, title, body, link: run.link(), sourceType: 'oa.request', sourceId: run.request.id });
  }

  /** A task moves to someone else (转办, a leaver, an escalation, a delegation starting), through that person's stand-ins. */
  async reassign(run: RequestRun, task: TaskRow, toPersonId: string, action: HistoryInput['action'], detail: Record<string, unknown>, comment: string | null = null): Promise<void> {
    const fromId = task.assigneeId;
    const { assigneeId, onBehalfOfId } = await this.delegations.resolve(toPersonId, run.request.requestTypeId, this.today());
    if (assigneeId === fromId) return;
    task.assigneeId = assigneeId;
    task.onBehalfOfId = onBehalfOfId;
    run.taskChanged(task);
    run.history.push({ taskId: task.id, nodeId: task.nodeId, action, actorId: run.actorId, comment, detail: { fromId, toId: assigneeId, ...(onBehalfOfId ? { onBehalfOfId } : {}), ...detail } });
    if (task.status === 'open') this.tellAssignee(run, task, 'oa.task.assigned', `${run.applicant.name} 的${run.version.name} ${run.request.number} 转到你处审批`, comment);
  }

  private async addRun(run: RequestRun, node: OaProcessNode, status: NodeRunStatus, outcome: string | null = null): Promise<NodeRunRow> {
    const nodeRun: NodeRunRow = {
      id: newId(),
      nodeId: node.id,
      nodeType: node.type,
      round: run.request.round,
      status,
      outcome,
      startedAt: run.now,
      endedAt: status === 'active' ? null : run.now,
    };
    run.addRun(nodeRun);
    return nodeRun;
  }

  private async setRun(run: RequestRun, nodeRun: NodeRunRow, status: NodeRunStatus, outcome: string | null = nodeRun.outcome): Promise<void> {
    nodeRun.status = status;
    nodeRun.outcome = outcome;
    nodeRun.endedAt = run.now;
    run.runChanged(nodeRun);
  }
}
