import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { bearer, TEST_JWT_SECRET } from './org-fixtures.js';

/** Outside demo mode nobody knows a password: the first admin sets their own. */
describe('first run without demo data: the one-time setup token', () => {
  let api: TestApi;
  let setupToken: string;

  beforeAll(async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    api = await startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET } });
    const message = warn.mock.calls.map((call) => String(call[0])).find((text) => text.includes('setupToken'));
    warn.mockRestore();
    setupToken = /"setupToken":"([^"]+)"/.exec(message ?? '')?.[1] ?? '';
  });
  afterAll(async () => api.close());

  it('prints a setup token to the log and knows no password yet', async () => {
    expect(setupToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    await request(api.url).post('/api/v1/auth/login').send({ username: 'admin', password: 'Demo@2026' }).expect(401);
  });

  it('refuses a wrong token and a weak password', async () => {
    await request(api.url).post('/api/v1/auth/setup').send({ setupToken: `${setupToken.split('.')[0]}.wrongwrongwrongwrongwrong`, password: 'a strong admin password 2026' }).expect(401);
    const weak = await request(api.url).post('/api/v1/auth/setup').send({ setupToken, password: 'admin123' }).expect(422);
    expect(weak.body.code).toBe('org.weak-password');
  });

  it('creates the administrator with the chosen password, once', async () => {
    const tokens = (await request(api.url).post('/api/v1/auth/setup').send({ setupToken, password: 'a strong admin password 2026' }).expect(200)).body;
    const me = (await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens.accessToken)).expect(200)).body;
    expect(me.profile.username).toBe('admin');
    expect(me.permissions).toEqual(expect.arrayContaining(['org:role:update', 'platform:audit:read', 'org:person:create']));
    expect(me.dataScope.grants).toEqual([expect.objectContaining({ roleCode: 'admin', kind: 'all', allPermissions: true })]);
    expect(me.dataScope.permissions.length).toBe(me.permissions.length);
    expect(me.dataScope.permissions.every((entry: { all: boolean }) => entry.all)).toBe(true);
    await request(api.url).post('/api/v1/auth/setup').send({ setupToken, password: 'another strong password 2026' }).expect(409);
    await request(api.url).post('/api/v1/auth/login').send({ username: 'admin', password: 'a strong admin password 2026' }).expect(200);
  });
});

describe('first run with ADMIN_INITIAL_PASSWORD', () => {
  let api: TestApi | undefined;
  afterAll(async () => api?.close());

  it('refuses to start with a weak one, naming the variable', async () => {
    await expect(startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET, ADMIN_INITIAL_PASSWORD: 'password1' } })).rejects.toThrow(/ADMIN_INITIAL_PASSWORD/);
  });

  it('makes it the password of admin', async () => {
    api = await startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET, ADMIN_INITIAL_PASSWORD: 'initial admin passphrase 2026' } });
    await request(api.url).post('/api/v1/auth/login').send({ username: 'admin', password: 'initial admin passphrase 2026' }).expect(200);
  });
});
