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

/** Sends any error as problem+json; unexpected ones are logged with their stack, never sent. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const path = request.url.split('?')[0];
  const { problem, unexpected } = toProblem(error, request.id, path);
  if (unexpected !== undefined) {
    logger.error({ err: unexpected, requestId: request.id, method: request.method, url: path }, 'unexpected error');
  } else if (problem.status >= 500) {
    logger.warn({ problem }, 'request failed');
  }
  const audit = requestContextOf(request)?.requestAudit;
  if (audit) audit.failure = describeFailure(error);
  if (reply.sent) return;
  if (error instanceof DomainError && error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
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
