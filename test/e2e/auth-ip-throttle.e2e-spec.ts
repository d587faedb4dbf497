import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';

describe('sign-in throttling per IP (429)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_FAILURES_PER_IP: '4', LOCKOUT_THRESHOLD: '1000' });
  });
  afterAll(async () => api.close());

  it('answers 429 to an address that keeps failing across many usernames, for every account', async () => {
    for (const username of ['a1', 'b2', 'c3', 'd4']) {
      await request(api.url).post('/api/v1/auth/login').send({ username, password: 'wrong password' }).expect(401);
    }
    await request(api.url).post('/api/v1/auth/login').send({ username: 'e5', password: 'wrong password' }).expect(429);
    const blocked = await request(api.url).post('/api/v1/auth/login').send({ username: 'admin', password: 'Demo@2026' }).expect(429);
    expect(blocked.body.detail).toContain('Too many failed sign-ins');
  });
});
