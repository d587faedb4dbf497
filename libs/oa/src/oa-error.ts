import { HttpStatus } from '@nestjs/common';
import { DomainError, PlatformError } from '@zhongshu/platform';
import type { FieldError } from '@zhongshu/contracts';

export enum OaErrorCode {
  InvalidForm = 'invalid-form',
  InvalidProcess = 'invalid-process',
  InvalidReference = 'invalid-reference',
  NotPublished = 'not-published',
  Archived = 'archived',
  NoApprover = 'no-approver',
  ChooseApprovers = 'choose-approvers',
  TaskClosed = 'task-closed',
  RequestClosed = 'request-closed',
  ActionNotAllowed = 'action-not-allowed',
  UrgedRecently = 'urged-recently',
  DelegationLoop = 'delegation-loop',
  Duplicate = 'duplicate',
  InsufficientBalance = 'insufficient-balance',
  LeaveOverlaps = 'leave-overlaps',
  NoWorkingTime = 'no-working-time',
  InvoiceClaimed = 'invoice-claimed',
  StartedByBusiness = 'started-by-business',
}

/** Every failure of the approval context. */
export class OaError extends DomainError {
  readonly context = 'oa';

  constructor(code: OaErrorCode, status: HttpStatus, detail: string, errors?: FieldError[]) {
    super(code, status, detail, errors);
  }

  /** The platform's own not-found: a record out of reach answers exactly like a missing one. */
  static notFound(entity: string, id: string): DomainError {
    return PlatformError.notFound(entity, id);
  }

  static invalidForm(errors: FieldError[]): OaError {
    return new OaError(OaErrorCode.InvalidForm, HttpStatus.UNPROCESSABLE_ENTITY, `The form has invalid fields: ${[...new Set(errors.map((error) => error.field))].join(', ')}`, errors);
  }

  static invalidReference(field: string, detail: string): OaError {
    return new OaError(OaErrorCode.InvalidReference, HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field, message: detail }]);
  }

  static taskClosed(id: string): OaError {
    return new OaError(OaErrorCode.TaskClosed, HttpStatus.CONFLICT, `Task ${id} has already been acted on, or is not waiting for you now; reload the request`);
  }

  static requestClosed(id: string, status: string): OaError {
    return new OaError(OaErrorCode.RequestClosed, HttpStatus.CONFLICT, `Request ${id} is ${status}; this action is no longer possible`);
  }

  static notAllowed(detail: string): OaError {
    return new OaError(OaErrorCode.ActionNotAllowed, HttpStatus.CONFLICT, detail);
  }
}
