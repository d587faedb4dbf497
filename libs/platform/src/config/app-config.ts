import { isAbsolute, join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole configuration, validated once at boot; nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  dataDir: string;
  /**
   * Where uploaded files' bytes are kept (FILES_DIR, by default `<DATA_DIR>/files`); every
   * API process must see the same folder (one volume shared by the API containers).
   */
  filesDir: string;
  /** Unset means: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  embeddedPostgresPort: number;
  /** Unset means: BullMQ runs on its PostgreSQL backend in the application database. */
  redisUrl: string | undefined;
  /** Seed a believable demo company on the first start. */
  demoMode: boolean;
  runMigrations: boolean;
  logLevel: LogLevel;
  corsOrigins: string[];
  bodyLimitBytes: number;
  trustProxy: boolean;
  /**
   * How long a connection may take to send its request headers (from when it opened, or
   * from the end of the previous request), the whole request, and how long an idle
   * kept-alive or silent connection is held: so idle or slow clients cannot use up the
   * server's connections.
   */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; idleTimeoutMs: number };
  timeZone: string;
  webDistDir: string | undefined;
  /** Sign-in, tokens and throttling (the identity context reads these). */
  auth: AuthConfig;
  shutdownTimeoutMs: number;
  /** Run the outbox relay, event handlers and scheduled jobs in this process. */
  runWorkers: boolean;
  /**
   * Handler jobs (and scheduled runs) one process runs at once, across all the contexts
   * it consumes for; each holds a database connection while it runs.
   */
  eventHandlerConcurrency: number;
  /** Attempts before a failing handler's event is parked in dead letters. */
  eventMaxAttempts: number;
  /** First retry delay; each further retry doubles it. */
  eventBackoffMs: number;
  /** Published events whose job vanished (e.g. Redis lost it) are re-enqueued after this. */
  eventRedeliverAfterMs: number;
  /** /api/ready reports the event bus down when the oldest unpublished event is older. */
  outboxLagAlertMs: number;
  /** How long no event relay may be connected before readiness and the event bus status say so. */
  eventRelayAbsentMs: number;
  /** A handler job whose process stops renewing its lock for this long is run again. */
  eventJobLockMs: number;
}

export interface AuthConfig {
  /** HMAC key of access tokens; required in production. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Failed sign-ins of one account from one address before each further attempt waits. */
  freeFailuresPerAddress: number;
  /** The first wait of an account at an address; each further failure doubles it, up to the cap. */
  retryDelaySeconds: number;
  maxRetryDelayMinutes: number;
  /** How long a failed sign-in counts towards any limit. */
  failureWindowMinutes: number;
  /** Failures of one account from all addresses before addresses it never signed in from wait. */
  maxFailuresPerAccount: number;
  /** Failures from one address for all accounts before accounts that never signed in from it wait. */
  maxFailuresPerIp: number;
  /** Outside demo mode: the first admin's password, checked against the policy. */
  adminInitialPassword: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Connections a process that runs workers needs from its pool beside its running
 * handlers: one for the relay's batch transaction (and for returning a batch the queue
 * refused), one for the redelivery sweep, and two so health, readiness and any HTTP request
 * are still served while every handler slot is busy. DATABASE_POOL_SIZE must be at least
 * EVENT_HANDLER_CONCURRENCY plus these.
 */
export const POOL_CONNECTIONS_BESIDE_HANDLERS = 4;

