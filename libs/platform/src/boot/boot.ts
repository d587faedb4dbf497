import type { Logger } from 'pino';
import { ConfigError, type AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations, type MigrationList } from '../database/migrate.js';

export interface BootedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR; then pending migrations. */
export async function bootDatabase(config: AppConfig, logger: Logger, migrations: MigrationList): Promise<BootedDatabase> {
  let database: BootedDatabase;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  } else {
    const server = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      database: 'zhongshu',
      logger,
    });
    logger.info({ dataDir: config.dataDir, port: config.embeddedPostgresPort }, 'embedded PostgreSQL started');
    database = {
      url: server.url,
      embedded: true,
      stop: async () => {
        await server.stop();
        logger.info('embedded PostgreSQL stopped');
      },
    };
  }
  if (config.runMigrations) {
    try {
      await runMigrations(database.url, migrations, logger);
    } catch (error) {
      await database.stop();
      throw error;
    }
  }
  return database;
}

/**
 * SIGINT/SIGTERM: run the steps in order (an app passes: drain HTTP, close the
 * application with its workers and pool, stop the database), each logging what it
 * finished. A second signal, or the timeout over all of them, exits at once.
 */
export function installShutdown(logger: Logger, timeoutMs: number, steps: Array<() => Promise<unknown>>): void {
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    let code = 0;
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        code = 1;
        logger.error({ err: error }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    logger.info('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (received) => void shutdown(received));
}

/** Reads the config or stops the process with every bad variable named. */
export function loadConfigOrExit(load: () => AppConfig): AppConfig {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}
