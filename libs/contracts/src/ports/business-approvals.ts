/**
 * The OA context's query port for the approvals it ran for other contexts' records
 * (a contract's reviews), for the screens that show a business record with its
 * approval (the contract page, the deal thread). Like every port it answers on the
 * caller's transaction connection and does not write (see `org-directory.ts`). The
 * caller decides who may see the business record; OA answers for that record only.
 */
export interface BusinessApprovalStep {
  /** submit, approve, reject, return, transfer, … as OA's history records them. */
  action: string;
  actorId: string | null;
  actorName: string | null;
  /** The process node's name, when the step was taken at one. */
  nodeName: string | null;
  comment: string | null;
  /** ISO 8601. */
  at: string;
}

export interface BusinessApprovalPending {
  nodeName: string;
  assigneeId: string;
  assigneeName: string | null;
}

export interface BusinessApproval {
  requestId: string;
  number: string;
  businessId: string;
  status: 'running' | 'returned' | 'approved' | 'rejected' | 'withdrawn' | 'cancelled';
  submittedAt: string;
  endedAt: string | null;
  steps: BusinessApprovalStep[];
  /** Who the request waits for now (empty once it ended). */
  waitingFor: BusinessApprovalPending[];
}

export interface BusinessApprovals {
  /** The approvals started for these business ids of `businessType`, in submission order. */
  approvalsOf(businessType: string, businessIds: readonly string[]): Promise<BusinessApproval[]>;
}

export const BUSINESS_APPROVALS = Symbol.for('zhongshu.business-approvals');
