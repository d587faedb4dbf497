import { HttpStatus } from '@nestjs/common';
import { DomainError, PlatformError } from '@zhongshu/platform';
import type { FieldError } from '@zhongshu/contracts';

export enum ErpErrorCode {
  Duplicate = 'duplicate',
  InvalidReference = 'invalid-reference',
  InvalidAmount = 'invalid-amount',
}

/** Every failure of the ERP context. */
export class ErpError extends DomainError {
  readonly context = 'erp';

  constructor(code: ErpErrorCode, status: HttpStatus, detail: string, errors?: FieldError[]) {
    super(code, status, detail, errors);
  }

  /** The platform's own not-found: a record out of reach answers exactly like a missing one. */
  static notFound(entity: string, id: string): DomainError {
    return PlatformError.notFound(entity, id);
  }

  static duplicate(field: string, detail: string): ErpError {
    return new ErpError(ErpErrorCode.Duplicate, HttpStatus.CONFLICT, detail, [{ field, message: detail }]);
  }

  static invalidAmount(field: string, detail: string): ErpError {
    return new ErpError(ErpErrorCode.InvalidAmount, HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field, message: detail }]);
  }
}
