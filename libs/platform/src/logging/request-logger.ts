import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

type LogArguments = Parameters<Logger['info']>;

// pino's default levels: a line is written when its level is at least the logger's.
const LEVEL_VALUES: Record<Level, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 };

/**
 * `request.log` of one request, a pino child bound to the request id that is made
 * only when a line is actually written. Fastify makes `request.log` for every request;
 * a pino child per request (bindings serialised, a new logger object) was paid on every
 * answer, while at the usual levels most requests log nothing. The line written is the
 * same as the eager child's: the request id comes with every line.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get logger(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private enabled(level: Level): boolean {
    return this.made ? this.made.isLevelEnabled(level) : this.parent.levelVal <= LEVEL_VALUES[level];
  }

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger.level = level;
  }

  fatal(...args: LogArguments): void {
    if (this.enabled('fatal')) this.logger.fatal(...args);
  }
  error(...args: LogArguments): void {
    if (this.enabled('error')) this.logger.error(...args);
  }
  warn(...args: LogArguments): void {
    if (this.enabled('warn')) this.logger.warn(...args);
  }
  info(...args: LogArguments): void {
    if (this.enabled('info')) this.logger.info(...args);
  }
  debug(...args: LogArguments): void {
    if (this.enabled('debug')) this.logger.debug(...args);
  }
  trace(...args: LogArguments): void {
    if (this.enabled('trace')) this.logger.trace(...args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: the lazy request logger, unless the route asks for
 * its own level or serializers (then the child is needed to know what is enabled).
 */
export const lazyRequestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options) {
  const parent = logger as unknown as Logger;
  if (options.level !== undefined || options.serializers !== undefined) return parent.child(bindings, options);
  return new LazyRequestLogger(parent, bindings, options);
};

/**
 * Fastify's per-request lines ("incoming request", "request completed") are info lines:
 * at a level above info they are never written, yet building the completed line (the
 * response time, the fields object) was paid on every answer. This controller skips
 * both unless info is written; errors are logged as before.
 */
export class LevelAwareLogController extends LogController {
  constructor(
    private readonly logger: Logger,
    options: ConstructorParameters<typeof LogController>[0],
  ) {
    super(options);
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('info')) super.incomingRequest(request, reply, metadata);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error || this.logger.isLevelEnabled('info')) super.requestCompleted(error, request, reply, metadata);
  }
}
