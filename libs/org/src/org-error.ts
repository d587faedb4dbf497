import { HttpStatus } from '@nestjs/common';
import { DomainError, PlatformError } from '@zhongshu/platform';
import type { FieldError } from '@zhongshu/contracts';

export enum OrgErrorCode {
  DepartmentCycle = 'department-cycle',
  ManagerCycle = 'manager-cycle',
  DepartmentHasChildren = 'department-has-children',
  DepartmentArchived = 'department-archived',
  Duplicate = 'duplicate',
  InvalidReference = 'invalid-reference',
  InvalidCredentials = 'invalid-credentials',
  TooManyAttempts = 'too-many-attempts',
  AccountLocked = 'account-locked',
  InvalidRefreshToken = 'invalid-refresh-token',
  RefreshTokenReused = 'refresh-token-reused',
  WeakPassword = 'weak-password',
  UnknownPermission = 'unknown-permission',
  ImportRejected = 'import-rejected',
  SetupUnavailable = 'setup-unavailable',
  CannotChangeSelf = 'cannot-change-self',
  GrantExceedsOwn = 'grant-exceeds-own',
  BuiltInRole = 'built-in-role',
  LastAdministrator = 'last-administrator',
  OutsideScope = 'outside-scope',
}

/** Every failure of the identity and org-structure context. */
export class OrgError extends DomainError {
  readonly context = 'org';

  constructor(code: OrgErrorCode, status: HttpStatus, detail: string, errors?: FieldError[]) {
    super(code, status, detail, errors);
  }

  /**
   * The platform's own not-found, the very answer `requireInScope` gives for a record
   * outside the caller's scope, so the two cannot be told apart.
   */
  static notFound(entity: string, id: string): DomainError {
    return PlatformError.notFound(entity, id);
  }

  static invalidReference(field: string, detail: string): OrgError {
    return new OrgError(OrgErrorCode.InvalidReference, HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field, message: detail }]);
  }

  /** Grant only what you hold: the answer names, for each refused grant, everything the caller lacks. */
  static grantExceedsOwn(field: string, refusals: ReadonlyArray<{ action: string; problems: readonly string[] }>): OrgError {
    return new OrgError(
      OrgErrorCode.GrantExceedsOwn,
      HttpStatus.FORBIDDEN,
      `You cannot ${refusals.map((refusal) => `${refusal.action}: ${refusal.problems.join('; ')}`).join('. Nor can you ')}.`,
      refusals.flatMap((refusal) => refusal.problems.map((problem) => ({ field, message: `${refusal.action}: ${problem}` }))),
    );
  }

  static duplicate(field: string, detail: string): OrgError {
    return new OrgError(OrgErrorCode.Duplicate, HttpStatus.CONFLICT, detail, [{ field, message: detail }]);
  }
}
