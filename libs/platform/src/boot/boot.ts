import { Worker } from 'node:worker_threads';
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
 * finished. A second signal, or the timeout over all of them, exits at once, even
 * while a step holds the event loop (the watchdog thread).
 */
export function installShutdown(logger: Logger, timeoutMs: number, steps: Array<() => Promise<unknown>>): { watchdogOnline: Promise<void> } {
  let stopping = false;
  const watchdog = startShutdownWatchdog((logger.bindings() as { name?: string }).name);
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
    // The timer above needs the event loop, which a long synchronous step (an XLSX
    // export being built) can hold for seconds; a thread of its own ends the process then.
    watchdog.arm(Date.now() + timeoutMs + WATCHDOG_GRACE_MS, timeoutMs);
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
  // A thread needs its parent's event loop to start: the watchdog covers a stop from
  // the moment it is online (moments after start-up).
  return { watchdogOnline: watchdog.online };
}

/** How much later than the shutdown timeout the watchdog thread acts, if the event loop could not. */
const WATCHDOG_GRACE_MS = 100;

/**
 * A worker thread that kills the process when the stop has taken too long: it runs
 * whatever the main thread is doing, so a blocked event loop cannot hold a stop. It is
 * started with the shutdown handlers (a thread takes a while to start) and armed when a
 * stop begins, with the deadline. It writes its one line of JSON log itself (the main
 * thread's logger may be the one blocked). SIGKILL skips exit hooks: an embedded
 * PostgreSQL left running is stopped by the next start (`stopOrphanedServer`).
 * Unreferenced, so it never keeps the process up.
 */
function startShutdownWatchdog(name: string | undefined): { online: Promise<void>; arm(deadline: number, timeoutMs: number): void } {
  const watchdog = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { writeSync } = require('node:fs');
     parentPort.once('message', ({ deadline, timeoutMs }) => {
       setTimeout(() => {
         const line = { level: 'fatal', time: new Date().toISOString(), pid: workerData.pid, name: workerData.name, timeoutMs,
           msg: 'shutdown took too long while the event loop was blocked: killing the process' };
         try { writeSync(1, JSON.stringify(line) + '\\n'); } finally { process.kill(workerData.pid, 'SIGKILL'); }
       }, Math.max(0, deadline - Date.now()));
     });`,
    // Not the process's own flags: an `--input-type=module` would make this CommonJS source ESM.
    { eval: true, execArgv: [], workerData: { pid: process.pid, name } },
  );
  watchdog.unref();
  const online = new Promise<void>((resolve) => watchdog.once('online', () => resolve()));
  return { online, arm: (deadline, timeoutMs) => watchdog.postMessage({ deadline, timeoutMs }) };
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
