// Jest loads global setup with Node's own loader, outside its module mapper, so this
// file imports only packages (their built dist/: `npm test` builds first) and no
// relative modules.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { runMigrations, startEmbeddedPostgres } from '@zhongshu/platform';

declare global {
  var __zhongshuTestServer: { stop(): Promise<void> } | undefined;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Once per run: reach PostgreSQL (DATABASE_URL when set, else an embedded server under
 * .data/test-postgres, kept between runs so only the first pays for initdb) and build
 * a migrated template database. Workers inherit the two variables and clone the
 * template into a database of their own (test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: `${REPO_ROOT}.data/test-postgres`,
      port: await freePort(),
      database: 'postgres',
    });
    adminUrl = server.adminUrl;
    globalThis.__zhongshuTestServer = server;
  }
  const template = `zs_template_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  } finally {
    await client.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString(), ALL_MIGRATIONS);
  process.env.ZS_TEST_ADMIN_URL = adminUrl;
  process.env.ZS_TEST_TEMPLATE = template;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
