import { Injectable } from '@nestjs/common';
import { UnitOfWork, newId, sql, type Sql, type WriteBatch } from '@zhongshu/platform';
import type { HistoryInput, NodeRunRow, RequestRow, RequestRun, RunWrites, TaskRow } from './request-run.js';

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

  /**
   * Adds everything the action made or changed to the batch its transaction sends at
   * the end (`ApprovalEngine.save`): the request (inserted as the action left it, or its
   * changed columns), node runs, tasks, history, CC rows and file links, a statement of
   * the batch each, each for any number of rows.
   */
  write(batch: WriteBatch, run: RequestRun): void {
    const actorId = run.actorId;
    const request = run.request;
    if (run.requestIsNew) batch.write(insertRequest(request, actorId));
    else if (run.requestDirty) {
      batch.write(updateRequest(request, actorId));
      request.version += 1;
    }
    const writes = run.takeWrites();
    if (writes.newRuns.length > 0) batch.write(insertRuns(request.id, writes.newRuns, actorId));
    if (writes.changedRuns.length > 0) batch.write(updateRuns(writes.changedRuns, actorId));
    if (writes.newTasks.length > 0) batch.write(insertTasks(writes.newTasks, actorId));
    if (writes.changedTasks.length > 0) batch.write(updateTasks(writes.changedTasks, actorId));
    if (writes.history.length > 0) batch.write(insertHistory(request.id, run.now, writes.history));
    if (writes.copies.length > 0) batch.write(insertCopies(request.id, writes.copies));
    if (writes.fileIds.length > 0) {
      batch.write(sql`INSERT INTO oa.request_file (file_id, request_id) SELECT unnest(${writes.fileIds}::uuid[]), ${request.id}::uuid ON CONFLICT DO NOTHING`);
    }
  }

  /** Whether anyone acted by hand on the request in this round (withdrawing is over then). */
  async anyoneActed(requestId: string, round: number, actions: readonly string[]): Promise<boolean> {
    const [row] = await this.uow.manager.query('SELECT 1 FROM oa.history WHERE request_id = $1 AND round = $2 AND action = ANY($3::text[]) LIMIT 1', [requestId, round, actions]);
    return row !== undefined;
  }
}

function insertRequest(request: RequestRow, actorId: string | null): Sql {
  return sql`INSERT INTO oa.request (id, number, request_type_id, type_version_id, title, applicant_id, applicant_department_id, form_data, status, round,
                                     chosen_approver_ids, business_type, business_id, submitted_at, ended_at, decided_by, last_urged_at, created_by, updated_by)
    VALUES (${request.id}::uuid, ${request.number}, ${request.requestTypeId}::uuid, ${request.typeVersionId}::uuid, ${request.title}, ${request.applicantId}::uuid,
            ${request.applicantDepartmentId}::uuid, ${JSON.stringify(request.formData)}::jsonb, ${request.status}, ${request.round}::int, ${request.chosenApproverIds}::uuid[],
            ${request.businessType}::text, ${request.businessId}::text, ${request.submittedAt}::timestamptz, ${request.endedAt}::timestamptz, ${request.decidedBy}::uuid,
            ${request.lastUrgedAt}::timestamptz, ${actorId}::uuid, ${actorId}::uuid)`;
}

function updateRequest(request: RequestRow, actorId: string | null): Sql {
  return sql`UPDATE oa.request SET status = ${request.status}, round = ${request.round}::int, chosen_approver_ids = ${request.chosenApproverIds}::uuid[],
              form_data = ${JSON.stringify(request.formData)}::jsonb, title = ${request.title}, ended_at = ${request.endedAt}::timestamptz, decided_by = ${request.decidedBy}::uuid,
              last_urged_at = ${request.lastUrgedAt}::timestamptz, version = version + 1, updated_at = now(), updated_by = ${actorId}::uuid
        WHERE id = ${request.id}::uuid`;
}

/** The values of one column of many rows, for `unnest`. */
function column<R, K extends keyof R>(rows: readonly R[], key: K): Array<R[K]> {
  return rows.map((row) => row[key]);
}

function insertRuns(requestId: string, runs: readonly NodeRunRow[], actorId: string | null): Sql {
  return sql`INSERT INTO oa.node_run (id, request_id, node_id, node_type, round, status, outcome, started_at, ended_at, created_by, updated_by)
    SELECT r.id, ${requestId}::uuid, r.node_id, r.node_type, r.round, r.status, r.outcome, r.started_at, r.ended_at, ${actorId}::uuid, ${actorId}::uuid
      FROM unnest(${column(runs, 'id')}::uuid[], ${column(runs, 'nodeId')}::text[], ${column(runs, 'nodeType')}::text[], ${column(runs, 'round')}::int[],
                  ${column(runs, 'status')}::text[], ${column(runs, 'outcome')}::text[], ${column(runs, 'startedAt')}::timestamptz[], ${column(runs, 'endedAt')}::timestamptz[])
           AS r (id, node_id, node_type, round, status, outcome, started_at, ended_at)`;
}

function updateRuns(runs: readonly NodeRunRow[], actorId: string | null): Sql {
  return sql`UPDATE oa.node_run n SET status = r.status, outcome = r.outcome, ended_at = r.ended_at, version = n.version + 1, updated_at = now(), updated_by = ${actorId}::uuid
      FROM unnest(${column(runs, 'id')}::uuid[], ${column(runs, 'status')}::text[], ${column(runs, 'outcome')}::text[], ${column(runs, 'endedAt')}::timestamptz[])
           AS r (id, status, outcome, ended_at)
     WHERE n.id = r.id`;
}

