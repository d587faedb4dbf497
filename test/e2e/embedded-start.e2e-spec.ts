import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';

// The product as `npm start` runs it (the built apps/api/dist/main.js), on the embedded
// defaults: its own PostgreSQL under DATA_DIR, the demo company, a clean stop on SIGTERM,
// and the data still there after a restart.
const MAIN = fileURLToPath(new URL('../../apps/api/dist/main.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Started {
  child: ChildProcess;
  /** stdout and stderr together, as a terminal shows them. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
}

/**
 * Runs the API as a terminal runs `npm start`: `detached` makes it the leader of a
 * process group of its own, so a signal to that group reaches it and everything it
 * started in the group, exactly like Ctrl-C reaches a foreground job.
 */
function start(env: Record<string, string>): Started {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...inherited, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.on('data', (chunk) => ((stdout += chunk), (output += chunk)));
  child.stderr?.on('data', (chunk) => ((stderr += chunk), (output += chunk)));
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr };
}

async function until(what: string, condition: () => Promise<boolean> | boolean, started: Started): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (await condition()) return;
    if (started.child.exitCode !== null) throw new Error(`exited before ${what}:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never ${what}:\n${started.output()}`);
}

async function waitReady(url: string, started: Started): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never ready:\n${started.output()}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function portIsClosed(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'zhongshu-embedded', database: 'zhongshu', connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return false;
  } catch {
    return true;
  }
}

describe('npm start on the embedded defaults', () => {
  it('starts with the demo company, stops cleanly on SIGTERM, and keeps the data across a restart', async () => {
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zhongshu-start-')),
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
    };
    const base = `http://127.0.0.1:${env.PORT}`;

    const first = start(env);
    await waitReady(`${base}/api/ready`, first);
    const company = (await (await fetch(`${base}/api/v1/platform/company/public`)).json()) as { name: string };
    expect(company.name).toBe('华东精工');
    expect(((await (await fetch(`${base}/api/docs-json`)).json()) as { openapi: string }).openapi).toMatch(/^3\./);

    const db = new pg.Client({ host: '127.0.0.1', port: Number(env.EMBEDDED_PG_PORT), user: 'postgres', password: 'zhongshu-embedded', database: 'zhongshu' });
    await db.connect();
    await db.query("UPDATE platform.company_profile SET name = 'Kept across restarts'");
    await db.end();

    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    expect(await portIsClosed(Number(env.EMBEDDED_PG_PORT))).toBe(true);

    const second = start(env);
    await waitReady(`${base}/api/ready`, second);
    const again = (await (await fetch(`${base}/api/v1/platform/company/public`)).json()) as { name: string };
    expect(again.name).toBe('Kept across restarts');
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 180_000);

  it('on Ctrl-C finishes the request in flight, then stops the workers and the database, logging JSON only', async () => {
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zhongshu-stop-')),
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
    };
    const base = `http://127.0.0.1:${env.PORT}`;
    const started = start(env);
    await waitReady(`${base}/api/ready`, started);

    // A slow request: it waits for a lock this test holds on the company profile.
    const holder = new pg.Client({ host: '127.0.0.1', port: Number(env.EMBEDDED_PG_PORT), user: 'postgres', password: 'zhongshu-embedded', database: 'zhongshu' });
    await holder.connect();
    holder.on('error', () => undefined);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE platform.company_profile IN ACCESS EXCLUSIVE MODE');
    const inFlight = fetch(`${base}/api/v1/platform/company/public`).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    await until(
      'the request waits for the lock',
      async () => (await holder.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'zhongshu-api' AND wait_event_type = 'Lock'`)).rowCount === 1,
      started,
    );

    // Ctrl-C: SIGINT to the whole foreground process group.
    process.kill(-(started.child.pid as number), 'SIGINT');
    await until('no longer taking requests', () => started.stdout().includes('"msg":"no longer taking requests"'), started);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    // The database is still there for the request in flight: let it finish.
    await holder.query('COMMIT');
    await holder.end();
    const answer = await inFlight;
    expect(answer).toEqual({ status: 200, body: expect.stringContaining('"name"') });

    expect(await exited(started.child)).toBe(0);
    expect(await portIsClosed(Number(env.EMBEDDED_PG_PORT))).toBe(true);
    const lines = started.stdout().split('\n').filter((line) => line.trim() !== '');
    const notJson = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    expect(started.stderr()).toBe('');
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    const order = ['shutting down', 'no longer taking requests', 'requests finished', 'application closed', 'embedded PostgreSQL stopped', 'stopped'];
    expect(order.map((msg) => messages.indexOf(msg))).toEqual([...order.map((msg) => messages.indexOf(msg))].sort((a, b) => a - b));
    expect(order.filter((msg) => !messages.includes(msg))).toEqual([]);
    // Finished, not cut off at the bound.
    expect(messages).not.toContain('requests still in flight were cut off');
  }, 180_000);

  it('refuses to start on a bad variable, naming it', async () => {
    const started = start({ PORT: 'eighty', TIME_ZONE: 'Mars/Olympus', DATA_DIR: mkdtempSync(join(tmpdir(), 'zhongshu-bad-')) });
    expect(await exited(started.child)).toBe(1);
    expect(started.output()).toContain('PORT: "eighty" is not a whole number');
    expect(started.output()).toContain('TIME_ZONE');
  }, 60_000);
});
