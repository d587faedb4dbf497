import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 职级: a job grade on each position, so an approval can branch on the applicant's
 * grade (`applicant.level` in a condition). Optional: a company that does not grade
 * its positions leaves it empty.
 */
export class OrgPositionLevel1764400000000 implements MigrationInterface {
  name = 'OrgPositionLevel1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE org.position ADD COLUMN level integer CHECK (level BETWEEN 0 AND 99)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE org.position DROP COLUMN level');
  }
}
