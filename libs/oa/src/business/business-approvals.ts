import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type BusinessApproval, type BusinessApprovals, type OrgDirectory } from '@zhongshu/contracts';
import { UnitOfWork, readTogether } from '@zhongshu/platform';
import { PublishedVersions } from '../request-types/published-versions.js';

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The BUSINESS_APPROVALS port: the requests OA started for another context's records,
 * with each step of their history and who they wait for, on the caller's connection.
 */
@Injectable()
export class OaBusinessApprovals implements BusinessApprovals {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly versions: PublishedVersions,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async approvalsOf(businessType: string, businessIds: readonly string[]): Promise<BusinessApproval[]> {
    if (businessIds.length === 0) return [];
    const manager = this.uow.manager;
    const requests: Array<{ id: string; number: string; business_id: string; status: BusinessApproval['status']; type_version_id: string; submitted_at: string; ended_at: string | null }> = await manager.query(
      `SELECT id, number, business_id, status, type_version_id, ${iso('submitted_at')} AS submitted_at, ${iso('ended_at')} AS ended_at
         FROM oa.request WHERE business_type = $1 AND business_id = ANY($2::text[]) ORDER BY submitted_at, id`,
      [businessType, [...businessIds]],
    );
    if (requests.length === 0) return [];
    const ids = requests.map((request) => request.id);
    type HistoryRow = { request_id: string; node_id: string | null; action: string; actor_id: string | null; comment: string | null; at: string };
    type PendingRow = { request_id: string; node_id: string; assignee_id: string };
    const [history, pending] = await readTogether<[HistoryRow[], PendingRow[]]>(manager, [
        () => manager.query(`SELECT request_id, node_id, action, actor_id, comment, ${iso('at')} AS at FROM oa.history WHERE request_id = ANY($1::uuid[]) ORDER BY at, id`, [ids]),
        () => manager.query(`SELECT request_id, node_id, assignee_id FROM oa.task WHERE request_id = ANY($1::uuid[]) AND status = 'open' ORDER BY created_at, id`, [ids])]);
    const people = new Map((await this.directory.people([...new Set([...history.map((row) => row.actor_id), ...pending.map((row) => row.assignee_id)].filter((id): id is string => !!id))])).map((person) => [person.id, person.name]));
    const result: BusinessApproval[] = [];
    for (const request of requests) {
      const version = await this.versions.get(request.type_version_id);
      const nodeName = (nodeId: string | null): string | null => (nodeId ? (version?.graph.node(nodeId)?.name ?? nodeId) : null);
      result.push({
        requestId: request.id,
        number: request.number,
        businessId: request.business_id,
        status: request.status,
        submittedAt: request.submitted_at,
        endedAt: request.ended_at,
        steps: history
          .filter((row) => row.request_id === request.id)
          .map((row) => ({ action: row.action, actorId: row.actor_id, actorName: row.actor_id ? (people.get(row.actor_id) ?? null) : null, nodeName: nodeName(row.node_id), comment: row.comment, at: row.at })),
        waitingFor: pending
          .filter((row) => row.request_id === request.id)
          .map((row) => ({ nodeName: nodeName(row.node_id) ?? row.node_id, assigneeId: row.assignee_id, assigneeName: people.get(row.assignee_id) ?? null })),
      });
    }
    return result;
  }
}
