import { declareEventTypes } from './event-catalogue.js';

/**
 * The events of CRM's contracts (合同): the deal flow's spine. Aggregate: the contract;
 * its id is the aggregate id, so every consumer sees one contract's events in the order
 * they were emitted. A contract is signed in versions: signing (签单) freezes version n
 * and asks for its review; a rejection sends it back for revision, and signing again
 * makes version n + 1 with a review and an order of its own. Amounts are decimal
 * strings; rates are percentages as strings ("13", "8.5").
 */

export interface CrmContractLine {
  lineNo: number;
  productId: string;
  productCode: string;
  productName: string;
  unit: string;
  /** Decimal string, up to four places. */
  quantity: string;
  /** List price before tax the line was priced at. */
  unitPrice: string;
  /** Line discount in percent (0–100). */
  discountRate: string;
  taxRate: string;
  /** After the line's and the contract's discounts, before tax. */
  amountExclTax: string;
  taxAmount: string;
  amount: string;
}

/** A signed contract version: everything ERP needs for the order and OA for the review. */
export interface CrmContractSignedPayload {
  contractId: string;
  /** 合同编号, e.g. HT-2026-000042. */
  number: string;
  title: string;
  /** The signed version (1, 2, …): the review and the order belong to it. */
  version: number;
  customer: { customerId: string; name: string; address: string | null };
  ownerId: string;
  departmentId: string;
  signedById: string;
  signedAt: string;
  currency: string;
  totalExclTax: string;
  taxTotal: string;
  total: string;
  paymentTerms: string | null;
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  lines: CrmContractLine[];
  /** 回款计划: instalments that add up to `total`. */
  instalments: Array<{ instalmentNo: number; dueDate: string; amount: string }>;
}

export interface CrmContractDecision {
  contractId: string;
  number: string;
  version: number;
  /** The OA request that reviewed it. */
  approvalId: string;
  approvalNumber: string;
  decidedById: string | null;
  at: string;
  comment: string | null;
}

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** 签单: a version was signed and waits for its review (合同审批). */
    'crm.contract.signed': { version: 1; payload: CrmContractSignedPayload };
    /** The review approved the version: the contract is in force. */
    'crm.contract.approved': { version: 1; payload: CrmContractDecision };
    /** The review did not approve the version (rejected, withdrawn or cancelled): it needs revision. */
    'crm.contract.revision-requested': { version: 1; payload: CrmContractDecision & { outcome: 'rejected' | 'withdrawn' | 'cancelled' } };
    /** Ended before its term (终止), whatever state it was in. */
    'crm.contract.terminated': { version: 1; payload: { contractId: string; number: string; version: number; reason: string; byId: string | null; at: string } };
  }
}

declareEventTypes({
  'crm.contract.signed': 1,
  'crm.contract.approved': 1,
  'crm.contract.revision-requested': 1,
  'crm.contract.terminated': 1,
});
