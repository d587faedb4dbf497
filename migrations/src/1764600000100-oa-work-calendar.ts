import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 公司工作日历: the company's overrides of China's calendar (an extra day off, a
 * shutdown week, a working day made up), one row per date; China's holidays and
 * adjusted working days come from the `chinese-days` package. Audited.
 */
export class OaWorkCalendar1764600000100 implements MigrationInterface {
  name = 'OaWorkCalendar1764600000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE oa.calendar_override (
        id uuid PRIMARY KEY,
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('off', 'work')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        updated_by uuid,
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query('CREATE UNIQUE INDEX calendar_override_day ON oa.calendar_override (day)');
    await runner.query(`
      CREATE TRIGGER calendar_override_audit AFTER INSERT OR UPDATE OR DELETE ON oa.calendar_override
      FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE oa.calendar_override');
  }
}
