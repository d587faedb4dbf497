import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search and sort of names as people expect them.
 *
 * Search: `ILIKE '%…%'` cannot use a btree, so every search read the whole table. A
 * trigram GIN index (pg_trgm) per searched column serves "contains" at any position;
 * the read model ORs one ILIKE per column, which the planner answers with a BitmapOr
 * of these indexes. (Fewer than three characters give no trigram: such a search still
 * works, by a scan.)
 *
 * Sort: names are Chinese, and byte order (the database's C collation) is not an order
 * anyone reads. The name columns take an ICU collation in pinyin order, so `ORDER BY
 * name` (and the btree indexes on name, rebuilt with it) give 陈, 李, 王, 张, 赵. The
 * collation is created here with a name of our own, so a server without ICU fails
 * this migration with a clear message rather than sorting wrongly.
 */
export class SearchAndPinyin1764200000000 implements MigrationInterface {
  name = 'SearchAndPinyin1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await runner.query(`CREATE COLLATION IF NOT EXISTS platform.pinyin (provider = icu, locale = 'zh-u-co-pinyin')`);
    for (const table of ['person', 'department', 'position', 'role']) {
      await runner.query(`ALTER TABLE org.${table} ALTER COLUMN name TYPE text COLLATE platform.pinyin`);
    }
    await runner.query('CREATE INDEX person_name_trgm ON org.person USING gin (name gin_trgm_ops)');
    await runner.query('CREATE INDEX person_username_trgm ON org.person USING gin (username gin_trgm_ops)');
    await runner.query('CREATE INDEX person_employee_no_trgm ON org.person USING gin (employee_no gin_trgm_ops)');
    await runner.query('CREATE INDEX department_name_trgm ON org.department USING gin (name gin_trgm_ops)');
    await runner.query('CREATE INDEX department_code_trgm ON org.department USING gin (code gin_trgm_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['person_name_trgm', 'person_username_trgm', 'person_employee_no_trgm', 'department_name_trgm', 'department_code_trgm']) {
      await runner.query(`DROP INDEX org.${index}`);
    }
    for (const table of ['person', 'department', 'position', 'role']) {
      await runner.query(`ALTER TABLE org.${table} ALTER COLUMN name TYPE text COLLATE "default"`);
    }
    await runner.query('DROP COLLATION platform.pinyin');
  }
}
