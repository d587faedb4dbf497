import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * CRM's contracts (libs/crm/src/contracts/README.md): the contract with its product
 * lines priced from ERP's catalogue, its receivable plan (回款计划) whose instalments add
 * up to the total, and one row per signing (签单) with the review that decided it.
 * Contracts and instalments are audited field by field.
 */
export class CrmContracts1764520000002 implements MigrationInterface {
  name = 'CrmContracts1764520000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SEQUENCE crm.contract_number_seq');
    await runner.query(`
      CREATE TABLE crm.contract (
        id uuid PRIMARY KEY,
        number text NOT NULL CHECK (number ~ '^HT-[0-9]{4}-[0-9]{6,}$'),
        title text COLLATE platform.pinyin NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        customer_id uuid NOT NULL REFERENCES crm.customer (id),
        opportunity_id uuid REFERENCES crm.opportunity (id),
        owner_id uuid NOT NULL,
        department_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'under_approval', 'active', 'needs_revision', 'completed', 'terminated')),
        signed_version integer NOT NULL DEFAULT 0 CHECK (signed_version >= 0),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        overall_discount_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (overall_discount_rate >= 0 AND overall_discount_rate < 100),
        total_excl_tax numeric(16,2) NOT NULL,
        tax_total numeric(16,2) NOT NULL,
        total numeric(16,2) NOT NULL CHECK (total = total_excl_tax + tax_total),
        payment_terms text CHECK (length(payment_terms) <= 200),
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date >= start_date),
        review_comment text,
        end_reason text CHECK (length(end_reason) <= 500),
        ended_at timestamptz,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX contract_number ON crm.contract (number)');
    await runner.query('CREATE INDEX contract_owner ON crm.contract (owner_id, created_at DESC)');
    await runner.query('CREATE INDEX contract_department ON crm.contract (department_id, created_at DESC)');
    await runner.query('CREATE INDEX contract_customer ON crm.contract (customer_id)');
    await runner.query('CREATE INDEX contract_opportunity ON crm.contract (opportunity_id)');
    await runner.query('CREATE INDEX contract_expiry ON crm.contract (end_date) WHERE status = \'active\'');
    await runner.query(`CREATE INDEX contract_search ON crm.contract USING gin ((number || ' ' || title) public.gin_trgm_ops)`);

    await runner.query(`
      CREATE TABLE crm.contract_line (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES crm.contract (id) ON DELETE CASCADE,
        line_no integer NOT NULL CHECK (line_no >= 1),
        product_id uuid NOT NULL,
        product_code text NOT NULL,
        product_name text NOT NULL,
        unit text NOT NULL,
        quantity numeric(16,4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(16,2) NOT NULL CHECK (unit_price >= 0),
        discount_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_rate >= 0 AND discount_rate < 100),
        tax_rate numeric(4,2) NOT NULL,
        amount_excl_tax numeric(16,2) NOT NULL,
        tax_amount numeric(16,2) NOT NULL,
        amount numeric(16,2) NOT NULL,
        UNIQUE (contract_id, line_no)
      )`);

    await runner.query(`
      CREATE TABLE crm.contract_instalment (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES crm.contract (id) ON DELETE CASCADE,
        instalment_no integer NOT NULL CHECK (instalment_no >= 1),
        due_date date NOT NULL,
        amount numeric(16,2) NOT NULL CHECK (amount > 0),
        received_amount numeric(16,2) NOT NULL DEFAULT 0 CHECK (received_amount >= 0),
        received_on date,
        ${AUDIT_COLUMNS},
        UNIQUE (contract_id, instalment_no)
      )`);

    // 签单: each signing of a contract and how its review ended.
    await runner.query(`
      CREATE TABLE crm.contract_signing (
        contract_id uuid NOT NULL REFERENCES crm.contract (id),
        signed_version integer NOT NULL CHECK (signed_version >= 1),
        signed_by uuid NOT NULL,
        signed_at timestamptz NOT NULL,
        total numeric(16,2) NOT NULL,
        outcome text CHECK (outcome IN ('approved', 'rejected', 'withdrawn', 'cancelled')),
        approval_id text,
        approval_number text,
        decided_by uuid,
        decided_at timestamptz,
        comment text,
        PRIMARY KEY (contract_id, signed_version)
      )`);

    for (const table of ['contract', 'contract_instalment']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON crm.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['contract_signing', 'contract_instalment', 'contract_line', 'contract']) await runner.query(`DROP TABLE crm.${table}`);
    await runner.query('DROP SEQUENCE crm.contract_number_seq');
  }
}
