import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApi, type CreateApiOptions } from '@zhongshu/api';
import { createRootLogger, loadConfig } from '@zhongshu/platform';
import { createTestDatabase } from './test-database.js';
import { testFilesEnv } from './test-files.js';

export interface TestApi {
  app: NestFastifyApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Boots the real API (every module, every global pipe, filter and guard) on a fresh
 * clone of the migrated template (or on `databaseUrl`, to start again on the same data)
 * and listens on a free port.
 */
export async function startTestApi(
  options: { env?: Record<string, string>; extraModules?: CreateApiOptions['extraModules']; databaseUrl?: string; demo?: boolean } = {},
): Promise<TestApi> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase({ demo: options.demo }));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, ...testFilesEnv(), DEMO_MODE: 'false', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...options.env });
  const logger = createRootLogger(config.logLevel);
  const app = await createApi({ config, databaseUrl, logger, extraModules: options.extraModules });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('test API is not listening on TCP');
    return { app, url: `http://127.0.0.1:${address.port}`, databaseUrl, close: () => app.close() };
  } catch (error) {
    // A suite whose API failed to start must not leave its pool and workers running.
    await app.close().catch(() => undefined);
    throw error;
  }
}
