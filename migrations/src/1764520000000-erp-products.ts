import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ERP's product catalogue (libs/erp/README.md): code, name, unit, list price before
 * tax, VAT rate, category, active. Names sort in pinyin order; code and name are
 * searched through trigram indexes. Audited field by field.
 */
export class ErpProducts1764520000000 implements MigrationInterface {
  name = 'ErpProducts1764520000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await runner.query(`
      CREATE TABLE erp.product (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
        list_price numeric(16,2) NOT NULL CHECK (list_price >= 0),
        tax_rate numeric(4,2) NOT NULL CHECK (tax_rate IN (13, 9, 6, 0)),
        category text COLLATE platform.pinyin CHECK (length(category) BETWEEN 1 AND 50),
        description text CHECK (length(description) <= 1000),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        updated_by uuid,
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query('CREATE UNIQUE INDEX product_code ON erp.product (lower(code))');
    await runner.query('CREATE INDEX product_name ON erp.product (name, id)');
    await runner.query('CREATE INDEX product_code_trgm ON erp.product USING gin (code public.gin_trgm_ops)');
    await runner.query('CREATE INDEX product_name_trgm ON erp.product USING gin (name public.gin_trgm_ops)');
    await runner.query(`
      CREATE TRIGGER product_audit AFTER INSERT OR UPDATE OR DELETE ON erp.product
      FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE erp.product');
  }
}
