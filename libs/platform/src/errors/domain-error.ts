import { HttpStatus } from '@nestjs/common';
import type { FieldError } from '@zhongshu/contracts';

/**
 * The base of every context's own exception type. A context declares its error-code
 * enum and subclasses this; the problem filter maps any of them to problem+json in one
 * place, so services never build HTTP answers.
 */
export abstract class DomainError extends Error {
  abstract readonly context: string;

  /** Sent as `Retry-After` (seconds) with a 429 or 503, so clients know when to come back. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }

  retryAfter(seconds: number): this {
    this.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
    return this;
  }
}

export enum PlatformErrorCode {
  NotFound = 'not-found',
  VersionConflict = 'version-conflict',
  InvalidReference = 'invalid-reference',
  Duplicate = 'duplicate',
  InvalidQuery = 'invalid-query',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  FileTooLarge = 'file-too-large',
  UnsupportedFileType = 'unsupported-file-type',
  Unavailable = 'unavailable',
  ShuttingDown = 'shutting-down',
}

export class PlatformError extends DomainError {
  readonly context = 'platform';

  static notFound(entity: string, id: string): PlatformError {
    return new PlatformError(PlatformErrorCode.NotFound, HttpStatus.NOT_FOUND, `${entity} ${id} was not found`);
  }

  static versionConflict(entity: string, id: string, expected: number, actual?: number): PlatformError {
    const now = actual === undefined ? '' : `, it is now at version ${actual}`;
    return new PlatformError(
      PlatformErrorCode.VersionConflict,
      HttpStatus.CONFLICT,
      `${entity} ${id} was changed by someone else: you edited version ${expected}${now}. Reload it and apply your change again.`,
    );
  }

  static unauthenticated(): PlatformError {
    return new PlatformError(PlatformErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED, 'Sign in to continue: the request has no valid access token');
  }

  /** A request that reached a server on its way down: another instance (or this one, restarted) will take it. */
  static shuttingDown(): PlatformError {
    return new PlatformError(PlatformErrorCode.ShuttingDown, HttpStatus.SERVICE_UNAVAILABLE, 'This server is stopping: send the request again').retryAfter(1);
  }

  static invalidQuery(detail: string, errors?: FieldError[]): PlatformError {
    return new PlatformError(PlatformErrorCode.InvalidQuery, HttpStatus.BAD_REQUEST, detail, errors);
  }
}
