import { HttpStatus } from '@nestjs/common';
import { DomainError, PlatformError } from '@zhongshu/platform';
import type { FieldError } from '@zhongshu/contracts';

export enum CrmErrorCode {
  InvalidCreditCode = 'invalid-credit-code',
  DuplicateCustomer = 'duplicate-customer',
  InvalidReference = 'invalid-reference',
  NotInPool = 'not-in-pool',
  HoldingCapReached = 'holding-cap-reached',
  DailyClaimCapReached = 'daily-claim-cap-reached',
  CoolingOff = 'cooling-off',
  NotOwned = 'not-owned',
  Merged = 'customer-merged',
  CannotMerge = 'cannot-merge',
  LeadClosed = 'lead-closed',
  ImportRejected = 'import-rejected',
  OpportunityClosed = 'opportunity-closed',
  StageInUse = 'stage-in-use',
  InvalidPipeline = 'invalid-pipeline',
}

/** Every failure of the CRM context. */
export class CrmError extends DomainError {
  readonly context = 'crm';

  constructor(code: CrmErrorCode, status: HttpStatus, detail: string, errors?: FieldError[]) {
    super(code, status, detail, errors);
  }

  /** The platform's own not-found: a record out of reach answers exactly like a missing one. */
  static notFound(entity: string, id: string): DomainError {
    return PlatformError.notFound(entity, id);
  }

  static invalidReference(field: string, detail: string): CrmError {
    return new CrmError(CrmErrorCode.InvalidReference, HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field, message: detail }]);
  }

  static conflict(code: CrmErrorCode, detail: string, field?: string): CrmError {
    return new CrmError(code, HttpStatus.CONFLICT, detail, field ? [{ field, message: detail }] : undefined);
  }

  static unprocessable(code: CrmErrorCode, detail: string, field?: string): CrmError {
    return new CrmError(code, HttpStatus.UNPROCESSABLE_ENTITY, detail, field ? [{ field, message: detail }] : undefined);
  }
}
