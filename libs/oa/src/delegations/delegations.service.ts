import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, OaPermission, type OrgDirectory } from '@zhongshu/contracts';
import { AuditScope, PlatformError, PlatformErrorCode, ScheduledJob, UnitOfWork, newId, type Principal, type ScheduledRun } from '@zhongshu/platform';
import { OaError, OaErrorCode } from '../oa-error.js';
import { ApprovalEngine } from '../requests/approval-engine.js';
import type { CreateDelegationDto, DelegationDto } from './delegation.dto.js';

interface DelegationRow {
  id: string;
  delegator_id: string;
  delegate_id: string;
  start_date: string;
  end_date: string;
  request_type_ids: string[];
  status: 'scheduled' | 'active' | 'ended';
  reason: string | null;
  version: number;
}

const COLUMNS = `id, delegator_id, delegate_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, request_type_ids, status, reason, version`;

/**
 * 委托: a stand-in for a date range, for every request type or chosen ones. From its
 * first day new tasks go to the stand-in and the open ones move there (in the
 * transaction that starts it: the save, or the daily calendar job on the Clock);
 * the history shows "B for A". Chains are followed three hops at most, and a
 * delegation that would close a loop is refused.
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ApprovalEngine,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async list(principal: Principal, personId?: string): Promise<DelegationDto[]> {
    const subject = personId ?? principal.userId;
    if (subject !== principal.userId) this.requireManage(principal);
    const rows: DelegationRow[] = await this.uow.manager.query(
      `SELECT ${COLUMNS} FROM oa.delegation WHERE (delegator_id = $1 OR delegate_id = $1) AND status <> 'ended' ORDER BY start_date, id`,
      [subject],
    );
    return this.toDtos(rows);
  }

  async create(principal: Principal, input: CreateDelegationDto): Promise<DelegationDto> {
    const delegatorId = input.delegatorId ?? principal.userId;
    if (delegatorId !== principal.userId) this.requireManage(principal);
    if (input.delegateId === delegatorId) throw OaError.invalidReference('delegateId', 'A person cannot stand in for themselves');
    if (input.endDate < input.startDate) throw OaError.invalidReference('endDate', 'The delegation must not end before it starts');
    return this.uow.run(async (manager) => {
      const people = await this.directory.people([delegatorId, input.delegateId]);
      for (const [field, id] of [['delegatorId', delegatorId], ['delegateId', input.delegateId]] as const) {
        if (people.find((person) => person.id === id)?.status !== 'active') throw OaError.invalidReference(field, `Person ${id} does not exist`);
      }
      const types = [...new Set(input.requestTypeIds ?? [])];
      // Saving delegations one at a time: two saved at once must not close a loop between them.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['oa.delegation']);
      const [loop] = await manager.query(
        `WITH RECURSIVE reach (person_id, path) AS (
           SELECT $2::uuid, ARRAY[$1::uuid, $2::uuid]
           UNION ALL
           SELECT d.delegate_id, reach.path || d.delegate_id FROM reach JOIN oa.delegation d ON d.delegator_id = reach.person_id
            WHERE d.status <> 'ended' AND d.start_date <= $4::date AND d.end_date >= $3::date
              AND (cardinality(d.request_type_ids) = 0 OR cardinality($5::uuid[]) = 0 OR d.request_type_ids && $5::uuid[])
              AND NOT d.delegate_id = ANY(reach.path[2:]) AND cardinality(reach.path) < 50
         )
         SELECT 1 FROM reach WHERE person_id = $1 LIMIT 1`,
        [delegatorId, input.delegateId, input.startDate, input.endDate, types],
      );
      if (loop) {
        throw new OaError(OaErrorCode.DelegationLoop, HttpStatus.UNPROCESSABLE_ENTITY, 'This delegation would close a loop: the stand-in already delegates, directly or not, back to this person', [
          { field: 'delegateId', message: 'delegates back to this person' },
        ]);
      }
      const today = this.engine.today();
      const status = input.startDate <= today && input.endDate >= today ? 'active' : input.endDate < today ? 'ended' : 'scheduled';
      const id = newId();
      await manager.query(
        `INSERT INTO oa.delegation (id, delegator_id, delegate_id, start_date, end_date, request_type_ids, status, reason, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [id, delegatorId, input.delegateId, input.startDate, input.endDate, types, status, input.reason ?? null, principal.userId],
      );
      if (status === 'active') await this.moveOpenTasks(delegatorId, types, principal.userId);
      const [row] = await manager.query(`SELECT ${COLUMNS} FROM oa.delegation WHERE id = $1`, [id]);
      return (await this.toDtos([row]))[0];
    });
  }

  /** Ends a delegation early; tasks already with the stand-in stay there. */
  async end(principal: Principal, id: string): Promise<void> {
    await this.uow.run(async (manager) => {
      const [row] = await manager.query(`SELECT ${COLUMNS} FROM oa.delegation WHERE id = $1 FOR UPDATE`, [id]);
      if (!row || (row.delegator_id !== principal.userId && !principal.permissions.has(OaPermission.DelegationManage))) throw OaError.notFound('Delegation', id);
      if (row.status === 'ended') return;
      await manager.query(`UPDATE oa.delegation SET status = 'ended', version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [id, principal.userId]);
    });
  }

  /** Every minute on the Clock: delegations whose first day has come start (moving open tasks), those past their last day end. */
  @ScheduledJob('oa.delegation-calendar', { everyMs: 60_000 })
  async calendar(_run: ScheduledRun): Promise<{ started: number; ended: number }> {
    return AuditScope.run({ action: 'oa:delegation:calendar' }, async () => {
      // The engine's today is the Clock's, which is also what the run was started with.
      const today = this.engine.today();
      const ended = await this.uow.run(async (manager) => {
        const rows = await manager.query(
          `WITH ended AS (UPDATE oa.delegation SET status = 'ended', version = version + 1, updated_at = now() WHERE status <> 'ended' AND end_date < $1::date RETURNING id)
           SELECT count(*)::int AS n FROM ended`,
          [today],
        );
        return rows[0].n as number;
      });
      const due: DelegationRow[] = await this.uow.manager.query(`SELECT ${COLUMNS} FROM oa.delegation WHERE status = 'scheduled' AND start_date <= $1::date AND end_date >= $1::date`, [today]);
      for (const delegation of due) {
        await this.uow.run(async (manager) => {
          const [started] = await manager.query(
            `WITH started AS (UPDATE oa.delegation SET status = 'active', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'scheduled' RETURNING id) SELECT id FROM started`,
            [delegation.id],
          );
          if (started) await this.moveOpenTasks(delegation.delegator_id, delegation.request_type_ids, null);
        });
      }
      return { started: due.length, ended };
    });
  }

  /** The delegator's pending tasks go to their stand-in, request by request under each request's lock. */
  private async moveOpenTasks(delegatorId: string, requestTypeIds: readonly string[], actorId: string | null): Promise<void> {
    const requests: Array<{ request_id: string }> = await this.uow.manager.query(
      `SELECT DISTINCT t.request_id FROM oa.task t JOIN oa.request r ON r.id = t.request_id
        WHERE t.assignee_id = $1 AND t.status IN ('open', 'waiting') AND (cardinality($2::uuid[]) = 0 OR r.request_type_id = ANY($2::uuid[]))`,
      [delegatorId, requestTypeIds],
    );
    for (const { request_id: requestId } of requests) {
      const run = await this.engine.load(requestId, actorId);
      if (!run) continue;
      for (const task of run.pendingTasks().filter((candidate) => candidate.assigneeId === delegatorId)) {
        await this.engine.reassign(run, task, delegatorId, 'move', { reason: 'delegation' });
      }
      await this.engine.save(run);
    }
  }

  private requireManage(principal: Principal): void {
    if (!principal.permissions.has(OaPermission.DelegationManage)) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `Setting delegations for others needs the permission ${OaPermission.DelegationManage}`);
    }
  }

  private async toDtos(rows: DelegationRow[]): Promise<DelegationDto[]> {
    const people = new Map((await this.directory.people(rows.flatMap((row) => [row.delegator_id, row.delegate_id]))).map((person) => [person.id, person.name]));
    return rows.map((row) => ({
      id: row.id,
      delegator: { id: row.delegator_id, name: people.get(row.delegator_id) ?? row.delegator_id },
      delegate: { id: row.delegate_id, name: people.get(row.delegate_id) ?? row.delegate_id },
      startDate: row.start_date,
      endDate: row.end_date,
      requestTypeIds: row.request_type_ids,
      status: row.status,
      reason: row.reason,
      version: Number(row.version),
    }));
  }
}
