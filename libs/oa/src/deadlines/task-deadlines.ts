import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type OaApprovalNode, type OrgDirectory } from '@zhongshu/contracts';
import { AuditScope, ScheduledJob, UnitOfWork, type ScheduledRun } from '@zhongshu/platform';
import { ApprovalEngine } from '../requests/approval-engine.js';
import type { RequestRun, TaskRow } from '../requests/request-run.js';

const HOUR = 3_600_000;
const BATCH = 500;

/**
 * 时限: every minute on the Clock, open tasks past their node's deadline are reminded
 * (`remind.times` reminders, `everyHours` apart) and then escalated as the node says:
 * approved or rejected in the assignee's place, or passed to the assignee's department
 * leader. Each request is handled under its row lock, like any action on it.
 */
@Injectable()
export class TaskDeadlines {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ApprovalEngine,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  @ScheduledJob('oa.task-deadlines', { everyMs: 60_000 })
  async check({ now }: ScheduledRun): Promise<{ reminded: number; escalated: number }> {
    return AuditScope.run({ action: 'oa:task:deadline' }, async () => {
      const due: Array<{ request_id: string }> = await this.uow.manager.query(
        `SELECT DISTINCT request_id FROM (SELECT request_id FROM oa.task WHERE status = 'open' AND NOT escalated AND due_at <= $1 ORDER BY due_at LIMIT ${BATCH}) t`,
        [now],
      );
      const tally = { reminded: 0, escalated: 0 };
      for (const { request_id: requestId } of due) {
        await this.uow.run(async () => {
          const run = await this.engine.load(requestId, null);
          if (!run || run.request.status !== 'running') return;
          for (const task of run.tasks.filter((candidate) => candidate.status === 'open' && !candidate.escalated && candidate.dueAt && candidate.dueAt <= now)) {
            if (run.ended || task.status !== 'open') continue;
            const outcome = await this.apply(run, task, now);
            if (outcome) tally[outcome] += 1;
          }
          await this.engine.save(run);
        });
      }
      return tally;
    });
  }

  private async apply(run: RequestRun, task: TaskRow, now: Date): Promise<'reminded' | 'escalated' | undefined> {
    const node = run.version.graph.node(task.nodeId) as OaApprovalNode;
    const deadline = node.deadline;
    if (!deadline || !task.dueAt) return undefined;
    const remind = deadline.remind;
    const every = (remind?.everyHours ?? 0) * HOUR;
    if (remind && task.remindersSent < remind.times) {
      const nextAt = task.lastRemindedAt ? task.lastRemindedAt.getTime() + every : task.dueAt.getTime();
      if (now.getTime() < nextAt) return undefined;
      task.remindersSent += 1;
      task.lastRemindedAt = now;
      this.engine.saveTask(run, task);
      run.history.push({ taskId: task.id, nodeId: task.nodeId, action: 'remind', actorId: null, detail: { reminder: task.remindersSent, of: remind.times } });
      this.engine.tellAssignee(run, task, 'oa.task.reminder', `审批已超时，请尽快处理：${run.version.name} ${run.request.number}`);
      return 'reminded';
    }
    const escalateAt = remind && task.lastRemindedAt ? task.lastRemindedAt.getTime() + every : task.dueAt.getTime();
    if (now.getTime() < escalateAt) return undefined;
    const policy = deadline.escalate ?? 'none';
    task.escalated = true;
    run.history.push({ taskId: task.id, nodeId: task.nodeId, action: 'escalate', actorId: null, onBehalfOfId: task.assigneeId, detail: { policy } });
    switch (policy) {
      case 'approve':
        task.status = 'approved';
        task.auto = true;
        task.actedAt = now;
        this.engine.saveTask(run, task);
        await this.engine.advance(run, await this.engine.settle(run, run.runs.find((nodeRun) => nodeRun.id === task.nodeRunId) as RequestRun['runs'][number]));
        break;
      case 'reject':
        task.status = 'rejected';
        task.auto = true;
        task.actedAt = now;
        this.engine.saveTask(run, task);
        await this.engine.finish(run, 'rejected', null, '审批超时，按流程设置自动驳回');
        break;
      case 'leader': {
        const leaders = await this.directory.departmentLeaders(task.assigneeId, 5);
        const leaderId = leaders.map((leader) => leader.leaderId).find((id): id is string => !!id && id !== task.assigneeId) ?? run.version.process.settings.adminId;
        this.engine.saveTask(run, task);
        await this.engine.reassign(run, task, leaderId, 'move', { reason: 'escalation' });
        break;
      }
      default:
        this.engine.saveTask(run, task);
    }
    return 'escalated';
  }
}
