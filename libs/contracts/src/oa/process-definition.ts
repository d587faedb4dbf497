/**
 * 审批流程: the process of an OA request type, as data, in the tree Chinese office users
 * know from DingTalk: a chain of nodes from the start, where a route node (conditions or
 * parallel branches) holds branches that are chains themselves and join again before the
 * route's `next`. The end is where a chain stops (`next` absent or null). Published
 * versions are immutable: a running request keeps the version it started on.
 */

/** Who approves, or who is copied: resolved when the node is reached. */
export type OaApproverRule =
  /** Named people. */
  | { kind: 'people'; personIds: string[] }
  /** Every active holder of a role (org's role code). */
  | { kind: 'role'; roleCode: string }
  /** Active holders of a position: in the applicant's main department, or anywhere. */
  | { kind: 'position'; positionId: string; where: 'applicant-department' | 'anywhere' }
  /**
   * The leader of the applicant's department (`levelsUp` 0), or of the department
   * `levelsUp` levels above it.
   */
  | { kind: 'department-leader'; levelsUp: number }
  /**
   * The applicant's manager chain: the direct manager first, up to `levels` managers, or
   * up to and including the first who holds `untilPositionId`.
   */
  | { kind: 'manager-chain'; levels?: number; untilPositionId?: string }
  /** The people named in a person field of the form, or the leaders of a department field. */
  | { kind: 'form-field'; field: string }
  /** The applicant themselves (a confirmation step). */
  | { kind: 'applicant' }
  /** Whoever the approver of the previous node chose when approving. */
  | { kind: 'chosen-by-previous' };

export type OaApproverRuleKind = OaApproverRule['kind'];

/**
 * How several approvers of one node decide: one after another (依次审批); all must
 * approve (会签); any one approves for all (或签); or a share of them (percentage, 1-100).
 * A rejection ends the request in every mode.
 */
export type OaApprovalMode = 'sequential' | 'all' | 'any' | 'percentage';

/** When a node's rule finds nobody: skip the node, send it to the process admin, or refuse the submission. */
export type OaWhenNoApprover = 'skip' | 'admin' | 'refuse';

/** 时限: a deadline per node, reminders before escalation, then what happens. */
export interface OaNodeDeadline {
  /** Working time is not modelled here: wall-clock hours from when the task was created. */
  hours: number;
  /** Reminders to the assignee after the deadline, `every` hours apart, at most `times`. */
  remind?: { everyHours: number; times: number };
  /** After the reminders: approve, reject, or pass the task to the assignee's department leader. */
  escalate?: 'approve' | 'reject' | 'leader' | 'none';
}

interface OaNodeBase {
  /** Unique in the process; stable across versions so history and errors can name it. */
  id: string;
  name: string;
  /** The next node of this chain; absent or null ends the chain. */
  next?: OaProcessNode | null;
}

export interface OaStartNode extends OaNodeBase {
  type: 'start';
}

export interface OaApprovalNode extends OaNodeBase {
  type: 'approval';
  approvers: OaApproverRule;
  mode: OaApprovalMode;
  /** mode 'percentage': the share of approvers who must approve, 1-100. */
  percentage?: number;
  whenEmpty: OaWhenNoApprover;
  deadline?: OaNodeDeadline;
}

export interface OaCcNode extends OaNodeBase {
  type: 'cc';
  recipients: OaApproverRule;
}

/**
 * A JSON Logic expression (jsonlogic.com) over the request: `{ "var": "form.distance" }`,
 * `{ "var": "applicant.departmentId" }`, `applicant.positionId`, `applicant.level`.
 * Evaluated with json-logic-js on the server, never `eval`.
 */
export type OaCondition = Record<string, unknown>;

export interface OaConditionBranch {
  id: string;
  name: string;
  /** null for the default branch (taken when no other matches); exactly one per route. */
  condition: OaCondition | null;
  next?: OaProcessNode | null;
}

/** 条件分支: the first branch, in order, whose condition holds is taken; the default otherwise. */
export interface OaConditionRoute extends OaNodeBase {
  type: 'condition';
  branches: OaConditionBranch[];
}

export interface OaParallelBranch {
  id: string;
  name: string;
  next?: OaProcessNode | null;
}

/** 并行分支: every branch runs at once; the route's `next` starts when all have finished. */
export interface OaParallelRoute extends OaNodeBase {
  type: 'parallel';
  branches: OaParallelBranch[];
}

export type OaProcessNode = OaStartNode | OaApprovalNode | OaCcNode | OaConditionRoute | OaParallelRoute;

export interface OaProcessSettings {
  /** 流程管理员: gets tasks no rule could place (whenEmpty 'admin') and those of people who left. */
  adminId: string;
  /** The same person appearing again later approves automatically (去重). */
  autoApproveRepeated: boolean;
  /** The applicant appearing as an approver approves automatically. */
  autoApproveApplicant: boolean;
}

export interface OaProcessDefinition {
  /** The chain starts here: a node of type 'start'. */
  start: OaStartNode;
  settings: OaProcessSettings;
}
