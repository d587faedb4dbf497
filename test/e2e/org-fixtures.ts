import request from 'supertest';
import pg from 'pg';
import { SeedRunner } from '@zhongshu/platform';
import { DEMO_PASSWORD } from '@zhongshu/org';
import { startTestApi, type TestApi } from '../harness/test-api.js';

/** Tests sign tokens of their own (forged, expired) with this, so it is fixed. */
export const TEST_JWT_SECRET = 'zhongshu-test-secret-0123456789abcdefghij';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** The real API with the demo company seeded, as `npm start` has it in demo mode. */
export async function startDemoApi(env: Record<string, string> = {}): Promise<TestApi> {
  const api = await startTestApi({ env: { JWT_SECRET: TEST_JWT_SECRET, ...env } });
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
