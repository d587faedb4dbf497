// Loaded like global-setup.ts: packages only.
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.ZS_TEST_ADMIN_URL;
  const template = process.env.ZS_TEST_TEMPLATE;
  if (adminUrl && template) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2',
        [template, `${template}\\_w%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  await globalThis.__zhongshuTestServer?.stop();
}
