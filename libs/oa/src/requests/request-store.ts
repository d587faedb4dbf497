import { Injectable } from '@nestjs/common';
import { UnitOfWork, newId } from '@zhongshu/platform';
import type { HistoryInput, NodeRunRow, RequestRow, TaskRow } from './request-run.js';

const REQUEST_COLUMNS = `id, number, request_type_id, type_version_id, title, applicant_id, applicant_department_id, form_data, status, round,
  chosen_approver_ids, business_type, business_id, submitted_at, ended_at, decided_by, last_urged_at, version`;
const TASK_COLUMNS = `id, request_id, node_run_id, node_id, round, assignee_id, on_behalf_of_id, origin, parent_task_id, seq, status, auto, comment,
  acted_at, opened_at, due_at, reminders_sent, last_reminded_at, escalated`;

/**
 * The SQL of requests, tasks, node runs and history, with no rules in it: the engine
 * decides, this reads and writes. Everything runs on the caller's transaction.
 */
@Injectable()
export class RequestStore {
  constructor(private readonly uow: UnitOfWork) {}

  /** The request, locked until the transaction ends: every action on a request takes this first. */
  async lock(id: string): Promise<RequestRow | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${REQUEST_COLUMNS} FROM oa.request WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toRequest(row) : undefined;
  }

  async read(id: string): Promise<RequestRow | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${REQUEST_COLUMNS} FROM oa.request WHERE id = $1`, [id]);
    return row ? toRequest(row) : undefined;
  }

  async byBusinessKey(businessType: string, businessId: string): Promise<RequestRow | undefined> {
    const [row] = await this.uow.manager.query(`SELECT ${REQUEST_COLUMNS} FROM oa.request WHERE business_type = $1 AND business_id = $2`, [businessType, businessId]);
    return row ? toRequest(row) : undefined;
  }

  async tasksAndRuns(requestId: string): Promise<{ tasks: TaskRow[]; runs: NodeRunRow[] }> {
    // One after the other: inside a transaction both would wait for the same connection anyway.
    const tasks: Array<Record<string, unknown>> = await this.uow.manager.query(`SELECT ${TASK_COLUMNS} FROM oa.task WHERE request_id = $1 ORDER BY created_at, seq, id`, [requestId]);
    const runs: Array<Record<string, unknown>> = await this.uow.manager.query(
      'SELECT id, node_id, node_type, round, status, outcome, started_at, ended_at FROM oa.node_run WHERE request_id = $1 ORDER BY started_at, id',
      [requestId],
    );
    return { tasks: tasks.map(toTask), runs: runs.map(toRun) };
  }

  /** The request a task belongs to (no lock: the caller then locks the request and reads the task again). */
  async requestOfTask(taskId: string): Promise<string | undefined> {
    const [row] = await this.uow.manager.query('SELECT request_id FROM oa.task WHERE id = $1', [taskId]);
    return row?.request_id as string | undefined;
  }

  async insertRequest(request: RequestRow, actorId: string | null): Promise<void> {
    await this.uow.manager.query(
      `INSERT INTO oa.request (id, number, request_type_id, type_version_id, title, applicant_id, applicant_department_id, form_data, status, round,
                               chosen_approver_ids, business_type, business_id, submitted_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
      [
        request.id,
        request.number,
        request.requestTypeId,
        request.typeVersionId,
        request.title,
        request.applicantId,
        request.applicantDepartmentId,
        JSON.stringify(request.formData),
        request.status,
        request.round,
        request.chosenApproverIds,
        request.businessType,
        request.businessId,
        request.submittedAt,
        actorId,
      ],
    );
  }

  async updateRequest(request: RequestRow, actorId: string | null): Promise<void> {
    await this.uow.manager.query(
      `UPDATE oa.request SET status = $2, round = $3, chosen_approver_ids = $4, form_data = $5, title = $6, ended_at = $7, decided_by = $8, last_urged_at = $9,
              version = version + 1, updated_at = now(), updated_by = $10
        WHERE id = $1`,
      [
        request.id,
        request.status,
        request.round,
        request.chosenApproverIds,
        JSON.stringify(request.formData),
        request.title,
        request.endedAt,
        request.decidedBy,
        request.lastUrgedAt,
        actorId,
      ],
    );
    request.version += 1;
  }

  async insertRun(requestId: string, run: NodeRunRow, actorId: string | null): Promise<void> {
    await this.uow.manager.query(
      `INSERT INTO oa.node_run (id, request_id, node_id, node_type, round, status, outcome, started_at, ended_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [run.id, requestId, run.nodeId, run.nodeType, run.round, run.status, run.outcome, run.startedAt, run.endedAt, actorId],
    );
  }

  async updateRun(run: NodeRunRow, actorId: string | null): Promise<void> {
    await this.uow.manager.query('UPDATE oa.node_run SET status = $2, outcome = $3, ended_at = $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1', [
      run.id,
      run.status,
      run.outcome,
      run.endedAt,
      actorId,
    ]);
  }

  /** Any number of new tasks in one statement. */
  async insertTasks(tasks: readonly TaskRow[], actorId: string | null): Promise<void> {
    if (tasks.length === 0) return;
    const column = <K extends keyof TaskRow>(key: K): Array<TaskRow[K]> => tasks.map((task) => task[key]);
    await this.uow.manager.query(
      `INSERT INTO oa.task (id, request_id, node_run_id, node_id, round, assignee_id, on_behalf_of_id, origin, parent_task_id, seq, status, auto, comment,
                            acted_at, opened_at, due_at, created_by, updated_by)
       SELECT t.*, $17::uuid, $17::uuid FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::uuid[], $7::uuid[], $8::text[], $9::uuid[],
                                                   $10::int[], $11::text[], $12::boolean[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[]) AS t`,
      [
        column('id'),
        column('requestId'),
        column('nodeRunId'),
        column('nodeId'),
        column('round'),
        column('assigneeId'),
        column('onBehalfOfId'),
        column('origin'),
        column('parentTaskId'),
        column('seq'),
        column('status'),
        column('auto'),
        column('comment'),
        column('actedAt'),
        column('openedAt'),
        column('dueAt'),
        actorId,
      ],
    );
  }

  async updateTask(task: TaskRow, actorId: string | null): Promise<void> {
    await this.uow.manager.query(
      `UPDATE oa.task SET status = $2, auto = $3, comment = $4, acted_at = $5, opened_at = $6, due_at = $7, assignee_id = $8, on_behalf_of_id = $9,
              reminders_sent = $10, last_reminded_at = $11, escalated = $12, version = version + 1, updated_at = now(), updated_by = $13
        WHERE id = $1`,
      [
        task.id,
        task.status,
        task.auto,
        task.comment,
        task.actedAt,
        task.openedAt,
        task.dueAt,
        task.assigneeId,
        task.onBehalfOfId,
        task.remindersSent,
        task.lastRemindedAt,
        task.escalated,
        actorId,
      ],
    );
  }

  /** The action's history in one statement. */
  async insertHistory(requestId: string, round: number, at: Date, entries: readonly HistoryInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.uow.manager.query(
      `INSERT INTO oa.history (id, request_id, round, task_id, node_id, action, actor_id, on_behalf_of_id, comment, attachments, detail, at)
       SELECT h.id, $1, $2, h.task_id, h.node_id, h.action, h.actor_id, h.on_behalf_of_id, h.comment, h.attachments::jsonb, h.detail::jsonb, $3::timestamptz + h.ord * interval '1 microsecond'
         FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY
              AS h (id, task_id, node_id, action, actor_id, on_behalf_of_id, comment, attachments, detail, ord)`,
      [
        requestId,
        round,
        at,
        entries.map(() => newId()),
        entries.map((entry) => entry.taskId ?? null),
        entries.map((entry) => entry.nodeId ?? null),
        entries.map((entry) => entry.action),
        entries.map((entry) => entry.actorId),
        entries.map((entry) => entry.onBehalfOfId ?? null),
        entries.map((entry) => entry.comment ?? null),
        entries.map((entry) => JSON.stringify(entry.attachments ?? [])),
        entries.map((entry) => JSON.stringify(entry.detail ?? {})),
      ],
    );
  }

  /** Files a request refers to (its form, its comments): whoever may read the request may download them. */
  async linkFiles(requestId: string, fileIds: readonly string[]): Promise<void> {
    if (fileIds.length === 0) return;
    await this.uow.manager.query('INSERT INTO oa.request_file (file_id, request_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING', [[...new Set(fileIds)], requestId]);
  }

  /** CC rows: a person copied again is unread again. */
  async copy(requestId: string, recipientIds: readonly string[], nodeId: string | null, byId: string | null): Promise<void> {
    if (recipientIds.length === 0) return;
    await this.uow.manager.query(
      `INSERT INTO oa.cc (id, request_id, recipient_id, node_id, by_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[])
       ON CONFLICT (request_id, recipient_id) DO UPDATE SET read_at = NULL, node_id = EXCLUDED.node_id, by_id = EXCLUDED.by_id, created_at = now()`,
      [recipientIds.map(() => newId()), recipientIds.map(() => requestId), recipientIds, recipientIds.map(() => nodeId), recipientIds.map(() => byId)],
    );
  }

  /** Whether anyone acted by hand on the request in this round (withdrawing is over then). */
  async anyoneActed(requestId: string, round: number, actions: readonly string[]): Promise<boolean> {
    const [row] = await this.uow.manager.query('SELECT 1 FROM oa.history WHERE request_id = $1 AND round = $2 AND action = ANY($3::text[]) LIMIT 1', [requestId, round, actions]);
    return row !== undefined;
  }
}

export function toRequest(row: Record<string, unknown>): RequestRow {
  return {
    id: row.id as string,
    number: row.number as string,
    requestTypeId: row.request_type_id as string,
    typeVersionId: row.type_version_id as string,
    title: row.title as string,
    applicantId: row.applicant_id as string,
    applicantDepartmentId: row.applicant_department_id as string,
    formData: row.form_data as Record<string, unknown>,
    status: row.status as RequestRow['status'],
    round: Number(row.round),
    chosenApproverIds: (row.chosen_approver_ids as string[] | null) ?? [],
    businessType: (row.business_type as string | null) ?? null,
    businessId: (row.business_id as string | null) ?? null,
    submittedAt: row.submitted_at as Date,
    endedAt: (row.ended_at as Date | null) ?? null,
    decidedBy: (row.decided_by as string | null) ?? null,
    lastUrgedAt: (row.last_urged_at as Date | null) ?? null,
    version: Number(row.version),
  };
}

export function toTask(row: Record<string, unknown>): TaskRow {
  return {
    id: row.id as string,
    requestId: row.request_id as string,
    nodeRunId: row.node_run_id as string,
    nodeId: row.node_id as string,
    round: Number(row.round),
    assigneeId: row.assignee_id as string,
    onBehalfOfId: (row.on_behalf_of_id as string | null) ?? null,
    origin: row.origin as TaskRow['origin'],
    parentTaskId: (row.parent_task_id as string | null) ?? null,
    seq: Number(row.seq),
    status: row.status as TaskRow['status'],
    auto: row.auto as boolean,
    comment: (row.comment as string | null) ?? null,
    actedAt: (row.acted_at as Date | null) ?? null,
    openedAt: (row.opened_at as Date | null) ?? null,
    dueAt: (row.due_at as Date | null) ?? null,
    remindersSent: Number(row.reminders_sent ?? 0),
    lastRemindedAt: (row.last_reminded_at as Date | null) ?? null,
    escalated: (row.escalated as boolean | null) ?? false,
  };
}

function toRun(row: Record<string, unknown>): NodeRunRow {
  return {
    id: row.id as string,
    nodeId: row.node_id as string,
    nodeType: row.node_type as string,
    round: Number(row.round),
    status: row.status as NodeRunRow['status'],
    outcome: (row.outcome as string | null) ?? null,
    startedAt: row.started_at as Date,
    endedAt: (row.ended_at as Date | null) ?? null,
  };
}
