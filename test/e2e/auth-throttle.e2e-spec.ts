import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { signIn, sql, startDemoApi } from './org-fixtures.js';

const login = (api: TestApi, username: string, password: string) => request(api.url).post('/api/v1/auth/login').send({ username, password });

describe('sign-in throttling per account (429) and its audit trail', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '1000', LOCKOUT_THRESHOLD: '1000' });
  });
  afterAll(async () => api.close());

  it('answers 429 after too many failures for one username, even to the right password, and leaves other accounts alone', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'finance', 'wrong password').expect(401);
    const throttled = await login(api, 'finance', 'wrong password').expect(429);
    expect(throttled.body.code).toBe('org.too-many-attempts');
    // Clients learn when to come back: the failure window, in seconds.
    expect(Number(throttled.headers['retry-after'])).toBe(15 * 60);
    await login(api, 'finance', 'Demo@2026').expect(429);
    await signIn(api, 'planner');
  });

  it('throttles unknown usernames the same way, so the answer does not reveal which exist', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await login(api, 'ghost', 'wrong password').expect(401);
    await login(api, 'ghost', 'wrong password').expect(429);
  });

  it('lets at most the limit through when many wrong guesses arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(api, 'planner', 'guess 123456')));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(9);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
  });

  it('audits failed and successful sign-ins with who, from where and why', async () => {
    await signIn(api, 'sales');
    const rows = await sql<{ outcome: string; actor_username: string; ip: string; detail: string | null; actor_id: string | null }>(
      api,
      `SELECT outcome, actor_username, ip, detail, actor_id FROM platform.audit_log WHERE kind = 'login' AND actor_username IN ('finance', 'sales') ORDER BY id`,
    );
    expect(rows.filter((row) => row.actor_username === 'finance' && row.outcome === 'failure').map((row) => row.detail)).toEqual([
      'wrong password or unknown username',
      'wrong password or unknown username',
      'wrong password or unknown username',
      'throttled',
      'throttled',
    ]);
    const success = rows.find((row) => row.actor_username === 'sales');
    expect(success).toMatchObject({ outcome: 'success', ip: '127.0.0.1' });
    expect(success?.actor_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
