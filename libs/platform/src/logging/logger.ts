import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';

/**
 * One structured JSON logger for the process. Every line carries the request id and
 * correlation id of the work in progress, so a deal's thread can be grepped end to end.
 */
export function createRootLogger(level: LogLevel, name = 'zhongshu'): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Fastify's request logger already binds `requestId`; adding it here too would
    // write the key twice, so the mixin adds only what Fastify does not know.
    mixin() {
      const context = RequestContext.current();
      if (!context) return {};
      return context.clientCorrelationId === undefined
        ? { correlationId: context.correlationId, actorId: context.actorId }
        : { correlationId: context.correlationId, clientCorrelationId: context.clientCorrelationId, actorId: context.actorId };
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password'], censor: '[redacted]' },
  },
  // Written as logged: an asynchronous stdout writes the last line synchronously at exit,
  // ahead of one still on its way, so shutdown logs came out of order (and a crash could
  // lose its last lines). At a few lines per request the write is cheap.
  pino.destination({ dest: 1, sync: true }),
  );
}

/** Lets Nest's own messages (module init, route map, exceptions) go to the same JSON log. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info(this.fields(context), String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ ...this.fields(context), trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn(this.fields(context), String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug(this.fields(context), String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace(this.fields(context), String(message));
  }

  private fields(context?: string): Record<string, unknown> {
    return { context, requestId: RequestContext.current()?.requestId };
  }
}
