import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One schema per bounded context plus `platform`; no foreign key will ever cross
 * them. The company profile is the first platform table; its one row exists from
 * the start so the product answers "which company" even before anyone configures it.
 */
export class PlatformFoundation1763900000000 implements MigrationInterface {
  name = 'PlatformFoundation1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const schema of ['platform', 'org', 'oa', 'crm', 'erp', 'mes']) {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    }
    await runner.query(`
      CREATE TABLE platform.company_profile (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        legal_name text NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        time_zone text NOT NULL,
        locale text NOT NULL,
        tax_number text,
        address text,
        fiscal_year_start_month smallint NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        updated_by uuid,
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(`
      INSERT INTO platform.company_profile (id, name, legal_name, currency, time_zone, locale, fiscal_year_start_month)
      VALUES ('019ab000-0000-7000-8000-000000000001', 'My Company', 'My Company Ltd.', 'CNY', 'Asia/Shanghai', 'zh-CN', 1)`);
    await runner.query(`
      CREATE TABLE platform.seed_run (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE platform.seed_run');
    await runner.query('DROP TABLE platform.company_profile');
    for (const schema of ['mes', 'erp', 'crm', 'oa', 'org', 'platform']) {
      await runner.query(`DROP SCHEMA IF EXISTS ${schema} RESTRICT`);
    }
  }
}
