import { isDeepStrictEqual } from 'node:util';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, OaPermission, type FieldError, type OaApprovalNode, type OrgDirectory, type PersonProfile } from '@zhongshu/contracts';
import { UnitOfWork, isInScope, newId, type Principal } from '@zhongshu/platform';
import { ApprovalHooks } from '../business/approval-hooks.js';
import { FormValidator } from '../forms/form-validator.js';
import { OaError, OaErrorCode } from '../oa-error.js';
import type { PublishedVersion } from '../request-types/published-versions.js';
import { RequestTypesService } from '../request-types/request-types.service.js';
import { ApprovalEngine } from './approval-engine.js';
import { RequestAccess } from './request-access.js';
import { RequestNumbers } from './request-numbers.js';
import { MANUAL_TASK_ACTIONS, OPEN_REQUEST_STATUSES, RequestRun, type RequestRow, type TaskRow } from './request-run.js';
import { RequestStore } from './request-store.js';
import type { AddApproverDto, ApproveDto, CcDto, CommentDto, ResubmitDto, ReturnDto, SubmitRequestDto, TransferDto } from './request.dto.js';
import { RoutePlanner, type PlannedNode } from './route-planner.js';

const HOUR = 3_600_000;

export interface SubmitInput {
  requestTypeId: string;
  formData: Record<string, unknown>;
  chosenApproverIds?: string[];
  title?: string;
}

export interface RequestState {
  id: string;
  number: string;
  status: string;
}

