import 'reflect-metadata';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { bootDatabase, createRootLogger, drainHttp, installShutdown, loadConfig, loadConfigOrExit } from '@zhongshu/platform';
import { createWorker } from './create-worker.js';

async function main(): Promise<void> {
  // The worker listens on WORKER_PORT (default 3001) so it can run beside the API, and
  // always runs the event relay, the handlers and the scheduled jobs: that is its job.
  const config = loadConfigOrExit(() => loadConfig({ ...process.env, PORT: process.env.WORKER_PORT ?? '3001', RUN_WORKERS: 'true' }));
  const logger = createRootLogger(config.logLevel, 'zhongshu-worker');
  if (!config.databaseUrl) {
    // In the embedded default the API process runs the workers itself; a separate
    // worker only makes sense against a shared server.
    process.stderr.write('DATABASE_URL: the worker process needs a shared PostgreSQL; without one, `npm start` runs the workers inside the API.\n');
    process.exit(1);
  }
  const database = await bootDatabase(config, logger, ALL_MIGRATIONS);
  try {
    const app = await createWorker({ config, databaseUrl: database.url, logger });
    installShutdown(logger, config.shutdownTimeoutMs, [
      () => drainHttp(app, logger, config.shutdownTimeoutMs / 2),
      async () => {
        await app.close();
        logger.info('application closed');
      },
      () => database.stop(),
    ]);
    await app.listen({ port: config.port, host: config.host });
    logger.info({ port: config.port }, 'Zhongshu worker is up');
  } catch (error) {
    await database.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Zhongshu worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
