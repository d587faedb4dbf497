import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { signIn, sql, startDemoApi } from './org-fixtures.js';

describe('account lockout after consecutive failures', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_FAILURES_PER_IP: '1000', LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '30' });
  });
  afterAll(async () => api.close());

  it('locks the account at the threshold, refusing even the right password, until the lock runs out', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(api.url).post('/api/v1/auth/login').send({ username: 'employee', password: 'wrong password' }).expect(401);
    }
    const locked = await request(api.url).post('/api/v1/auth/login').send({ username: 'employee', password: 'Demo@2026' }).expect(429);
    expect(locked.body.code).toBe('org.account-locked');
    // Retry-After counts down to the end of the 30-minute lock.
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(29 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(30 * 60);
    // Other accounts are not affected.
    await signIn(api, 'manager');
    // The lock lifts when its time is up (moved into the past rather than waited for).
    await sql(api, `UPDATE org.person SET locked_until = now() - interval '1 second' WHERE username = 'employee'`);
    await signIn(api, 'employee');
    const [row] = await sql<{ failed_login_count: number }>(api, `SELECT failed_login_count FROM org.person WHERE username = 'employee'`);
    expect(row.failed_login_count).toBe(0);
  });

  it('resets the consecutive count on success, so scattered mistakes never lock', async () => {
    for (let round = 0; round < 3; round += 1) {
      await request(api.url).post('/api/v1/auth/login').send({ username: 'sales', password: 'wrong password' }).expect(401);
      await request(api.url).post('/api/v1/auth/login').send({ username: 'sales', password: 'wrong password' }).expect(401);
      await signIn(api, 'sales');
    }
  });

  it('counts concurrent failures exactly and locks at the threshold', async () => {
    await Promise.all(Array.from({ length: 6 }, () => request(api.url).post('/api/v1/auth/login').send({ username: 'planner', password: 'wrong password' })));
    const [row] = await sql<{ failed_login_count: number; locked: boolean }>(
      api,
      `SELECT failed_login_count, locked_until > now() AS locked FROM org.person WHERE username = 'planner'`,
    );
    expect(row.locked).toBe(true);
    await request(api.url).post('/api/v1/auth/login').send({ username: 'planner', password: 'Demo@2026' }).expect(429);
  });
});
