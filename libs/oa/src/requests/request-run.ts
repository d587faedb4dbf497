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
 * and what the action will write at its end (history, notifications) in one
 * statement each.
 */
export class RequestRun {
  readonly history: HistoryInput[] = [];
  readonly notifications: NotificationInput[] = [];
  /** Request columns changed by the action, written once at its end. */
  requestDirty = false;
  ended = false;
  /**
   * The people this action chose for a `chosen-by-previous` node, and the field they
   * came in (`chosenApproverIds` on submit, `nextApproverIds` on approve). When the
   * action could carry them but did not, reaching such a node refuses the action.
   */
  chosen?: { field: string; ids?: string[] };

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
}
