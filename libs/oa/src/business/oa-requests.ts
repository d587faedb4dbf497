import { HttpStatus, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@zhongshu/platform';
import { OaError, OaErrorCode } from '../oa-error.js';
import { RequestTypesService } from '../request-types/request-types.service.js';
import { RequestStore } from '../requests/request-store.js';
import { RequestsService, type RequestState } from '../requests/requests.service.js';
import { BusinessBindings } from './business-bindings.service.js';

export interface BusinessApprovalInput {
  /** `<context>.<record>`: `crm.contract`. */
  businessType: string;
  businessId: string;
  applicantId: string;
  title: string;
  formData: Record<string, unknown>;
  /** Who asked for it, when a person did (the applicant filing a leave); a handler's start has none. */
  actorId?: string | null;
}

/**
 * How OA's own event handlers start the approval of another context's record (a
 * signed contract): in the handler's transaction, through the request type bound to
 * the business type, once per business key — a redelivered event finds the request it
 * started and starts no second one. When the request ends, `oa.approval.completed`
 * carries the business type and id back.
 */
@Injectable()
export class OaRequests {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bindings: BusinessBindings,
    private readonly types: RequestTypesService,
    private readonly requests: RequestsService,
    private readonly store: RequestStore,
  ) {}

  async startForBusiness(input: BusinessApprovalInput): Promise<RequestState> {
    return this.uow.run(async () => {
      const existing = await this.store.byBusinessKey(input.businessType, input.businessId);
      if (existing) return { id: existing.id, number: existing.number, status: existing.status };
      const requestTypeId = await this.bindings.requestTypeFor(input.businessType);
      if (!requestTypeId) throw new OaError(OaErrorCode.NotPublished, HttpStatus.UNPROCESSABLE_ENTITY, `No request type is bound to ${input.businessType}`);
      const version = await this.types.usableVersion(undefined, requestTypeId);
      return this.requests.start(version, input.applicantId, input.actorId ?? null, { requestTypeId, formData: input.formData, title: input.title }, { type: input.businessType, id: input.businessId });
    });
  }
}
