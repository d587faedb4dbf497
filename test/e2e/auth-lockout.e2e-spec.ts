import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD } from '@zhongshu/org';
import type { TestApi } from '../harness/test-api.js';
import { bearer, personId, signIn, sql, startDemoApi } from './org-fixtures.js';

const login = (api: TestApi, username: string, password: string, ip: string) =>
  request(api.url).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ username, password });

/** Six failures for `username`, two from each of three addresses nobody else uses. */
async function guessFromEverywhere(api: TestApi, username: string, network: string): Promise<void> {
  for (const host of [1, 2, 3]) {
    for (let attempt = 0; attempt < 2; attempt += 1) await login(api, username, 'wrong password', `${network}.${host}`).expect(401);
  }
}

describe('the account-wide limit: many failures from many addresses', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({
      TRUST_PROXY: 'true',
      LOGIN_FREE_FAILURES_PER_ADDRESS: '2',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '6',
      LOGIN_FAILURE_WINDOW_MINUTES: '60',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
    });
  });
  afterAll(async () => api.close());

  it('makes new addresses wait, and still lets the right password in from an address the person signed in from before', async () => {
    await login(api, 'employee', DEMO_PASSWORD, '10.1.0.1').expect(200);
    await guessFromEverywhere(api, 'employee', '10.1.1');
    const locked = await login(api, 'employee', DEMO_PASSWORD, '10.1.2.1').expect(429);
    expect(locked.body.code).toBe('org.account-locked');
    // Retry-After counts down until enough failures have left the 60-minute window.
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60 * 60);
    // The colleague at their usual desk is not locked out by the attacker...
    await login(api, 'employee', DEMO_PASSWORD, '10.1.0.1').expect(200);
    // ...and that desk still gets only its own free failures.
    for (let attempt = 0; attempt < 2; attempt += 1) await login(api, 'employee', 'wrong password', '10.1.0.1').expect(401);
    await login(api, 'employee', DEMO_PASSWORD, '10.1.0.1').expect(429);
  });

  it('answers unknown usernames exactly like known ones', async () => {
    await guessFromEverywhere(api, 'nobody.here', '10.1.3');
    const locked = await login(api, 'nobody.here', DEMO_PASSWORD, '10.1.4.1').expect(429);
    expect(locked.body.code).toBe('org.account-locked');
  });

  it('does not count blocked attempts, and lifts once the failures leave the window', async () => {
    await guessFromEverywhere(api, 'planner', '10.1.5');
    for (let host = 1; host <= 4; host += 1) await login(api, 'planner', 'wrong password', `10.1.6.${host}`).expect(429);
    const [failures] = await sql<{ n: number }>(api, `SELECT count(*)::int AS n FROM org.login_attempt WHERE username = 'planner' AND NOT succeeded`);
    expect(failures.n).toBe(6);
    await sql(api, `UPDATE org.login_attempt SET attempted_at = attempted_at - interval '61 minutes' WHERE username = 'planner'`);
    await login(api, 'planner', DEMO_PASSWORD, '10.1.6.1').expect(200);
  });

  it('is lifted by a password reset: the administrator the message sends the person to can help', async () => {
    await guessFromEverywhere(api, 'sales', '10.1.7');
    await login(api, 'sales', DEMO_PASSWORD, '10.1.8.1').expect(429);
    const admin = await signIn(api, 'admin');
    await request(api.url)
      .post(`/api/v1/org/people/${await personId(api, 'sales')}/password`)
      .set('authorization', bearer(admin))
      .send({ newPassword: 'a fresh start 2026' })
      .expect(204);
    await login(api, 'sales', 'a fresh start 2026', '10.1.8.1').expect(200);
  });
});
