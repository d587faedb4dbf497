import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { testFilesEnv } from '../harness/test-files.js';
import { dealFixtures, eventually } from './deal-fixtures.js';
import { act, OaPeople, openTaskOf } from './oa-fixtures.js';
import { sql, startDemoApi } from './org-fixtures.js';

const WORKER = fileURLToPath(new URL('../../apps/worker/dist/main.js', import.meta.url));

/** The product's own worker process (apps/worker) on the test's database, up once it says so. */
async function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DEMO_MODE: 'false',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      WORKER_PORT: '0',
      HOST: '127.0.0.1',
      // A job whose worker died is taken up again after this long.
      EVENT_JOB_LOCK_MS: '2000',
      EVENT_REDELIVER_AFTER_MS: '3000',
      ...testFilesEnv(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start: ${output.slice(-2000)}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Zhongshu worker is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${output.slice(-2000)}`)));
  });
  return child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * The headline flow with the event worker in a process of its own (the API relays and
 * handles nothing), killed with SIGKILL in the middle of the flow — OA has started the
 * review, ERP may be making the order — and started again: the flow finishes exactly once.
 */
describe('the deal flow when the worker is killed half-way and started again', () => {
  let api: TestApi;
  let people: OaPeople;
  let deal: Awaited<ReturnType<typeof dealFixtures>>;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    api = await startDemoApi({ RUN_WORKERS: 'false' });
    people = await OaPeople.start(api);
    deal = await dealFixtures(api, people);
    worker = await startWorker(api.databaseUrl);
  }, 240_000);
  afterAll(async () => {
    await kill(worker);
    await api?.close();
  }, 60_000);

  it('finishes the flow once: one review, one confirmed order, every step once', async () => {
    const made = await deal.draft(deal.customers[0].id, '1');
    await deal.sign(made.id).then((answer) => expect(answer.status).toBe(200));
    const review = await deal.reviewOf(made.id, 1);
    await kill(worker);

    // While no worker runs, the decisions are taken; their events wait in the outbox.
    await act(api, people, 'salesmgr', await openTaskOf(api, review, 'salesmgr'), 'approve', { comment: '价格已核' }).then((answer) => expect(answer.status).toBe(200));
    await act(api, people, 'finance', await openTaskOf(api, review, 'finance'), 'approve', {}).then((answer) => expect(answer.status).toBe(200));
    expect((await deal.contract(made.id)).status).toBe('under_approval');

    worker = await startWorker(api.databaseUrl);
    await deal.until(made.id, 'active', ['confirmed']);
    // Nothing left undelivered, nothing done twice.
    await eventually(
      async () => ((await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM platform.pending_delivery'))[0].n === 0 ? true : undefined),
      'every delivery to be claimed',
      60_000,
    );
    expect(await sql(api, `SELECT id FROM oa.request WHERE business_type = 'crm.contract' AND business_id LIKE $1`, [`${made.id}:%`])).toHaveLength(1);
    expect(await deal.ordersOf(made.id)).toEqual([expect.objectContaining({ contract_version: 1, status: 'confirmed' })]);
    const answer = await request(api.url).get(`/api/v1/deals/${made.id}/thread`).set('authorization', await deal.as('sales')).expect(200);
    const kinds: string[] = answer.body.steps.map((step: { kind: string }) => step.kind);
    for (const kind of ['contract.signed', 'order.created', 'contract.activated', 'order.confirmed']) expect(kinds.filter((each) => each === kind)).toHaveLength(1);
    expect(await sql(api, `SELECT 1 FROM platform.dead_letter WHERE status = 'parked'`)).toEqual([]);
  }, 300_000);
});
