import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '@zhongshu/api';
import { Clock, configureHttpApp, createFastifyAdapter, createRootLogger, loadConfig, ManualClock, NestPinoLogger, SeedRunner } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { createTestDatabase } from '../harness/test-database.js';
import { testFilesEnv } from '../harness/test-files.js';
import { TEST_JWT_SECRET } from './org-fixtures.js';

export interface OaTestApi extends TestApi {
  clock: ManualClock;
}

/**
 * The real API on the demo company, with a clock the test moves (deadlines,
 * delegations by date) and, when asked, the event bus's workers running (handlers).
 */
export async function startOaApi(options: { start?: Date; env?: Record<string, string>; modules?: Array<Type | DynamicModule> } = {}): Promise<OaTestApi> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    ...testFilesEnv(),
    DEMO_MODE: 'false',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const logger = createRootLogger(config.logLevel);
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T01:00:00Z'));
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, databaseUrl, logger, applicationName: 'zhongshu-oa-test', extraModules: options.modules ?? [] })],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config, logger), { logger: new NestPinoLogger(logger) });
  await configureHttpApp(app, config, logger, { title: 'test', description: 'oa tests' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('test app is not listening on TCP');
  await app.get(SeedRunner).seedDemo();
  return { app, url: `http://127.0.0.1:${address.port}`, databaseUrl, clock, close: () => app.close() };
}
