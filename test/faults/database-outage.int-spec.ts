import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import request from 'supertest';
import { createApi } from '@zhongshu/api';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { loadConfig, newId, runMigrations, startEmbeddedPostgres, type RunningPostgres } from '@zhongshu/platform';
import { freePort } from '../harness/redis-server.js';
import { testAuthorization, TestPrincipalModule } from '../harness/test-principal.module.js';

jest.setTimeout(180_000);

const admin = testAuthorization(newId(), ['platform:company:read', 'platform:company:update']);

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A PostgreSQL of this test's own (never the shared server), stopped and started again
 * under the real API: while it is down every request is answered 503 problem+json with
 * Retry-After, the outage is logged once, and nothing but JSON reaches the log.
 */
describe('a database outage', () => {
  let dataDir: string;
  let port: number;
  let postgres: RunningPostgres | undefined;
  let app: NestFastifyApplication;
  let url: string;
  const lines: string[] = [];

  const startPostgres = async (): Promise<RunningPostgres> => startEmbeddedPostgres({ dataDir, port, database: 'zhongshu' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zs-outage-'));
    port = await freePort();
    postgres = await startPostgres();
    await runMigrations(postgres.url, ALL_MIGRATIONS);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: postgres.url, DEMO_MODE: 'false', RUN_WORKERS: 'false', LOG_LEVEL: 'info' });
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    app = await createApi({ config, databaseUrl: postgres.url, logger, extraModules: [TestPrincipalModule] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await app?.close();
    await postgres?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 problem+json with Retry-After while PostgreSQL restarts, logs the outage once, and serves again after', async () => {
    const before = await request(url).get('/api/v1/platform/company').set('authorization', admin).expect(200);
    const consoleWrites: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleWrites.push(args.map(String).join(' '))),
    );
    const linesBefore = lines.length;
    try {
      await postgres!.stop();
      postgres = undefined;
      const answers = [];
      for (let round = 0; round < 10; round++) {
        answers.push(await request(url).get('/api/v1/platform/company').set('authorization', admin));
        answers.push(await request(url).patch('/api/v1/platform/company').set('authorization', admin).send({ version: before.body.version, name: `Outage ${round}` }));
      }
      for (const answer of answers) {
        expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 503, code: 'platform.database-unavailable' });
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body.requestId).toBe(answer.headers['x-request-id']);
      }
      const ready = await request(url).get('/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database.status).toBe('down');

      const during = lines.slice(linesBefore).map((line) => JSON.parse(line) as { msg: string; level: number });
      expect(during.filter((line) => line.msg.startsWith('database unavailable'))).toHaveLength(1);
      expect(during.filter((line) => line.msg === 'unexpected error')).toEqual([]);
      // TypeORM's and the pool's messages go through the JSON logger, not the console.
      expect(consoleWrites).toEqual([]);

      postgres = await startPostgres();
      const after = await eventually(async () => {
        const response = await request(url).get('/api/v1/platform/company').set('authorization', admin);
        return response.status === 200 ? response : undefined;
      }, 'the API to serve again');
      // Nothing was saved while the database was away.
      expect(after.body).toEqual(before.body);
      await request(url).get('/api/ready').expect(200);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
