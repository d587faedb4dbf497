import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@zhongshu/contracts';
import { EventBus, EventHandler } from '@zhongshu/platform';

/** `crm.contract` approvals carry `<contract id>:<signed version>` as their business id. */
export const reviewKey = (contractId: string, version: number): string => `${contractId}:${version}`;

export function parseReviewKey(businessId: string): { contractId: string; version: number } | null {
  const match = /^([0-9a-f-]{36}):(\d+)$/.exec(businessId);
  return match ? { contractId: match[1], version: Number(match[2]) } : null;
}

/**
 * The contract review's outcome (OA's `oa.approval.completed` for `crm.contract`):
 * approved → the contract is active; anything else → it needs revision. Only the review
 * of the version now under approval counts, and only once: a repeated or stale outcome
 * finds the contract in another state and changes nothing. The contract's own event
 * (`crm.contract.approved` / `revision-requested`) carries the decision to ERP in the
 * contract's order.
 */
@Injectable()
export class ContractReviews {
  constructor(private readonly events: EventBus) {}

  @EventHandler('oa.approval.completed', { name: 'crm.apply-contract-review' })
  async onApprovalCompleted(event: EventEnvelope<'oa.approval.completed'>, manager: EntityManager): Promise<void> {
    const approval = event.payload;
    if (approval.businessType !== 'crm.contract' || approval.businessId === null) return;
    const key = parseReviewKey(approval.businessId);
    if (!key) return;
    const [contract] = await manager.query('SELECT id, number, status, signed_version FROM crm.contract WHERE id = $1 FOR UPDATE', [key.contractId]);
    if (!contract || contract.status !== 'under_approval' || contract.signed_version !== key.version) return;
    const approved = approval.outcome === 'approved';
    await manager.query(`UPDATE crm.contract SET status = $2, review_comment = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
      key.contractId,
      approved ? 'active' : 'needs_revision',
      approval.comment,
    ]);
    await manager.query(
      'UPDATE crm.contract_signing SET outcome = $3, approval_id = $4, approval_number = $5, decided_by = $6, decided_at = $7, comment = $8 WHERE contract_id = $1 AND signed_version = $2',
      [key.contractId, key.version, approval.outcome, approval.instanceId, approval.number, approval.byId, approval.at, approval.comment],
    );
    const decision = { contractId: key.contractId, number: contract.number as string, version: key.version, approvalId: approval.instanceId, approvalNumber: approval.number, decidedById: approval.byId, at: approval.at, comment: approval.comment };
    if (approved) await this.events.emit('crm.contract.approved', key.contractId, decision);
    else await this.events.emit('crm.contract.revision-requested', key.contractId, { ...decision, outcome: approval.outcome as 'rejected' | 'withdrawn' | 'cancelled' });
  }
}
