import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD } from '@zhongshu/org';
import type { TestApi } from '../harness/test-api.js';
import { sql, startDemoApi } from './org-fixtures.js';

/** A sign-in from `ip` (the API trusts X-Forwarded-For here, as behind the production proxy). */
const login = (api: TestApi, username: string, password: string, ip: string) =>
  request(api.url).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ username, password });

/** Moves an account's recorded failures into the past, instead of waiting out a delay. */
const age = (api: TestApi, username: string, seconds: number) =>
  sql(api, `UPDATE org.login_attempt SET attempted_at = attempted_at - make_interval(secs => $2) WHERE username = $1`, [username, seconds]);

const retryAfter = (response: request.Response): number => Number(response.headers['retry-after']);

describe('sign-in throttling per account and address (429), with growing waits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({
      TRUST_PROXY: 'true',
      LOGIN_FREE_FAILURES_PER_ADDRESS: '3',
      LOGIN_RETRY_DELAY_SECONDS: '60',
      LOGIN_MAX_RETRY_DELAY_MINUTES: '4',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
    });
  });
  afterAll(async () => api.close());

  it('makes one address wait after its free failures for an account, and leaves the same account alone from another address', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'finance', 'wrong password', '10.0.0.1').expect(401);
    const throttled = await login(api, 'finance', DEMO_PASSWORD, '10.0.0.1').expect(429);
    expect(throttled.body.code).toBe('org.too-many-attempts');
    // Clients learn when to come back: the first wait, counted from the last failure.
    expect(retryAfter(throttled)).toBeGreaterThan(50);
    expect(retryAfter(throttled)).toBeLessThanOrEqual(60);
    expect(throttled.body.detail).toMatch(/Try again in (1 minute|\d+ seconds)/);
    // The owner at their own desk is not locked out by someone guessing elsewhere.
    await login(api, 'finance', DEMO_PASSWORD, '10.0.0.2').expect(200);
  });

  it('doubles the wait with each further failure, up to the cap, and starts over after a success', async () => {
    const ip = '10.0.1.1';
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'sales', 'wrong password', ip).expect(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const blocked = await login(api, 'sales', 'wrong password', ip).expect(429);
      waits.push(retryAfter(blocked));
      await age(api, 'sales', retryAfter(blocked) + 1);
      await login(api, 'sales', 'wrong password', ip).expect(401);
    }
    // 1, 2, 4 minutes, then the 4-minute cap (each a little less: time passes between failure and answer).
    expect(waits.map((wait) => Math.ceil(wait / 60))).toEqual([1, 2, 4, 4]);
    const capped = await login(api, 'sales', DEMO_PASSWORD, ip).expect(429);
    await age(api, 'sales', retryAfter(capped) + 1);
    await login(api, 'sales', DEMO_PASSWORD, ip).expect(200);
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'sales', 'wrong password', ip).expect(401);
    await login(api, 'sales', 'wrong password', ip).expect(429);
  });

  it('does not count blocked attempts: retrying while waiting neither lengthens the wait nor adds failures', async () => {
    const ip = '10.0.2.1';
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'manager', 'wrong password', ip).expect(401);
    const first = await login(api, 'manager', 'wrong password', ip).expect(429);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const again = await login(api, 'manager', 'wrong password', ip).expect(429);
      expect(retryAfter(again)).toBeLessThanOrEqual(retryAfter(first));
    }
    const [failures] = await sql<{ n: number }>(api, `SELECT count(*)::int AS n FROM org.login_attempt WHERE username = 'manager' AND NOT succeeded`);
    expect(failures.n).toBe(3);
    await age(api, 'manager', retryAfter(first) + 1);
    await login(api, 'manager', DEMO_PASSWORD, ip).expect(200);
  });

  it('throttles unknown usernames the same way, so the answer does not reveal which exist', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'ghost', 'wrong password', '10.0.0.1').expect(401);
    const throttled = await login(api, 'ghost', 'wrong password', '10.0.0.1').expect(429);
    expect(throttled.body.code).toBe('org.too-many-attempts');
  });

  it('lets at most the free failures through when many wrong guesses arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(api, 'planner', 'guess 123456', '10.0.3.1')));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(9);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    await login(api, 'planner', DEMO_PASSWORD, '10.0.3.2').expect(200);
  });

  it('audits failed and successful sign-ins with who, from where and why', async () => {
    const rows = await sql<{ outcome: string; ip: string; detail: string | null; actor_id: string | null }>(
      api,
      `SELECT outcome, ip, detail, actor_id FROM platform.audit_log WHERE kind = 'login' AND actor_username = 'finance' ORDER BY id`,
    );
    expect(rows.map((row) => [row.outcome, row.ip, row.detail])).toEqual([
      ['failure', '10.0.0.1', 'wrong password or unknown username'],
      ['failure', '10.0.0.1', 'wrong password or unknown username'],
      ['failure', '10.0.0.1', 'wrong password or unknown username'],
      ['failure', '10.0.0.1', 'throttled: too many failures for this account from this address'],
      ['success', '10.0.0.2', null],
    ]);
    expect(rows[4].actor_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
