import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD } from '@zhongshu/org';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';

const login = (api: TestApi, username: string, password: string, ip: string) =>
  request(api.url).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ username, password });

describe('the address-wide limit: many failures from one address (a whole office behind one NAT)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '4', LOGIN_FREE_FAILURES_PER_ADDRESS: '1000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' });
  });
  afterAll(async () => api.close());

  it('makes accounts new to the address wait, and lets those who signed in from it before through', async () => {
    const office = '10.2.0.1';
    await login(api, 'admin', DEMO_PASSWORD, office).expect(200);
    for (const username of ['a1', 'b2', 'c3', 'd4']) await login(api, username, 'wrong password', office).expect(401);
    const blocked = await login(api, 'e5', 'wrong password', office).expect(429);
    expect(blocked.body.code).toBe('org.too-many-attempts');
    expect(blocked.body.detail).toContain('Too many failed sign-ins from your address');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await login(api, 'planner', DEMO_PASSWORD, office).expect(429);
    // A colleague who works from this office gets in; so does the other account from home.
    await login(api, 'admin', DEMO_PASSWORD, office).expect(200);
    await login(api, 'planner', DEMO_PASSWORD, '10.2.0.2').expect(200);
  });
});
