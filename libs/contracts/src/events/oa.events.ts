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

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** Exactly once per request, when it ends, whatever happens concurrently. */
    'oa.approval.completed': { version: 1; payload: OaApprovalCompletedPayload };
  }
}

declareEventTypes({ 'oa.approval.completed': 1 });
