import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * ERP's customers' trading terms and sales orders (libs/erp/README.md). Trading terms
 * are keyed by CRM's customer id (no second customer table): what ERP keeps of the
 * customer is the snapshot CRM's events carry. A sales order belongs to one version of
 * one CRM contract, at most one order per version. Orders and terms are audited field
 * by field; lines are written once with their order.
 */
export class ErpSalesOrders1764520000001 implements MigrationInterface {
  name = 'ErpSalesOrders1764520000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp.trading_terms (
        -- CRM's customer id itself (so the audit trail files changes under the customer).
        id uuid PRIMARY KEY,
        customer_name text COLLATE platform.pinyin NOT NULL,
        customer_address text,
        owner_id uuid,
        department_id uuid NOT NULL,
        bill_to text CHECK (length(bill_to) <= 300),
        ship_to text CHECK (length(ship_to) <= 300),
        payment_terms text NOT NULL DEFAULT 'net-30' CHECK (payment_terms IN ('prepaid', 'on-delivery', 'net-30', 'net-60', 'net-90')),
        credit_limit numeric(16,2) NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
        merged_into uuid,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX trading_terms_name ON erp.trading_terms (customer_name, id)');
    await runner.query('CREATE INDEX trading_terms_name_trgm ON erp.trading_terms USING gin (customer_name public.gin_trgm_ops)');

    // 销售订单号: one sequence; the number carries the year it was made in.
    await runner.query('CREATE SEQUENCE erp.sales_order_number_seq');
    await runner.query(`
      CREATE TABLE erp.sales_order (
        id uuid PRIMARY KEY,
        number text NOT NULL CHECK (number ~ '^SO-[0-9]{4}-[0-9]{6,}$'),
        contract_id uuid NOT NULL,
        contract_number text NOT NULL,
        contract_version integer NOT NULL CHECK (contract_version >= 1),
        customer_id uuid NOT NULL,
        customer_name text COLLATE platform.pinyin NOT NULL,
        owner_id uuid NOT NULL,
        owner_name text NOT NULL,
        department_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_approval', 'confirmed', 'cancelled')),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        total_excl_tax numeric(16,2) NOT NULL,
        tax_total numeric(16,2) NOT NULL,
        total numeric(16,2) NOT NULL,
        bill_to text,
        ship_to text,
        payment_terms text NOT NULL,
        credit_limit numeric(16,2),
        over_credit_limit boolean NOT NULL DEFAULT false,
        ordered_on date NOT NULL,
        delivery_on date,
        approval_id text,
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        CHECK (total = total_excl_tax + tax_total),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX sales_order_number ON erp.sales_order (number)');
    await runner.query('CREATE UNIQUE INDEX sales_order_contract_version ON erp.sales_order (contract_id, contract_version)');
    await runner.query('CREATE INDEX sales_order_owner ON erp.sales_order (owner_id, created_at DESC)');
    await runner.query('CREATE INDEX sales_order_department ON erp.sales_order (department_id, created_at DESC)');
    await runner.query('CREATE INDEX sales_order_customer ON erp.sales_order (customer_id)');
    await runner.query('CREATE INDEX sales_order_created ON erp.sales_order (created_at DESC, id)');
    await runner.query(`CREATE INDEX sales_order_search ON erp.sales_order USING gin ((number || ' ' || contract_number || ' ' || customer_name) public.gin_trgm_ops)`);

    await runner.query(`
      CREATE TABLE erp.sales_order_line (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES erp.sales_order (id),
        line_no integer NOT NULL CHECK (line_no >= 1),
        product_id uuid NOT NULL REFERENCES erp.product (id),
        product_code text NOT NULL,
        product_name text NOT NULL,
        unit text NOT NULL,
        quantity numeric(16,4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(16,2) NOT NULL CHECK (unit_price >= 0),
        discount_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_rate >= 0 AND discount_rate <= 100),
        tax_rate numeric(4,2) NOT NULL CHECK (tax_rate IN (13, 9, 6, 0)),
        amount_excl_tax numeric(16,2) NOT NULL,
        tax_amount numeric(16,2) NOT NULL,
        amount numeric(16,2) NOT NULL,
        UNIQUE (order_id, line_no)
      )`);

    for (const table of ['trading_terms', 'sales_order']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON erp.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE erp.sales_order_line');
    await runner.query('DROP TABLE erp.sales_order');
    await runner.query('DROP SEQUENCE erp.sales_order_number_seq');
    await runner.query('DROP TABLE erp.trading_terms');
  }
}