/**
 * Requests and every action on them: submitting, the applicant's actions (withdraw,
 * resubmit, cancel, urge, comment, CC) and the approvers' (approve, reject, return,
 * transfer, add an approver). Each action is one transaction that starts by locking
 * the request row, then checks the caller holds the task (else 404, as if it did not
 * exist) and that it is still open (else 409): two people acting at once cannot both win.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ApprovalEngine,
    private readonly store: RequestStore,
    private readonly types: RequestTypesService,
    private readonly validator: FormValidator,
    private readonly numbers: RequestNumbers,
    private readonly planner: RoutePlanner,
    private readonly access: RequestAccess,
    private readonly hooks: ApprovalHooks,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async submit(principal: Principal, input: SubmitRequestDto): Promise<RequestState> {
    return this.uow.run(async (manager) => {
      const version = await this.types.usableVersion(principal, input.requestTypeId);
      // A type bound to a business record (合同审批 to a CRM contract, 请假 to a leave) is
      // started from that record, with its key; by hand it would be an approval of nothing.
      const [bound] = (await manager.query('SELECT business_type FROM oa.business_binding WHERE request_type_id = $1', [input.requestTypeId])) as Array<{ business_type: string }>;
      if (bound) {
        const detail = `${version.name} is started from its ${bound.business_type} record, not submitted by hand`;
        throw new OaError(OaErrorCode.StartedByBusiness, HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field: 'requestTypeId', message: detail }]);
      }
      return this.start(version, principal.userId, principal.userId, input, null);
    });
  }

  /**
   * Starts a request in the caller's transaction: for an applicant, or for another
   * context's business record (`business`), whose key is unique.
   */
  async start(version: PublishedVersion, applicantId: string, actorId: string | null, input: SubmitInput, business: { type: string; id: string } | null): Promise<RequestState> {
    const applicant = await this.engine.profile(applicantId);
    if (applicant.status !== 'active') throw OaError.invalidReference('applicantId', `Person ${applicantId} does not exist`);
    const form = await this.validator.validate(version, input.formData, applicantId);
    const now = this.engine.now();
    const run = new RequestRun(
      {
        id: newId(),
        number: await this.numbers.next(now),
        requestTypeId: version.requestTypeId,
        typeVersionId: version.id,
        title: input.title ?? `${applicant.name}的${version.name}`,
        applicantId,
        applicantDepartmentId: applicant.departmentId,
        formData: form.data,
        status: 'running',
        round: 1,
        chosenApproverIds: input.chosenApproverIds ?? [],
        businessType: business?.type ?? null,
        businessId: business?.id ?? null,
        submittedAt: now,
        endedAt: null,
        decidedBy: null,
        lastUrgedAt: null,
        version: 1,
      },
      version,
      applicant,
      now,
      actorId,
      [],
      [],
    );
    if (RoutePlanner.mayRefuse(version)) await this.refuseWithoutApprovers(run);
    run.requestIsNew = true;
    run.linkFiles(form.fileIds);
    run.chosen = { field: 'chosenApproverIds', ids: input.chosenApproverIds };
    run.history.push({ action: 'submit', actorId, nodeId: version.graph.start.id });
    await this.engine.start(run);
    await this.engine.save(run);
    return { id: run.request.id, number: run.request.number, status: run.request.status };
  }

  /** A `refuse` node that would find nobody on the way this request takes refuses the submission, naming the node. */
  private async refuseWithoutApprovers(run: RequestRun): Promise<void> {
    const planned = await this.planner.plan(run.version, run.applicant, run.conditionData(), { chosenIds: run.request.chosenApproverIds });
    const errors: FieldError[] = planned
      .filter((node) => node.type === 'approval' && node.whenEmpty === 'refuse' && !node.chosenLater && node.people.length === 0)
      .map((node) => ({ field: `route.${node.nodeId}`, message: `nobody can approve "${node.name}" for this request` }));
    if (errors.length > 0) throw new OaError(OaErrorCode.NoApprover, HttpStatus.UNPROCESSABLE_ENTITY, 'This request cannot be submitted: a step of its route has nobody to approve it', errors);
  }

  /** The route a request would take, with the people each step names, for the submit page. */
  async previewRoute(principal: Principal, input: SubmitRequestDto): Promise<PlannedNode[]> {
    const version = await this.types.usableVersion(principal, input.requestTypeId);
    const applicant = await this.engine.profile(principal.userId);
    const check = version.compiledForm.check(input.formData);
    // The preview goes on with what is valid so far: a half-filled form still shows a route.
    const data = { form: check.data, applicant: { id: applicant.id, departmentId: applicant.departmentId, positionId: applicant.positionId, level: applicant.level } };
    return this.planner.plan(version, applicant, data, { chosenIds: input.chosenApproverIds });
  }

  // ---------------------------------------------------------------- the applicant's actions

  async resubmit(principal: Principal, id: string, input: ResubmitDto): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      this.requireApplicant(principal, run);
      if (run.request.status !== 'returned') throw OaError.notAllowed('Only a request returned to you can be resubmitted');
      if (this.hooks.owns(run.request.businessType) && !isDeepStrictEqual(input.formData, run.request.formData)) {
        throw OaError.notAllowed('This request’s data belongs to its own record (a leave, an expense claim): resubmit it unchanged, or cancel it and file a new one');
      }
      const form = await this.validator.validate(run.version, input.formData, run.request.applicantId);
      run.request.formData = form.data;
      if (input.title) run.request.title = input.title;
      run.request.status = 'running';
      run.requestDirty = true;
      run.linkFiles(form.fileIds);
      run.chosen = { field: 'chosenApproverIds', ids: input.chosenApproverIds };
      run.history.push({ action: 'resubmit', actorId: principal.userId, comment: input.comment ?? null, nodeId: run.version.graph.start.id });
      await this.engine.start(run);
    });
  }

  /** 撤回: the applicant takes the request back while nobody has acted on it yet. */
  async withdraw(principal: Principal, id: string, comment: string | null): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      this.requireApplicant(principal, run);
      if (run.request.status !== 'running') throw OaError.requestClosed(id, run.request.status);
      if (await this.store.anyoneActed(id, run.request.round, MANUAL_TASK_ACTIONS)) throw OaError.notAllowed('Someone has already acted on this request; it can no longer be withdrawn (cancel it instead)');
      run.history.push({ action: 'withdraw', actorId: principal.userId, comment });
      await this.engine.finish(run, 'withdrawn', principal.userId, comment);
    });
  }

  /** 撤销: the applicant while it is open, or a holder of oa:request:cancel whose scope reaches it. */
  async cancel(principal: Principal, id: string, comment: string | null): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      if (!this.mayCancel(principal, run.request)) throw OaError.notAllowed('Only the applicant, or someone allowed to cancel others’ requests, can cancel this request');
      if (!OPEN_REQUEST_STATUSES.has(run.request.status)) throw OaError.requestClosed(id, run.request.status);
      run.history.push({ action: 'cancel', actorId: principal.userId, comment });
      await this.engine.finish(run, 'cancelled', principal.userId, comment);
    });
  }

  /** 催办: tells whoever holds the request's open tasks, at most once an hour. */
  async urge(principal: Principal, id: string, comment: string | null): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      this.requireApplicant(principal, run);
      if (run.request.status !== 'running') throw OaError.requestClosed(id, run.request.status);
      const last = run.request.lastUrgedAt?.getTime();
      if (last !== undefined && run.now.getTime() - last < HOUR) {
        throw new OaError(OaErrorCode.UrgedRecently, HttpStatus.TOO_MANY_REQUESTS, 'The approvers were reminded less than an hour ago').retryAfter((last + HOUR - run.now.getTime()) / 1000);
      }
      run.request.lastUrgedAt = run.now;
      run.requestDirty = true;
      const open = run.tasks.filter((task) => task.status === 'open');
      for (const task of open) this.engine.tellAssignee(run, task, 'oa.task.urged', `${run.applicant.name} 催你审批：${run.version.name} ${run.request.number}`, comment);
      run.history.push({ action: 'urge', actorId: principal.userId, comment, detail: { assigneeIds: [...new Set(open.map((task) => task.assigneeId))] } });
    });
  }

  /** A comment, with files, from anyone who may read the request; the applicant and the current approvers are told. */
  async comment(principal: Principal, id: string, input: CommentDto): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      const attachments = await this.validator.attachments(input.attachmentIds, principal.userId);
      run.linkFiles(attachments.map((file) => file.id));
      run.history.push({ action: 'comment', actorId: principal.userId, comment: input.comment, attachments });
      const told = new Set([run.request.applicantId, ...run.tasks.filter((task) => task.status === 'open').map((task) => task.assigneeId)]);
      told.delete(principal.userId);
      for (const recipientId of told) {
        run.notifications.push({ recipientId, kind: 'oa.request.commented', title: `${run.version.name} ${run.request.number} 有新评论`, body: input.comment, link: run.link(), sourceType: 'oa.request', sourceId: id });
      }
    });
  }

  /** CC at any step: by the applicant or whoever holds an open task on it. */
  async cc(principal: Principal, id: string, input: CcDto): Promise<RequestState> {
    return this.onRequest(principal, id, async (run) => {
      const holds = run.tasks.some((task) => task.status === 'open' && task.assigneeId === principal.userId);
      if (run.request.applicantId !== principal.userId && !holds) throw OaError.notAllowed('Only the applicant or a current approver can copy this request to others');
      if (!OPEN_REQUEST_STATUSES.has(run.request.status)) throw OaError.requestClosed(id, run.request.status);
      await this.requireActivePeople(input.personIds, 'personIds');
      await this.engine.copy(run, input.personIds, null, principal.userId, input.comment ?? null);
    });
  }

  // ---------------------------------------------------------------- the approvers' actions

  async approve(principal: Principal, taskId: string, input: ApproveDto): Promise<RequestState> {
    return this.onTask(principal, taskId, async (run, task) => {
      const attachments = await this.validator.attachments(input.attachmentIds, principal.userId);
      run.linkFiles(attachments.map((file) => file.id));
      if (input.nextApproverIds) await this.requireActivePeople(input.nextApproverIds, 'nextApproverIds');
      await this.act(run, task, 'approved', input.comment);
      run.history.push({ taskId, nodeId: task.nodeId, action: 'approve', actorId: principal.userId, onBehalfOfId: task.onBehalfOfId, comment: input.comment ?? null, attachments });
      run.chosen = { field: 'nextApproverIds', ids: input.nextApproverIds };
      await this.reopenParent(run, task);
      await this.engine.advance(run, await this.engine.settle(run, this.nodeRunOf(run, task)));
    });
  }

  /** A rejection ends the request, whoever gives it: a rule's approver or an added one. */
  async reject(principal: Principal, taskId: string, comment: string | null): Promise<RequestState> {
    return this.onTask(principal, taskId, async (run, task) => {
      await this.act(run, task, 'rejected', comment);
      run.history.push({ taskId, nodeId: task.nodeId, action: 'reject', actorId: principal.userId, onBehalfOfId: task.onBehalfOfId, comment });
      await this.engine.finish(run, 'rejected', principal.userId, comment);
    });
  }

  async returnTask(principal: Principal, taskId: string, input: ReturnDto): Promise<RequestState> {
    return this.onTask(principal, taskId, async (run, task) => {
      let target: OaApprovalNode | null = null;
      if (input.toNodeId) {
        target = this.engine.returnTargets(run, task).find((node) => node.id === input.toNodeId) ?? null;
        if (!target) throw OaError.invalidReference('toNodeId', `The request cannot go back to ${input.toNodeId}: it is not an earlier approval step of this request`);
      }
      await this.act(run, task, 'returned', input.comment);
      run.history.push({ taskId, nodeId: task.nodeId, action: 'return', actorId: principal.userId, onBehalfOfId: task.onBehalfOfId, comment: input.comment ?? null, detail: { toNodeId: target?.id ?? null } });
      // The return closes this round: its history keeps this round, the route goes on in the next.
      run.closeRound();
      await this.engine.returnTo(run, target);
    });
  }

  /** 转办: the task goes to someone else, who decides in the holder's place. */
  async transfer(principal: Principal, taskId: string, input: TransferDto): Promise<RequestState> {
    return this.onTask(principal, taskId, async (run, task) => {
      if (input.toPersonId === principal.userId) throw OaError.invalidReference('toPersonId', 'The task is already yours');
      await this.requireActivePeople([input.toPersonId], 'toPersonId');
      await this.engine.reassign(run, task, input.toPersonId, 'transfer', {}, input.comment ?? null);
    });
  }

  /**
   * 加签: before — the added people approve first and the task comes back; after — the
   * holder approves now and the added people must approve as well. Either way an
   * added approver's rejection ends the request like anyone's.
   */
  async addApprover(principal: Principal, taskId: string, input: AddApproverDto): Promise<RequestState> {
    return this.onTask(principal, taskId, async (run, task) => {
      const people = [...new Set(input.personIds)];
      if (people.includes(principal.userId)) throw OaError.invalidReference('personIds', 'You cannot add yourself');
      await this.requireActivePeople(people, 'personIds');
      const node = run.version.graph.node(task.nodeId) as OaApprovalNode;
      const nodeRun = this.nodeRunOf(run, task);
      run.history.push({ taskId, nodeId: task.nodeId, action: 'add-approver', actorId: principal.userId, onBehalfOfId: task.onBehalfOfId, comment: input.comment ?? null, detail: { position: input.position, personIds: people } });
      if (input.position === 'before') {
        task.status = 'waiting';
        run.taskChanged(task);
        await this.engine.createTasks(run, nodeRun, node, people, 'added-before', task.id);
        return;
      }
      await this.act(run, task, 'approved', input.comment);
      run.history.push({ taskId, nodeId: task.nodeId, action: 'approve', actorId: principal.userId, onBehalfOfId: task.onBehalfOfId, comment: input.comment ?? null });
      await this.engine.createTasks(run, nodeRun, node, people, 'added-after', task.id);
      await this.reopenParent(run, task);
      await this.engine.advance(run, await this.engine.settle(run, nodeRun));
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Locks the request, checks the caller may see it (404 otherwise), runs the action, writes what it collected. */
  private async onRequest(principal: Principal, id: string, action: (run: RequestRun) => Promise<void>): Promise<RequestState> {
    return this.uow.run(async () => {
      const run = await this.engine.load(id, principal.userId);
      if (!run || !(await this.access.canRead(principal, run.request))) throw OaError.notFound('Request', id);
      await action(run);
      await this.engine.save(run);
      return { id: run.request.id, number: run.request.number, status: run.request.status };
    });
  }

  /**
   * Locks the task's request first, then reads the task under that lock: a task the
   * caller does not hold answers 404, one already acted on (or not their turn) 409.
   */
  private async onTask(principal: Principal, taskId: string, action: (run: RequestRun, task: TaskRow) => Promise<void>): Promise<RequestState> {
    return this.uow.run(async () => {
      const requestId = await this.store.requestOfTask(taskId);
      const run = requestId ? await this.engine.load(requestId, principal.userId) : undefined;
      const task = run?.tasks.find((candidate) => candidate.id === taskId);
      if (!run || !task || task.assigneeId !== principal.userId) throw OaError.notFound('Task', taskId);
      if (task.status !== 'open' || run.request.status !== 'running') throw OaError.taskClosed(taskId);
      await action(run, task);
      await this.engine.save(run);
      return { id: run.request.id, number: run.request.number, status: run.request.status };
    });
  }

  private async act(run: RequestRun, task: TaskRow, status: TaskRow['status'], comment: string | null | undefined): Promise<void> {
    task.status = status;
    task.comment = comment ?? null;
    task.actedAt = run.now;
    run.taskChanged(task);
  }

  /** An approver added before someone has approved: the task they were added to is that person's again. */
  private async reopenParent(run: RequestRun, task: TaskRow): Promise<void> {
    if (task.origin !== 'added-before' || !task.parentTaskId) return;
    const parent = run.tasks.find((candidate) => candidate.id === task.parentTaskId);
    if (!parent || parent.status !== 'waiting') return;
    const pendingSiblings = run.tasks.some((candidate) => candidate.parentTaskId === parent.id && candidate.origin === 'added-before' && (candidate.status === 'open' || candidate.status === 'waiting'));
    if (!pendingSiblings) await this.engine.open(run, parent, false);
  }

  private nodeRunOf(run: RequestRun, task: TaskRow) {
    const nodeRun = run.runs.find((candidate) => candidate.id === task.nodeRunId);
    if (!nodeRun) throw new Error(`task ${task.id} has no node run`);
    return nodeRun;
  }

  private requireApplicant(principal: Principal, run: RequestRun): void {
    if (run.request.applicantId !== principal.userId) throw OaError.notAllowed('Only the applicant can do this');
  }

  mayCancel(principal: Principal, request: RequestRow): boolean {
    if (request.applicantId === principal.userId) return true;
    return principal.permissions.has(OaPermission.RequestCancel) && isInScope(principal, OaPermission.RequestCancel, { ownerId: request.applicantId, departmentId: request.applicantDepartmentId });
  }

  /** People named in an action must exist and be here; any other answers as an id that does not exist. */
  async requireActivePeople(ids: readonly string[], field: string): Promise<PersonProfile[]> {
    const people = await this.directory.people(ids);
    const active = new Map(people.filter((person) => person.status === 'active').map((person) => [person.id, person]));
    const missing = ids.map((id, index) => ({ id, index })).filter(({ id }) => !active.has(id));
    if (missing.length > 0) {
      throw OaError.invalidForm(missing.map(({ id, index }) => ({ field: ids.length === 1 && !field.endsWith('Ids') ? field : `${field}[${index}]`, message: `person ${id} does not exist` })));
    }
    return [...active.values()];
  }
}
