import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * 报销 (libs/oa/README.md, expense claims): claims with their lines (category, date,
 * amount in its currency at the rate stated on the claim, invoice number, tax, receipt)
 * and the company-wide register of claimed invoice numbers: an invoice number is held by
 * one pending or approved claim at a time (its primary key), and freed when that claim
 * is rejected, withdrawn or cancelled.
 */
export class OaExpense1764600000102 implements MigrationInterface {
  name = 'OaExpense1764600000102';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE oa.expense_claim (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        department_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        total numeric(18, 2) NOT NULL CHECK (total > 0),
        categories text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        request_id uuid,
        approved_at timestamptz,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX expense_claim_person ON oa.expense_claim (person_id, created_at DESC)');
    await runner.query('CREATE INDEX expense_claim_department ON oa.expense_claim (department_id, created_at DESC)');

    await runner.query(`
      CREATE TABLE oa.expense_line (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES oa.expense_claim (id),
        seq integer NOT NULL,
        category text NOT NULL,
        spent_on date NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        rate numeric(18, 6) NOT NULL CHECK (rate > 0),
        amount_cny numeric(18, 2) NOT NULL CHECK (amount_cny > 0),
        invoice_no text CHECK (invoice_no ~ '^[A-Z0-9-]{4,40}$'),
        tax numeric(18, 2) CHECK (tax >= 0),
        receipt_file_id uuid,
        description text CHECK (length(description) <= 200),
        UNIQUE (claim_id, seq)
      )`);

    await runner.query(`
      CREATE TABLE oa.expense_invoice (
        invoice_no text PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES oa.expense_claim (id),
        line_id uuid NOT NULL REFERENCES oa.expense_line (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX expense_invoice_claim ON oa.expense_invoice (claim_id)');

    for (const table of ['expense_claim', 'expense_line']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON oa.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['expense_invoice', 'expense_line', 'expense_claim']) await runner.query(`DROP TABLE oa.${table}`);
  }
}
