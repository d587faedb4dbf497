import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import type { FieldError, ProblemDetails } from '@zhongshu/contracts';
import { DomainError } from './domain-error.js';

export interface ProblemWithCause {
  problem: ProblemDetails;
  /** Set when the error was not foreseen: it is logged with its stack, never sent. */
  unexpected?: unknown;
  /** Set when the database could not be reached: logged once per outage, not per request. */
  databaseUnavailable?: unknown;
  /** Sent as `Retry-After`. */
  retryAfterSeconds?: number;
}

/** How long a client is asked to wait when the database is unavailable (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const problemType = (context: string, code: string): string => `urn:zhongshu:problem:${context}:${code}`;

function titleFor(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * Maps anything thrown while serving a request to RFC 9457 problem details. Pure, so
 * every mapping is unit-tested; the HTTP filter and Fastify's error handler share it.
 */
export function toProblem(error: unknown, requestId?: string, instance?: string): ProblemWithCause {
  const base = { requestId, instance };
  if (isDatabaseUnavailable(error)) {
    return {
      problem: {
        type: problemType('platform', 'database-unavailable'),
        title: titleFor(HttpStatus.SERVICE_UNAVAILABLE),
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: `The database is unavailable; nothing was saved. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
        code: 'platform.database-unavailable',
        ...base,
      },
      databaseUnavailable: error,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  if (error instanceof DomainError) {
    return {
      problem: {
        type: problemType(error.context, error.code),
        title: titleFor(error.status),
        status: error.status,
        detail: error.detail,
        code: `${error.context}.${error.code}`,
        ...base,
        ...(error.errors ? { errors: error.errors } : {}),
      },
    };
  }
  if (error instanceof HttpException) return { problem: fromHttpException(error, base) };
  if (error instanceof QueryFailedError) return fromDatabaseError(error, base);
  const fastifyError = asFastifyClientError(error);
  if (fastifyError) return { problem: fromFastifyError(fastifyError, base) };
  return { problem: unexpectedProblem(base), unexpected: error };
}

function unexpectedProblem(base: { requestId?: string; instance?: string }): ProblemDetails {
  return {
    type: problemType('platform', 'unexpected'),
    title: titleFor(HttpStatus.INTERNAL_SERVER_ERROR),
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: `Something went wrong on our side and nothing was saved. Quote request id ${base.requestId ?? 'unknown'} when you report it.`,
    code: 'platform.unexpected',
    ...base,
  };
}

function fromHttpException(error: HttpException, base: { requestId?: string; instance?: string }): ProblemDetails {
  // Fastify's own request errors (bad JSON, body too large, wrong media type) reach the
  // filter wrapped by Nest's adapter; their code says what went wrong better than Nest's text.
  const cause = asFastifyClientError(error.cause);
  if (cause) return fromFastifyError(cause, base);
  const status = error.getStatus();
  const response = error.getResponse();
  let detail = error.message;
  let errors: FieldError[] | undefined;
  if (typeof response === 'object' && response !== null) {
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) {
      errors = message.map((text) => ({ field: '', message: String(text) }));
      detail = message.map(String).join('; ');
    } else if (typeof message === 'string') {
      detail = message;
    }
  } else if (typeof response === 'string') {
    detail = response;
  }
  // Nest's not-found handler answers an unknown route this way: "Cannot GET /x".
  const code = status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(detail) ? 'route-not-found' : codeForStatus(status);
  if (code === 'route-not-found') detail = `There is no ${detail.slice('Cannot '.length, 'Cannot '.length + 200)} in this API`;
  return {
    type: problemType('http', code),
    title: titleFor(status),
    status,
    detail,
    code: `http.${code}`,
    ...base,
    ...(errors ? { errors } : {}),
  };
}

/** `http.<name>` for a status without a more precise code: Node's reason phrase in kebab case ("unsupported-media-type"). */
export function codeForStatus(status: number): string {
  return titleFor(status)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * PostgreSQL's codes for "the server is not there for you now": shutting down, starting
 * up, crashed, out of connections, or the connection failed.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
/** Node's socket errors when the server cannot be reached. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH']);
/** What node-postgres says when a connection ends under it (it gives no code). */
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection terminated unexpectedly)/;

/**
 * An error that means the database could not be reached or dropped the connection, not
 * that the request was wrong or our code failed: the request can be sent again later.
 * Looks through TypeORM's QueryFailedError (driverError) and causes.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.has(candidate.code) || UNREACHABLE.has(candidate.code))) return true;
  if (typeof candidate.message === 'string' && CONNECTION_LOST.test(candidate.message)) return true;
  // Several addresses refused (an AggregateError from a dual-stack connect).
  if (Array.isArray(candidate.errors) && candidate.errors.length > 0 && candidate.errors.every((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(candidate.driverError, depth + 1) || isDatabaseUnavailable(candidate.cause, depth + 1);
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
}

/**
 * Constraint violations are the database refusing bad input that slipped past
 * validation (a duplicate number, a stale reference): the caller can act on them,
 * so they are 4xx. Anything else from the database is our fault: 500.
 */
function fromDatabaseError(
  error: QueryFailedError,
  base: { requestId?: string; instance?: string },
): ProblemWithCause {
  const pg = error.driverError as PgError;
  const make = (status: number, code: string, detail: string): ProblemWithCause => ({
    problem: { type: problemType('platform', code), title: titleFor(status), status, detail, code: `platform.${code}`, ...base },
  });
  switch (pg.code) {
    case '23505':
      return make(HttpStatus.CONFLICT, 'duplicate', `A record with the same value already exists (${pg.constraint ?? 'unique key'})`);
    case '23503':
      return make(HttpStatus.CONFLICT, 'invalid-reference', `The record refers to something that does not exist or is still referred to (${pg.constraint ?? 'foreign key'})`);
    case '23502':
      return make(HttpStatus.BAD_REQUEST, 'missing-value', `A required value is missing${pg.column ? `: ${pg.column}` : ''}`);
    case '23514':
      return make(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violated', `The change breaks a rule of the data (${pg.constraint ?? 'check'})`);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return make(HttpStatus.BAD_REQUEST, 'invalid-value', 'A value has the wrong format or is out of range');
    case '40001':
    case '40P01':
      return make(HttpStatus.CONFLICT, 'concurrent-update', 'Someone else changed the same records at the same time; try again');
    default:
      return { problem: unexpectedProblem(base), unexpected: error };
  }
}

interface FastifyClientError {
  code: string;
  statusCode: number;
  message: string;
}

/**
 * What the framework refuses before our code runs, with a code and a detail of our own:
 * Fastify's messages name its internals or echo the URL (a 414 repeated a 5,000-character path).
 */
const FASTIFY_ERRORS: Record<string, { code: string; detail: (error: FastifyClientError) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', detail: () => 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'empty-body', detail: () => 'The body is empty although Content-Type says it is JSON: send a JSON object' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body-too-large', detail: () => 'The body is larger than this server accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    detail: () => 'This route does not accept a body of that Content-Type: send application/json (or the type its documentation names)',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid-content-length', detail: () => 'The Content-Length header does not match the body' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'invalid-content-type', detail: () => 'The Content-Type header is not a valid media type' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri-too-long', detail: () => 'A segment of the path is longer than any id this API uses' },
  FST_ERR_BAD_URL: { code: 'bad-url', detail: () => 'The path is not a valid URL' },
};

function fromFastifyError(error: FastifyClientError, base: { requestId?: string; instance?: string }): ProblemDetails {
  const known = FASTIFY_ERRORS[error.code];
  const code = known?.code ?? codeForStatus(error.statusCode);
  // A path too long or malformed is not repeated back, not even as the instance.
  const instance = error.code === 'FST_ERR_MAX_PARAM_LENGTH' || error.code === 'FST_ERR_BAD_URL' ? undefined : base.instance;
  return {
    type: problemType('http', code),
    title: titleFor(error.statusCode),
    status: error.statusCode,
    detail: known ? known.detail(error) : titleFor(error.statusCode),
    code: `http.${code}`,
    ...(base.requestId === undefined ? {} : { requestId: base.requestId }),
    ...(instance === undefined ? {} : { instance }),
  };
}

/** Fastify's own request errors (bad JSON, body too large, wrong media type, an over-long path). */
function asFastifyClientError(error: unknown): FastifyClientError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as Partial<FastifyClientError>;
  if (
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('FST_') &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500
  ) {
    return { code: candidate.code, statusCode: candidate.statusCode, message: String(candidate.message) };
  }
  return undefined;
}