function insertTasks(tasks: readonly TaskRow[], actorId: string | null): Sql {
  return sql`INSERT INTO oa.task (id, request_id, node_run_id, node_id, round, assignee_id, on_behalf_of_id, origin, parent_task_id, seq, status, auto, comment,
                                  acted_at, opened_at, due_at, reminders_sent, last_reminded_at, escalated, created_by, updated_by)
    SELECT t.*, ${actorId}::uuid, ${actorId}::uuid
      FROM unnest(${column(tasks, 'id')}::uuid[], ${column(tasks, 'requestId')}::uuid[], ${column(tasks, 'nodeRunId')}::uuid[], ${column(tasks, 'nodeId')}::text[],
                  ${column(tasks, 'round')}::int[], ${column(tasks, 'assigneeId')}::uuid[], ${column(tasks, 'onBehalfOfId')}::uuid[], ${column(tasks, 'origin')}::text[],
                  ${column(tasks, 'parentTaskId')}::uuid[], ${column(tasks, 'seq')}::int[], ${column(tasks, 'status')}::text[], ${column(tasks, 'auto')}::boolean[],
                  ${column(tasks, 'comment')}::text[], ${column(tasks, 'actedAt')}::timestamptz[], ${column(tasks, 'openedAt')}::timestamptz[], ${column(tasks, 'dueAt')}::timestamptz[],
                  ${column(tasks, 'remindersSent')}::int[], ${column(tasks, 'lastRemindedAt')}::timestamptz[], ${column(tasks, 'escalated')}::boolean[]) AS t`;
}

function updateTasks(tasks: readonly TaskRow[], actorId: string | null): Sql {
  return sql`UPDATE oa.task k SET status = t.status, auto = t.auto, comment = t.comment, acted_at = t.acted_at, opened_at = t.opened_at, due_at = t.due_at,
              assignee_id = t.assignee_id, on_behalf_of_id = t.on_behalf_of_id, reminders_sent = t.reminders_sent, last_reminded_at = t.last_reminded_at,
              escalated = t.escalated, version = k.version + 1, updated_at = now(), updated_by = ${actorId}::uuid
      FROM unnest(${column(tasks, 'id')}::uuid[], ${column(tasks, 'status')}::text[], ${column(tasks, 'auto')}::boolean[], ${column(tasks, 'comment')}::text[],
                  ${column(tasks, 'actedAt')}::timestamptz[], ${column(tasks, 'openedAt')}::timestamptz[], ${column(tasks, 'dueAt')}::timestamptz[],
                  ${column(tasks, 'assigneeId')}::uuid[], ${column(tasks, 'onBehalfOfId')}::uuid[], ${column(tasks, 'remindersSent')}::int[],
                  ${column(tasks, 'lastRemindedAt')}::timestamptz[], ${column(tasks, 'escalated')}::boolean[])
           AS t (id, status, auto, comment, acted_at, opened_at, due_at, assignee_id, on_behalf_of_id, reminders_sent, last_reminded_at, escalated)
     WHERE k.id = t.id`;
}

/** The action's history, in the order it happened (a microsecond apart, so it sorts back the same). */
function insertHistory(requestId: string, at: Date, history: RunWrites['history']): Sql {
  const entries = history.map(({ entry }) => entry);
  const value = <K extends keyof HistoryInput>(key: K): Array<HistoryInput[K] | null> => entries.map((entry) => entry[key] ?? null);
  return sql`INSERT INTO oa.history (id, request_id, round, task_id, node_id, action, actor_id, on_behalf_of_id, comment, attachments, detail, at)
    SELECT h.id, ${requestId}::uuid, h.round, h.task_id, h.node_id, h.action, h.actor_id, h.on_behalf_of_id, h.comment, h.attachments::jsonb, h.detail::jsonb,
           ${at}::timestamptz + h.ord * interval '1 microsecond'
      FROM unnest(${entries.map(() => newId())}::uuid[], ${history.map(({ round }) => round)}::int[], ${value('taskId')}::uuid[], ${value('nodeId')}::text[],
                  ${value('action')}::text[], ${value('actorId')}::uuid[], ${value('onBehalfOfId')}::uuid[], ${value('comment')}::text[],
                  ${entries.map((entry) => JSON.stringify(entry.attachments ?? []))}::text[], ${entries.map((entry) => JSON.stringify(entry.detail ?? {}))}::text[]) WITH ORDINALITY
           AS h (id, round, task_id, node_id, action, actor_id, on_behalf_of_id, comment, attachments, detail, ord)`;
}

/** CC rows: a person copied again is unread again. */
function insertCopies(requestId: string, copies: RunWrites['copies']): Sql {
  return sql`INSERT INTO oa.cc (id, request_id, recipient_id, node_id, by_id)
    SELECT c.id, ${requestId}::uuid, c.recipient_id, c.node_id, c.by_id
      FROM unnest(${copies.map(() => newId())}::uuid[], ${column(copies, 'recipientId')}::uuid[], ${column(copies, 'nodeId')}::text[], ${column(copies, 'byId')}::uuid[])
           AS c (id, recipient_id, node_id, by_id)
    ON CONFLICT (request_id, recipient_id) DO UPDATE SET read_at = NULL, node_id = EXCLUDED.node_id, by_id = EXCLUDED.by_id, created_at = now()`;
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
