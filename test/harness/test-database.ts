import { databaseUrl, withAdmin } from './postgres-admin.js';

/**
 * A database of this Jest worker's own, cloned from the migrated template. Each test
 * file calls it once in beforeAll, so a file never sees another file's rows. `demo`
 * clones the template with the demo company already seeded (global-setup.ts).
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<string> {
  const adminUrl = process.env.ZS_TEST_ADMIN_URL;
  const template = options.demo ? process.env.ZS_TEST_DEMO_TEMPLATE : process.env.ZS_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('The db test project needs test/harness/global-setup.ts to have run');
  const name = `${process.env.ZS_TEST_TEMPLATE}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return databaseUrl(adminUrl, name);
}