/**
 * Reads and checks every variable, collecting all problems before failing, so one
 * start-up tells the operator everything that is wrong, each by its variable name.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDirRaw = read.string('DATA_DIR', '.data');
  const config: AppConfig = {
    nodeEnv,
    host: read.string('HOST', '0.0.0.0'),
    port: read.int('PORT', 3000, 0, 65535),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    filesDir: resolve(cwd, read.string('FILES_DIR', join(dataDirRaw, 'files'))),
    databaseUrl,
    // The default handler concurrency plus what the relay, the sweep and HTTP need beside it.
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 20, 1, 500),
    embeddedPostgresPort: read.int('EMBEDDED_PG_PORT', 54329, 1, 65535),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    // Demo data is the default only on the embedded database: a real server is
    // somebody's production and must opt in.
    demoMode: read.bool('DEMO_MODE', databaseUrl === undefined),
    runMigrations: read.bool('RUN_MIGRATIONS', true),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    corsOrigins: read.list('CORS_ORIGINS', []),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    trustProxy: read.bool('TRUST_PROXY', false),
    http: {
      headersTimeoutMs: read.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: read.int('HTTP_REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
      // Longer than the 60 s idle timeout of common load balancers, so they close first.
      keepAliveTimeoutMs: read.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, 600_000),
      // Above the notification stream's 25 s heartbeat, so a live stream is never cut.
      idleTimeoutMs: read.int('HTTP_IDLE_TIMEOUT_MS', 120_000, 100, 3_600_000),
    },
    timeZone: read.timeZone('TIME_ZONE', 'Asia/Shanghai'),
    webDistDir: env.WEB_DIST_DIR?.trim() || undefined,
    auth: {
      // Unset outside production: the identity context generates one and keeps it
      // under DATA_DIR, so a restart keeps everyone signed in.
      jwtSecret: read.string('JWT_SECRET', '') || undefined,
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
      refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 14, 1, 365),
      freeFailuresPerAddress: read.int('LOGIN_FREE_FAILURES_PER_ADDRESS', 5, 1, 1_000),
      retryDelaySeconds: read.int('LOGIN_RETRY_DELAY_SECONDS', 30, 1, 3_600),
      maxRetryDelayMinutes: read.int('LOGIN_MAX_RETRY_DELAY_MINUTES', 15, 1, 1_440),
      failureWindowMinutes: read.int('LOGIN_FAILURE_WINDOW_MINUTES', 1_440, 1, 10_080),
      maxFailuresPerAccount: read.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 100, 1, 100_000),
      maxFailuresPerIp: read.int('LOGIN_MAX_FAILURES_PER_IP', 200, 1, 100_000),
      adminInitialPassword: env.ADMIN_INITIAL_PASSWORD || undefined,
    },
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    // The embedded default is one process; against a shared server the API and
    // apps/worker run apart unless the operator asks for both in one.
    runWorkers: read.bool('RUN_WORKERS', databaseUrl === undefined),
    eventHandlerConcurrency: read.int('EVENT_HANDLER_CONCURRENCY', 16, 1, 256),
    eventMaxAttempts: read.int('EVENT_MAX_ATTEMPTS', 5, 1, 50),
    eventBackoffMs: read.int('EVENT_BACKOFF_MS', 1_000, 1, 600_000),
    eventRedeliverAfterMs: read.int('EVENT_REDELIVER_AFTER_MS', 120_000, 100, 86_400_000),
    outboxLagAlertMs: read.int('OUTBOX_LAG_ALERT_MS', 60_000, 100, 86_400_000),
    eventRelayAbsentMs: read.int('EVENT_RELAY_ABSENT_MS', 30_000, 100, 86_400_000),
    eventJobLockMs: read.int('EVENT_JOB_LOCK_MS', 30_000, 1_000, 600_000),
  };
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://erp.example.com`);
    }
  }
  const poolNeeded = config.eventHandlerConcurrency + POOL_CONNECTIONS_BESIDE_HANDLERS;
  if (config.runWorkers && config.databasePoolSize < poolNeeded) {
    // Each running handler holds a connection for its transaction: with fewer, handlers
    // queue for connections and the relay and HTTP requests starve behind them.
    const lower = config.databasePoolSize - POOL_CONNECTIONS_BESIDE_HANDLERS;
    problems.push(
      `DATABASE_POOL_SIZE (${config.databasePoolSize}) is too small for EVENT_HANDLER_CONCURRENCY (${config.eventHandlerConcurrency}) in a process that runs workers: ` +
        `each running handler holds a connection and the relay, the redelivery sweep and HTTP need ${POOL_CONNECTIONS_BESIDE_HANDLERS} more, so it needs at least ${poolNeeded}. ` +
        `Raise DATABASE_POOL_SIZE to ${poolNeeded}` +
        (lower >= 1 ? `, or lower EVENT_HANDLER_CONCURRENCY to ${lower}` : '') +
        '.',
    );
  }
  if (config.auth.jwtSecret === undefined && nodeEnv === 'production') {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 random characters, the same on every API instance)');
  } else if (config.auth.jwtSecret !== undefined && config.auth.jwtSecret.length < 32) {
    problems.push('JWT_SECRET: must be at least 32 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name}: "${value}" is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}: "${value}" is not a boolean (true/false)`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name}: protocol "${url.protocol}" is not one of ${protocols.join(', ')}`);
      }
    } catch {
      this.problems.push(`${name}: not a valid URL`);
    }
    return value;
  }

  list(name: string, fallback: string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  timeZone(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
    } catch {
      this.problems.push(`${name}: "${value}" is not an IANA time zone such as Asia/Shanghai`);
      return fallback;
    }
    return value;
  }
}
