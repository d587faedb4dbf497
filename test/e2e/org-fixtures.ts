import request from 'supertest';
import pg from 'pg';
import type { PermissionCode } from '@zhongshu/contracts';
import { SeedRunner, type DataScopeKind } from '@zhongshu/platform';
import { DEMO_PASSWORD } from '@zhongshu/org';
import { startTestApi, type TestApi } from '../harness/test-api.js';

/** Tests sign tokens of their own (forged, expired) with this, so it is fixed. */
export const TEST_JWT_SECRET = 'zhongshu-test-secret-0123456789abcdefghij';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * The real API with the demo company seeded, as `npm start` has it in demo mode: a copy
 * of the demo template (seeded once per run); seedDemo then finds every seeder done, or
 * seeds one a context added since.
 */
export async function startDemoApi(env: Record<string, string> = {}): Promise<TestApi> {
  const api = await startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET, ...env }, demo: true });
  await api.app.get(SeedRunner).seedDemo();
  return api;
}

export async function signIn(api: TestApi, username: string, password: string = DEMO_PASSWORD): Promise<Tokens> {
  const response = await request(api.url).post('/api/v1/auth/login').send({ username, password });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Tokens;
}

export function bearer(tokens: Tokens | string): string {
  return `Bearer ${typeof tokens === 'string' ? tokens : tokens.accessToken}`;
}

/** Runs SQL on the test's database directly, for fixtures and for looking behind the API. */
export async function sql<T = Record<string, unknown>>(api: TestApi, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function personId(api: TestApi, username: string): Promise<string> {
  const [row] = await sql<{ id: string }>(api, 'SELECT id FROM org.person WHERE username = $1', [username]);
  if (!row) throw new Error(`no person ${username}`);
  return row.id;
}

export async function departmentId(api: TestApi, code: string): Promise<string> {
  const [row] = await sql<{ id: string }>(api, 'SELECT id FROM org.department WHERE code = $1', [code]);
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

/** A role a test creates for itself (as the administrator). */
export interface RoleSpec {
  code: string;
  permissions: PermissionCode[];
  dataScope: DataScopeKind;
  scopeDepartmentIds?: string[];
}

export const TESTER_PASSWORD = 'access tester password 2026';

/** Creates a role as the administrator and answers its id. */
export async function createRole(api: TestApi, admin: Tokens, role: RoleSpec): Promise<string> {
  const response = await request(api.url)
    .post('/api/v1/org/roles')
    .set('authorization', bearer(admin))
    .send({ name: role.code, scopeDepartmentIds: [], ...role });
  if (response.status !== 201) throw new Error(`creating role ${role.code} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/**
 * Gives a demo person exactly `roleCodes` (as the administrator), sets their password
 * and signs them in: the actor of a test, with the access the test chose for them.
 */
export async function actAs(api: TestApi, admin: Tokens, username: string, roleCodes: string[]): Promise<Tokens> {
  const id = await personId(api, username);
  const assigned = await request(api.url).put(`/api/v1/org/people/${id}/roles`).set('authorization', bearer(admin)).send({ roleCodes });
  if (assigned.status !== 200) throw new Error(`giving ${username} ${roleCodes.join(', ')} answered ${assigned.status}: ${JSON.stringify(assigned.body)}`);
  const password = await request(api.url).post(`/api/v1/org/people/${id}/password`).set('authorization', bearer(admin)).send({ newPassword: TESTER_PASSWORD });
  if (password.status !== 204) throw new Error(`setting the password of ${username} answered ${password.status}`);
  return signIn(api, username, TESTER_PASSWORD);
}

/** The role codes a person holds, read behind the API. */
export async function rolesOf(api: TestApi, username: string): Promise<string[]> {
  const rows = await sql<{ code: string }>(
    api,
    'SELECT r.code FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id JOIN org.person p ON p.id = pr.person_id WHERE p.username = $1 ORDER BY r.code',
    [username],
  );
  return rows.map((row) => row.code);
}
