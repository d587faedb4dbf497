import { declareEventTypes } from './event-catalogue.js';

/**
 * The events of the OA context. Aggregate: the request (approval instance); its id is
 * the aggregate id.
 */

/** How a request ended. Only `approved` means yes; every other outcome means no. */
export type OaApprovalOutcome = 'approved' | 'rejected' | 'withdrawn' | 'cancelled';

export interface OaApprovalCompletedPayload {
  instanceId: string;
  /** 审批单号, e.g. OA-2026-000123. */
  number: string;
  requestTypeCode: string;
  /** Set when another context started the request (`crm.contract`), else null. */
  businessType: string | null;
  businessId: string | null;
  outcome: OaApprovalOutcome;
  applicantId: string;
  /** Who decided: the last approver, the rejecter, the applicant who withdrew, the admin who cancelled. */
  byId: string | null;
  /** ISO 8601. */
  at: string;
  /** The last comment given with the decision, if any. */
  comment: string | null;
}

/** One line of an approved claim, in the claim's currency (CNY) after conversion. */
export interface OaExpenseApprovedLine {
  category: string;
  /** YYYY-MM-DD, the day the expense was incurred. */
  date: string;
  /** What was spent, in its own currency, as a decimal string. */
  amount: string;
  currency: string;
  /** The rate stated on the claim (1 for CNY), a decimal string. */
  rate: string;
  /** The amount in CNY, a decimal string with two decimals. */
  amountCny: string;
  invoiceNo: string | null;
  tax: string | null;
}

export interface OaExpenseApprovedPayload {
  claimId: string;
  /** 审批单号 of the approval. */
  number: string;
  applicantId: string;
  departmentId: string;
  /** Always CNY: what finance pays the employee. */
  currency: string;
  /** Decimal string, two decimals. */
  total: string;
  lines: OaExpenseApprovedLine[];
  approvedAt: string;
}

export interface OaLeaveApprovedPayload {
  leaveId: string;
  number: string;
  personId: string;
  leaveTypeCode: string;
  /** YYYY-MM-DD, inclusive. */
  startDate: string;
  endDate: string;
  /** Working days (or calendar days for a type that counts them), a decimal string. */
  days: string;
  approvedAt: string;
}

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** Exactly once per request, when it ends, whatever happens concurrently. */
    'oa.approval.completed': { version: 1; payload: OaApprovalCompletedPayload };
    /** An expense claim approved: finance pays the employee (aggregate: the claim). */
    'oa.expense.approved': { version: 1; payload: OaExpenseApprovedPayload };
    /** A leave approved: attendance and the applicant's delegation offer (aggregate: the leave). */
    'oa.leave.approved': { version: 1; payload: OaLeaveApprovedPayload };
  }
}

declareEventTypes({ 'oa.approval.completed': 1, 'oa.expense.approved': 1, 'oa.leave.approved': 1 });
