import { Injectable } from '@nestjs/common';
import type { OaApprovalOutcome, PermissionCode } from '@zhongshu/contracts';

/** What a business record is told when its approval ends, inside the transaction that ends it. */
export interface ApprovalEnded {
  requestId: string;
  number: string;
  businessId: string;
  outcome: OaApprovalOutcome;
  applicantId: string;
  byId: string | null;
  at: Date;
  comment: string | null;
}

/**
 * A business record approved by OA itself (a leave, an expense claim) and kept in OA's
 * schema: it is told of its approval's end in the same transaction, so its own state
 * (a balance held, an invoice number claimed) never disagrees with the request's.
 * Other contexts use `oa.approval.completed` instead.
 */
export interface ApprovalHook {
  ended(event: ApprovalEnded): Promise<void>;
  /**
   * The page a person files this business record from (the leave form), when it has
   * one: the catalogue lists the bound request type for whoever holds `permission` and
   * links it there instead of the generic submit page.
   */
  form?: { path: string; permission: PermissionCode };
}

/**
 * The engine's extension point: business types register a hook at start-up, and the
 * engine calls it when a request of that type ends. The engine itself knows nothing
 * of leave or money.
 */
@Injectable()
export class ApprovalHooks {
  private readonly hooks = new Map<string, ApprovalHook>();

  register(businessType: string, hook: ApprovalHook): void {
    if (this.hooks.has(businessType)) throw new Error(`an approval hook for ${businessType} is registered twice`);
    this.hooks.set(businessType, hook);
  }

  /** Whether a business type's requests belong to a record of OA's own (its data is that record's, not the form's). */
  owns(businessType: string | null): boolean {
    return businessType !== null && this.hooks.has(businessType);
  }

  /** The page of a business type's own form, when it has one. */
  formOf(businessType: string): ApprovalHook['form'] | undefined {
    return this.hooks.get(businessType)?.form;
  }

  async ended(businessType: string | null, event: ApprovalEnded): Promise<void> {
    if (!businessType) return;
    await this.hooks.get(businessType)?.ended(event);
  }
}
