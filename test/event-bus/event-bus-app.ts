import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import type { Logger } from 'pino';
import { AppModule } from '@zhongshu/api';
import { Clock, configureHttpApp, createFastifyAdapter, createRootLogger, loadConfig, ManualClock, NestPinoLogger } from '@zhongshu/platform';
import { TestPrincipalModule } from '../harness/test-principal.module.js';
import { EFFECT_TABLE_SQL } from './widget-handlers.js';

export interface EventBusTestApp {
  app: NestFastifyApplication;
  url: string;
  clock: ManualClock;
  close(): Promise<void>;
}

/** Settings that make retries and crash recovery take milliseconds instead of minutes. */
export const FAST_BUS_ENV = {
  RUN_WORKERS: 'true',
  EVENT_MAX_ATTEMPTS: '3',
  EVENT_BACKOFF_MS: '20',
  EVENT_JOB_LOCK_MS: '2000',
  EVENT_HANDLER_CONCURRENCY: '8',
};

/**
 * The real API module (every platform part, the event bus running its workers) with
 * the test handlers and a clock the test moves, listening on a free port.
 */
export async function startEventBusApp(options: {
  databaseUrl: string;
  redisUrl?: string;
  env?: Record<string, string>;
  modules?: Array<Type | DynamicModule>;
  /** Where the app logs (a test that reads its log passes its own); the process's JSON log otherwise. */
  logger?: Logger;
}): Promise<EventBusTestApp> {
  await withDatabase(options.databaseUrl, (client) => client.query(EFFECT_TABLE_SQL));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    DEMO_MODE: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...FAST_BUS_ENV,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const clock = new ManualClock();
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        config,
        databaseUrl: options.databaseUrl,
        logger,
        applicationName: 'zhongshu-test',
        extraModules: [TestPrincipalModule, ...(options.modules ?? [])],
      }),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config, logger), { logger: new NestPinoLogger(logger) });
  await configureHttpApp(app, config, logger, { title: 'test', description: 'event bus tests' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('test app is not listening on TCP');
  return { app, url: `http://127.0.0.1:${address.port}`, clock, close: () => app.close() };
}

export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
