import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, OrgPermission, type EventEnvelope, type OrgDirectory } from '@zhongshu/contracts';
import { EventHandler, PlatformError, UnitOfWork, requireInScope, type Principal } from '@zhongshu/platform';
import { PublishedVersions } from '../request-types/published-versions.js';
import { ApprovalEngine } from '../requests/approval-engine.js';
import type { PersonOpenTaskDto } from '../requests/request.dto.js';
import { RequestViews } from '../requests/request-views.service.js';

/**
 * Offboarding never strands a task: when a person leaves, their open and waiting tasks
 * move to their department leader, else to the process admin, each with a
 * notification, a history entry and (through the change trigger, under this handler's
 * action) an audit row. Before the offboarding is confirmed the org dialog asks OA
 * what the person holds and where each task would go; org itself knows nothing of OA.
 */
@Injectable()
export class LeaverTasks {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ApprovalEngine,
    private readonly versions: PublishedVersions,
    private readonly views: RequestViews,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  @EventHandler('org.person.status-changed', { name: 'oa.reassign-leaver-tasks' })
  async onStatusChanged(event: EventEnvelope<'org.person.status-changed'>): Promise<void> {
    if (event.payload.status !== 'left') return;
    const leaverId = event.payload.personId;
    const requests: Array<{ request_id: string }> = await this.uow.manager.query(
      `SELECT DISTINCT request_id FROM oa.task WHERE assignee_id = $1 AND status IN ('open', 'waiting')`,
      [leaverId],
    );
    const leader = await this.leaderOf(leaverId);
    for (const { request_id: requestId } of requests) {
      const run = await this.engine.load(requestId, null);
      if (!run) continue;
      for (const task of run.pendingTasks().filter((candidate) => candidate.assigneeId === leaverId)) {
        await this.engine.reassign(run, task, leader ?? run.version.process.settings.adminId, 'move', { reason: 'left', leaverId });
      }
      await this.engine.save(run);
    }
    // A leaver neither delegates nor stands in any more.
    await this.uow.manager.query(`UPDATE oa.delegation SET status = 'ended', version = version + 1, updated_at = now() WHERE status <> 'ended' AND (delegator_id = $1 OR delegate_id = $1)`, [leaverId]);
  }

  /** Who holds what, and where each task would move if the person left now (the caller must reach the person). */
  async openTasks(principal: Principal, personId: string): Promise<PersonOpenTaskDto[]> {
    const [person] = await this.directory.people([personId]);
    if (!person) throw PlatformError.notFound('Person', personId);
    requireInScope(principal, OrgPermission.PersonOffboard, { ownerId: person.id, departmentId: person.departmentId }, 'Person', personId);
    return this.openTasksOf(personId);
  }

  /**
   * The person's open and waiting tasks with where each would go: the same choice the
   * handler makes when they leave (their leader, else the process admin). On the
   * caller's transaction; writes nothing.
   */
  async openTasksOf(personId: string): Promise<PersonOpenTaskDto[]> {
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      `SELECT t.id AS task_id, t.status AS task_status, t.node_id, r.type_version_id, r.id, r.number, r.title, r.status, r.applicant_id, r.submitted_at, r.ended_at, r.request_type_id,
              rt.code AS type_code, rt.name AS type_name, rt.category AS type_category, rt.icon AS type_icon
         FROM oa.task t JOIN oa.request r ON r.id = t.request_id JOIN oa.request_type rt ON rt.id = r.request_type_id
        WHERE t.assignee_id = $1 AND t.status IN ('open', 'waiting') ORDER BY r.submitted_at, t.id`,
      [personId],
    );
    const leader = await this.leaderOf(personId);
    const names = await this.views.names([...rows.map((row) => row.applicant_id as string), ...(leader ? [leader] : [])]);
    const result: PersonOpenTaskDto[] = [];
    for (const row of rows) {
      const version = await this.versions.get(row.type_version_id as string);
      const target = leader ?? version?.process.settings.adminId ?? null;
      if (target && !names.has(target)) for (const [id, name] of await this.views.names([target])) names.set(id, name);
      result.push({
        taskId: row.task_id as string,
        status: row.task_status as string,
        nodeName: version?.graph.node(row.node_id as string)?.name ?? (row.node_id as string),
        request: this.views.listItem(row, names, false),
        movesTo: target ? { id: target, name: names.get(target) ?? target } : null,
      });
    }
    return result;
  }

  /** The leader of the person's department, or of the nearest department above with one other than them. */
  private async leaderOf(personId: string): Promise<string | undefined> {
    const leaders = await this.directory.departmentLeaders(personId, 5);
    return leaders.map((leader) => leader.leaderId).find((id): id is string => !!id && id !== personId);
  }
}
