import 'reflect-metadata';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { bootDatabase, createRootLogger, drainHttp, installShutdown, loadConfig, loadConfigOrExit, SeedRunner } from '@zhongshu/platform';
import { createApi } from './create-api.js';

/**
 * `npm start`: the embedded default runs everything in this one process (API, event
 * relay, event handlers and scheduled jobs: RUN_WORKERS defaults to true without
 * DATABASE_URL); in production `apps/worker` runs beside it and the API only writes.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig());
  const logger = createRootLogger(config.logLevel, 'zhongshu-api');
  const database = await bootDatabase(config, logger, ALL_MIGRATIONS);
  try {
    const app = await createApi({ config, databaseUrl: database.url, logger });
    // Requests in flight finish first (on half the shutdown time at most), while the
    // workers and the database still run; then the app with its workers and pool; the
    // embedded database last.
    installShutdown(logger, config.shutdownTimeoutMs, [
      () => drainHttp(app, logger, config.shutdownTimeoutMs / 2),
      async () => {
        await app.close();
        logger.info('application closed');
      },
      () => database.stop(),
    ]);
    if (config.demoMode) {
      // Modules register what seeding relies on (OA's approval hooks) when the app
      // initialises; listen() would do it only after the seed.
      await app.init();
      const seeded = await app.get(SeedRunner).seedDemo();
      if (seeded.length > 0) logger.info({ seeded }, 'demo data seeded');
    }
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: `http://localhost:${config.port}/`, docs: `http://localhost:${config.port}/api/docs` }, 'Zhongshu is up');
  } catch (error) {
    await database.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Zhongshu failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
