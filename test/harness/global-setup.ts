// Jest loads global setup with Node's own loader, outside its module mapper, so this
// file imports only packages (their built dist/: `npm test` builds first) and no
// relative modules.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApi } from '@zhongshu/api';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { createRootLogger, loadConfig, runMigrations, SeedRunner, startEmbeddedPostgres } from '@zhongshu/platform';

declare global {
  var __zhongshuTestServer: { stop(): Promise<void> } | undefined;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Once per run: reach PostgreSQL (DATABASE_URL when set, else an embedded server under
 * .data/test-postgres, kept between runs so only the first pays for initdb) and build
 * a migrated template database, and beside it a second template with the demo company
 * seeded. Workers inherit the variables and clone one of them into a database of their
 * own (test-database.ts): a suite on the demo company then starts from a copy instead of
 * seeding every context's demo data again (seconds per suite, more with each context).
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
  const demoTemplate = await seedDemoTemplate(adminUrl, template);
  process.env.ZS_TEST_ADMIN_URL = adminUrl;
  process.env.ZS_TEST_TEMPLATE = template;
  process.env.ZS_TEST_DEMO_TEMPLATE = demoTemplate;
}

/**
 * The demo company, seeded once on the real clock by the built API exactly as
 * `startDemoApi` would (no workers: its events wait in the outbox, as they would in a
 * suite's own seeding before its relay runs). Suites that need a clock of their own
 * (OA's) keep seeding on their clock from the plain template.
 */
async function seedDemoTemplate(adminUrl: string, template: string): Promise<string> {
  const name = `${template}_demo`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, FILES_DIR: process.env.FILES_DIR ?? `${REPO_ROOT}.data/test-files`, DEMO_MODE: 'false', RUN_WORKERS: 'false', LOG_LEVEL: 'silent' });
  const app = await createApi({ config, databaseUrl, logger: createRootLogger(config.logLevel) });
  try {
    await app.init();
    await app.get(SeedRunner).seedDemo();
  } finally {
    await app.close();
  }
  return name;
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
