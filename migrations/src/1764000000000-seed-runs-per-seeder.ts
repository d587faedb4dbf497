import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demo seeds are recorded per seeder, so a context that lands later seeds its demo
 * data into an existing demo database once. A database seeded before this change has
 * one row, `demo`, for the two seeders that existed then.
 */
export class SeedRunsPerSeeder1764000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      INSERT INTO platform.seed_run (name, applied_at)
      SELECT seeder, applied_at FROM platform.seed_run, unnest(ARRAY['platform.company', 'org.structure']) AS seeder
       WHERE name = 'demo'
      ON CONFLICT (name) DO NOTHING`);
    await runner.query(`DELETE FROM platform.seed_run WHERE name = 'demo'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      INSERT INTO platform.seed_run (name, applied_at)
      SELECT 'demo', min(applied_at) FROM platform.seed_run WHERE name IN ('platform.company', 'org.structure') HAVING count(*) > 0
      ON CONFLICT (name) DO NOTHING`);
    await runner.query(`DELETE FROM platform.seed_run WHERE name IN ('platform.company', 'org.structure')`);
  }
}
