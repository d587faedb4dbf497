import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, personId, signIn, sql, startDemoApi, TEST_JWT_SECRET } from './org-fixtures.js';

function jwt(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('sign-in, access tokens and sessions (real login)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi();
  });
  afterAll(async () => api.close());

  it('signs in a demo login and serves /me with profile, permissions, data scope and menu', async () => {
    const tokens = await signIn(api, 'manager');
    expect(tokens.expiresIn).toBe(900);
    const me = await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200);
    expect(me.body.profile).toMatchObject({ username: 'manager', name: '王芳', department: { name: '综合管理部' } });
    expect(me.body.permissions).toEqual(expect.arrayContaining(['org:person:read', 'org:department:read', 'org:me:read']));
    expect(me.body.permissions).not.toContain('org:role:update');
    expect(me.body.dataScope.grants.map((grant: { kind: string }) => grant.kind).sort()).toEqual(['department-and-below', 'self']);
    const org = me.body.menus.find((node: { key: string }) => node.key === 'org');
    expect(org.children.map((node: { key: string }) => node.key)).toEqual(['org-departments', 'org-people', 'org-positions']);
  });

  it('refuses a wrong password, an unknown user and missing fields without telling them apart', async () => {
    const wrong = await request(api.url).post('/api/v1/auth/login').send({ username: 'finance', password: 'not-the-password' }).expect(401);
    const unknown = await request(api.url).post('/api/v1/auth/login').send({ username: 'nobody-here', password: 'not-the-password' }).expect(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const missing = await request(api.url).post('/api/v1/auth/login').send({ username: 'finance' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'password', message: 'is required' }]);
    const wrongType = await request(api.url).post('/api/v1/auth/login').send({ username: 'finance', password: 12345678 }).expect(400);
    expect(wrongType.body.errors).toEqual([{ field: 'password', message: 'must be a string' }]);
  });

  it('answers 401 to no token, a forged token, an expired token and a token of another algorithm', async () => {
    const tokens = await signIn(api, 'employee');
    const id = await personId(api, 'employee');
    const [session] = await sql<{ id: string }>(api, 'SELECT id FROM org.session WHERE person_id = $1 ORDER BY created_at DESC LIMIT 1', [id]);
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: id, sid: session.id, usr: 'employee', typ: 'access' };
    await request(api.url).get('/api/v1/me').expect(401);
    await request(api.url).get('/api/v1/me').set('authorization', bearer('not.a.jwt')).expect(401);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(jwt({ ...claims, exp: now + 600 }, 'another-secret-that-is-long-enough-000'))).expect(401);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(jwt({ ...claims, iat: now - 1200, exp: now - 600 }, TEST_JWT_SECRET))).expect(401);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now + 600 })).toString('base64url')}.`;
    await request(api.url).get('/api/v1/me').set('authorization', bearer(unsigned)).expect(401);
    // The same claims, correctly signed, do work: the refusals above are about the token.
    await request(api.url).get('/api/v1/me').set('authorization', bearer(jwt({ ...claims, exp: now + 600 }, TEST_JWT_SECRET))).expect(200);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200);
  });

  it('rotates refresh tokens, and reuse of a spent one revokes the whole family', async () => {
    const first = await signIn(api, 'sales');
    const second = (await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(second)).expect(200);
    const reuse = await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('org.refresh-token-reused');
    // The family is gone: the newest refresh token and its access token no longer work.
    await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(second)).expect(401);
    // Another sign-in of the same person is a separate family and is untouched.
    const other = await signIn(api, 'sales');
    await request(api.url).get('/api/v1/me').set('authorization', bearer(other)).expect(200);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const tokens = await signIn(api, 'planner');
    const answers = await Promise.all([1, 2].map(() => request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('refuses a malformed or unknown refresh token with 401 or 400', async () => {
    await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
    await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: '019ab000-0000-7000-8000-000000000001.AAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).expect(401);
    await request(api.url).post('/api/v1/auth/refresh').send({}).expect(400);
  });

  it('ends the session at once on logout', async () => {
    const tokens = await signIn(api, 'finance');
    await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200);
    await request(api.url).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(401);
    await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('ends every session of a person at once when an admin disables them', async () => {
    const admin = await signIn(api, 'admin');
    const victim = await signIn(api, 'salesmgr');
    const id = await personId(api, 'salesmgr');
    const person = (await request(api.url).get(`/api/v1/org/people/${id}`).set('authorization', bearer(admin)).expect(200)).body;
    await request(api.url).post(`/api/v1/org/people/${id}/disable`).set('authorization', bearer(admin)).send({ version: person.version }).expect(200);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(victim)).expect(401);
    await request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
    await request(api.url).post('/api/v1/auth/login').send({ username: 'salesmgr', password: 'Demo@2026' }).expect(401);
    const disabled = (await request(api.url).get(`/api/v1/org/people/${id}`).set('authorization', bearer(admin)).expect(200)).body;
    await request(api.url).post(`/api/v1/org/people/${id}/enable`).set('authorization', bearer(admin)).send({ version: disabled.version }).expect(200);
    await signIn(api, 'salesmgr');
  });

  it('ends every session when the password changes, and applies the password policy', async () => {
    const first = await signIn(api, 'employee');
    const second = await signIn(api, 'employee');
    const weak = await request(api.url)
      .post('/api/v1/auth/password')
      .set('authorization', bearer(first))
      .send({ currentPassword: 'Demo@2026', newPassword: 'password123' })
      .expect(422);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword' });
    await request(api.url).post('/api/v1/auth/password').set('authorization', bearer(first)).send({ currentPassword: 'Demo@2026', newPassword: 'short' }).expect(422);
    await request(api.url).post('/api/v1/auth/password').set('authorization', bearer(first)).send({ currentPassword: 'wrong-one', newPassword: 'a long and quiet river 2026' }).expect(422);
    await request(api.url).post('/api/v1/auth/password').set('authorization', bearer(first)).send({ currentPassword: 'Demo@2026', newPassword: 'a long and quiet river 2026' }).expect(204);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(first)).expect(401);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(second)).expect(401);
    await request(api.url).post('/api/v1/auth/login').send({ username: 'employee', password: 'Demo@2026' }).expect(401);
    await signIn(api, 'employee', 'a long and quiet river 2026');
  });

  it('ends a session revoked by another API process, told through the database notification', async () => {
    const tokens = await signIn(api, 'planner');
    // Warm the session into this process's memory, then revoke it behind its back.
    await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200);
    await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens)).expect(200);
    await sql(api, `UPDATE org.session SET revoked_at = now(), revoked_reason = 'other process' WHERE person_id = $1`, [await personId(api, 'planner')]);
    let status = 200;
    for (let attempt = 0; attempt < 100 && status === 200; attempt += 1) {
      status = (await request(api.url).get('/api/v1/me').set('authorization', bearer(tokens))).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });

  it('applies a role change made by another API process, told through the database notification', async () => {
    const tokens = await signIn(api, 'finance');
    await request(api.url).get('/api/v1/org/roles').set('authorization', bearer(tokens)).expect(403);
    await sql(api, `UPDATE org.role SET permissions = permissions || '{org:role:read}' WHERE code = 'finance'`);
    let status = 403;
    for (let attempt = 0; attempt < 100 && status === 403; attempt += 1) {
      status = (await request(api.url).get('/api/v1/org/roles').set('authorization', bearer(tokens))).status;
      if (status === 403) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(200);
  });
});
