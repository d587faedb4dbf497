import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** Whether this harness started the server (and so can stop and restart it). */
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/**
 * A real Redis for one test file. With REDIS_URL set, that server, on a database index
 * of this Jest worker's own, flushed first; otherwise (or when the test must stop it) a
 * `redis-server` of its own on a free port, without persistence. stop() kills the
 * server; start() brings it back on the same port, empty, as after a crash.
 */
export async function startTestRedis(options: { own?: boolean } = {}): Promise<TestRedis> {
  const shared = process.env.REDIS_URL;
  if (shared && !options.own) {
    const url = new URL(shared);
    url.pathname = `/${Number(process.env.JEST_WORKER_ID ?? '1') % 16}`;
    await withClient(url.toString(), (client) => client.flushdb());
    const fail = async (): Promise<never> => {
      throw new Error('a shared REDIS_URL cannot be stopped; ask for { own: true }');
    };
    return { url: url.toString(), owned: false, stop: fail, start: fail };
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (server) return;
    server = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPing(url);
  };
  const stop = async (): Promise<void> => {
    const running = server;
    if (!running) return;
    server = undefined;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url, owned: true, stop, start };
}

async function waitForPing(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await withClient(url, (client) => client.ping());
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`redis-server at ${url} did not answer`);
}

async function withClient<T>(url: string, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    client.disconnect();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
