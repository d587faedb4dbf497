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
  output: () => string;
}

function start(env: Record<string, string>): Started {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...inherited, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
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

  it('refuses to start on a bad variable, naming it', async () => {
    const started = start({ PORT: 'eighty', TIME_ZONE: 'Mars/Olympus', DATA_DIR: mkdtempSync(join(tmpdir(), 'zhongshu-bad-')) });
    expect(await exited(started.child)).toBe(1);
    expect(started.output()).toContain('PORT: "eighty" is not a whole number');
    expect(started.output()).toContain('TIME_ZONE');
  }, 60_000);
});
