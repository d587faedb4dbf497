import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE } from '@zhongshu/contracts';
import { requestContextOf } from '../http/request-context.hooks.js';
import { DomainError } from './domain-error.js';
import { toProblem } from './problem.js';

/** How a failed request's audit row describes the failure. */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return `${error.status} ${error.context}.${error.code}: ${error.detail}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A database outage answers every request 503 while it lasts. It is logged once, when
 * it begins: an outage is a run of such answers with no quiet spell of OUTAGE_QUIET_MS
 * between them (a restart under load gave 220 lines with a stack each).
 */
const OUTAGE_QUIET_MS = 10_000;
let lastUnavailableAt = 0;

function noteDatabaseUnavailable(error: unknown, logger: Logger): void {
  const now = Date.now();
  if (now - lastUnavailableAt > OUTAGE_QUIET_MS) {
    logger.error({ err: error }, 'database unavailable: requests are answered 503 with Retry-After until it is back');
  }
  lastUnavailableAt = now;
}

/** Sends any error as problem+json; unexpected ones are logged with their stack, never sent. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const path = request.url.split('?')[0];
  const { problem, unexpected, databaseUnavailable, retryAfterSeconds } = toProblem(error, request.id, path);
  if (databaseUnavailable !== undefined) {
    noteDatabaseUnavailable(databaseUnavailable, logger);
  } else if (unexpected !== undefined) {
    logger.error({ err: unexpected, requestId: request.id, method: request.method, url: path }, 'unexpected error');
  } else if (problem.status >= 500) {
    logger.warn({ problem }, 'request failed');
  }
  const audit = requestContextOf(request)?.requestAudit;
  if (audit) audit.failure = describeFailure(error);
  if (reply.sent) return;
  const retryAfter = error instanceof DomainError ? error.retryAfterSeconds : retryAfterSeconds;
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply.status(problem.status).header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
