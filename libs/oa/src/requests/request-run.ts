import type { OaAttachmentRef, PersonProfile } from '@zhongshu/contracts';
import type { NotificationInput } from '@zhongshu/platform';
import type { ConditionData } from '../process/conditions.js';
import type { TaskOrigin, TaskStatus } from '../process/node-progress.js';
import type { PublishedVersion } from '../request-types/published-versions.js';

export const REQUEST_STATUSES = ['running', 'returned', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A request may still be acted on while it runs or waits for the applicant after a return. */
export const OPEN_REQUEST_STATUSES: ReadonlySet<RequestStatus> = new Set(['running', 'returned']);

export interface RequestRow {
  id: string;
  number: string;
  requestTypeId: string;
  typeVersionId: string;
  title: string;
  applicantId: string;
  applicantDepartmentId: string;
  formData: Record<string, unknown>;
  status: RequestStatus;
  round: number;
  chosenApproverIds: string[];
  businessType: string | null;
  businessId: string | null;
  submittedAt: Date;
  endedAt: Date | null;
  decidedBy: string | null;
  lastUrgedAt: Date | null;
  version: number;
}

export interface TaskRow {
  id: string;
  requestId: string;
  nodeRunId: string;
  nodeId: string;
  round: number;
  assigneeId: string;
  onBehalfOfId: string | null;
  origin: TaskOrigin;
  parentTaskId: string | null;
  seq: number;
  status: TaskStatus;
  auto: boolean;
  comment: string | null;
  actedAt: Date | null;
  openedAt: Date | null;
  dueAt: Date | null;
  remindersSent: number;
  lastRemindedAt: Date | null;
  escalated: boolean;
}

export type NodeRunStatus = 'active' | 'done' | 'skipped' | 'cancelled';

export interface NodeRunRow {
  id: string;
  nodeId: string;
  nodeType: string;
  round: number;
  status: NodeRunStatus;
  outcome: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export type HistoryAction =
  | 'submit'
  | 'resubmit'
  | 'approve'
  | 'reject'
  | 'return'
  | 'transfer'
  | 'add-approver'
  | 'withdraw'
  | 'cancel'
  | 'urge'
  | 'comment'
  | 'cc'
  | 'auto-approve'
  | 'skip'
  | 'remind'
  | 'escalate'
  | 'move';

/** What people did on a request by hand (automatic steps are not "acting"): withdrawing is possible until one of these. */
export const MANUAL_TASK_ACTIONS: readonly HistoryAction[] = ['approve', 'reject', 'return', 'transfer', 'add-approver'];

export interface HistoryInput {
  taskId?: string | null;
  nodeId?: string | null;
  action: HistoryAction;
  actorId: string | null;
  onBehalfOfId?: string | null;
  comment?: string | null;
  attachments?: OaAttachmentRef[];
  detail?: Record<string, unknown>;
}

/**
 * One action on one request, inside its transaction and under its row lock: the
 * request, its tasks and node runs as read after the lock, the version it runs on,
 * and everything the action changes, kept in memory until `ApprovalEngine.save`
 * writes it in one statement: the request (inserted, when the action submitted it),
 * the node runs and tasks it made or changed, history, CC rows, file links and
 * notifications. A row the action made is inserted with its final values.
 */
export class RequestRun {
  readonly history: HistoryInput[] = [];
  readonly notifications: NotificationInput[] = [];
  /** Request columns changed by the action, written once at its end. */
  requestDirty = false;
  /** The action submitted the request: it is inserted at the end, as the action left it. */
  requestIsNew = false;
  ended = false;
  /**
   * The people this action chose for a `chosen-by-previous` node, and the field they
   * came in (`chosenApproverIds` on submit, `nextApproverIds` on approve). When the
   * action could carry them but did not, reaching such a node refuses the action.
   */
  chosen?: { field: string; ids?: string[] };
  /** Ids of the node runs and tasks this action made. */
  private readonly made = new Set<string>();
  private readonly changedRuns = new Set<NodeRunRow>();
  private readonly changedTasks = new Set<TaskRow>();
  /** History of rounds the action closed (a return), with the round it belongs to. */
  private readonly closedRounds: Array<{ round: number; entries: HistoryInput[] }> = [];
  /** CC rows by recipient: a person copied twice in one action is copied once, the last time. */
  readonly copies = new Map<string, { nodeId: string | null; byId: string | null }>();
  readonly fileIds = new Set<string>();

  constructor(
    readonly request: RequestRow,
    readonly version: PublishedVersion,
    readonly applicant: PersonProfile,
    readonly now: Date,
    readonly actorId: string | null,
    readonly tasks: TaskRow[],
    readonly runs: NodeRunRow[],
  ) {}

  conditionData(): ConditionData {
    return {
      form: this.request.formData,
      applicant: { id: this.applicant.id, departmentId: this.request.applicantDepartmentId, positionId: this.applicant.positionId, level: this.applicant.level },
    };
  }

  pendingTasks(): TaskRow[] {
    return this.tasks.filter((task) => task.status === 'open' || task.status === 'waiting');
  }

  activeRuns(): NodeRunRow[] {
    return this.runs.filter((run) => run.status === 'active');
  }

  link(): string {
    return `/oa/requests/${this.request.id}`;
  }

  addRun(nodeRun: NodeRunRow): void {
    this.runs.push(nodeRun);
    this.made.add(nodeRun.id);
  }

  addTasks(tasks: readonly TaskRow[]): void {
    this.tasks.push(...tasks);
    for (const task of tasks) this.made.add(task.id);
  }

  /** A node run read from the database changed (one the action made is written as it ends up anyway). */
  runChanged(nodeRun: NodeRunRow): void {
    if (!this.made.has(nodeRun.id)) this.changedRuns.add(nodeRun);
  }

  taskChanged(task: TaskRow): void {
    if (!this.made.has(task.id)) this.changedTasks.add(task);
  }

  copy(recipientIds: readonly string[], nodeId: string | null, byId: string | null): void {
    for (const recipientId of recipientIds) {
      this.copies.delete(recipientId);
      this.copies.set(recipientId, { nodeId, byId });
    }
  }

  linkFiles(fileIds: readonly string[]): void {
    for (const id of fileIds) this.fileIds.add(id);
  }

  /** The round ends (a return): its history keeps the round it happened in. */
  closeRound(): void {
    this.closedRounds.push({ round: this.request.round, entries: this.history.splice(0) });
  }

  /** What `save` writes, in the order it happened; taking it empties the action's record. */
  takeWrites(): RunWrites {
    const writes: RunWrites = {
      newRuns: this.runs.filter((run) => this.made.has(run.id)),
      changedRuns: [...this.changedRuns],
      newTasks: this.tasks.filter((task) => this.made.has(task.id)),
      changedTasks: [...this.changedTasks],
      history: [...this.closedRounds.splice(0), { round: this.request.round, entries: this.history.splice(0) }].flatMap(({ round, entries }) => entries.map((entry) => ({ round, entry }))),
      copies: [...this.copies].map(([recipientId, copy]) => ({ recipientId, ...copy })),
      fileIds: [...this.fileIds],
    };
    this.made.clear();
    this.changedRuns.clear();
    this.changedTasks.clear();
    this.copies.clear();
    this.fileIds.clear();
    return writes;
  }
}

/** The rows an action made or changed, as `RequestRun.takeWrites` hands them to the store. */
export interface RunWrites {
  newRuns: NodeRunRow[];
  changedRuns: NodeRunRow[];
  newTasks: TaskRow[];
  changedTasks: TaskRow[];
  history: Array<{ round: number; entry: HistoryInput }>;
  copies: Array<{ recipientId: string; nodeId: string | null; byId: string | null }>;
  fileIds: string[];
}
