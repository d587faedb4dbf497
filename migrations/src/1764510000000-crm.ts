import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/** Columns the pool rules and follow-ups keep current: bookkeeping, not history. */
const BOOKKEEPING: Record<string, string> = { customer: `'pool_warned_for', 'last_follow_up_at', 'next_follow_up_on'`, follow_up: `'reminded_at'`, lead: `'last_follow_up_at'` };

const AUDITED = ['pool_settings', 'pipeline', 'pipeline_stage', 'customer', 'contact', 'follow_up', 'lead', 'opportunity', 'opportunity_line'];

/**
 * CRM (libs/crm/README.md): customers with their duplicate keys, the shared pool's
 * settings, contacts, follow-ups, leads, pipelines with stages, opportunities with
 * product lines and stage moves, and each customer's timeline. Names sort in pinyin
 * order and are searched through trigram indexes. Every table but the append-only
 * timeline and stage moves is audited field by field.
 */
export class Crm1764510000000 implements MigrationInterface {
  name = 'Crm1764510000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');

    // One row: the rules of the shared pool (公海).
    await runner.query(`
      CREATE TABLE crm.pool_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        holding_cap integer CHECK (holding_cap > 0),
        daily_claim_cap integer CHECK (daily_claim_cap > 0),
        no_follow_up_days integer CHECK (no_follow_up_days > 0),
        no_deal_days integer CHECK (no_deal_days > 0),
        warn_days integer NOT NULL DEFAULT 3 CHECK (warn_days >= 0),
        cooling_off_days integer NOT NULL DEFAULT 7 CHECK (cooling_off_days >= 0),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query(`INSERT INTO crm.pool_settings (holding_cap, daily_claim_cap, no_follow_up_days, no_deal_days, warn_days, cooling_off_days) VALUES (200, 10, 30, 90, 3, 7)`);

    await runner.query(`
      CREATE TABLE crm.pipeline (
        id uuid PRIMARY KEY,
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        is_default boolean NOT NULL DEFAULT false,
        protect_from_stage_id uuid,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX pipeline_default ON crm.pipeline (is_default) WHERE is_default');
    await runner.query(`
      CREATE TABLE crm.pipeline_stage (
        id uuid PRIMARY KEY,
        pipeline_id uuid NOT NULL REFERENCES crm.pipeline (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        position integer NOT NULL CHECK (position >= 1),
        probability numeric(5,2) NOT NULL CHECK (probability >= 0 AND probability <= 100),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX pipeline_stage_position ON crm.pipeline_stage (pipeline_id, position) INCLUDE (id)');
    await runner.query('ALTER TABLE crm.pipeline ADD CONSTRAINT pipeline_protect_stage FOREIGN KEY (protect_from_stage_id) REFERENCES crm.pipeline_stage (id)');

    await runner.query(`
      CREATE TABLE crm.customer (
        id uuid PRIMARY KEY,
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_key text NOT NULL,
        credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        level text CHECK (level IN ('A', 'B', 'C', 'D')),
        industry text CHECK (length(industry) <= 50),
        source text CHECK (length(source) <= 50),
        province text CHECK (length(province) <= 30),
        city text CHECK (length(city) <= 30),
        district text CHECK (length(district) <= 30),
        address text CHECK (length(address) <= 200),
        phone text CHECK (length(phone) <= 40),
        phone_key text,
        email text CHECK (length(email) <= 200),
        email_domain text,
        website text CHECK (length(website) <= 200),
        remark text CHECK (length(remark) <= 2000),
        tags text[] NOT NULL DEFAULT '{}',
        owner_id uuid,
        department_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
        merged_into_id uuid REFERENCES crm.customer (id),
        owned_since timestamptz,
        last_follow_up_at timestamptz,
        next_follow_up_on date,
        last_won_at timestamptz,
        pool_entered_at timestamptz,
        pool_warned_for timestamptz,
        CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query(`CREATE UNIQUE INDEX customer_credit_code ON crm.customer (credit_code) WHERE credit_code IS NOT NULL AND status = 'active'`);
    await runner.query(`CREATE INDEX customer_name_key ON crm.customer (name_key) WHERE status = 'active'`);
    await runner.query(`CREATE INDEX customer_phone_key ON crm.customer (phone_key) WHERE phone_key IS NOT NULL AND status = 'active'`);
    await runner.query(`CREATE INDEX customer_email_domain ON crm.customer (email_domain) WHERE email_domain IS NOT NULL AND status = 'active'`);
    await runner.query(`CREATE INDEX customer_owner ON crm.customer (owner_id, name) WHERE status = 'active'`);
    await runner.query(`CREATE INDEX customer_department ON crm.customer (department_id, name) WHERE status = 'active'`);
    await runner.query(`CREATE INDEX customer_name ON crm.customer (name, id) WHERE status = 'active'`);
    await runner.query(`CREATE INDEX customer_pool ON crm.customer (department_id, pool_entered_at DESC) WHERE owner_id IS NULL AND status = 'active'`);
    await runner.query('CREATE INDEX customer_name_trgm ON crm.customer USING gin (name gin_trgm_ops)');
    await runner.query('CREATE INDEX customer_phone_trgm ON crm.customer USING gin (phone gin_trgm_ops)');
    await runner.query('CREATE INDEX customer_tags ON crm.customer USING gin (tags)');

    await runner.query(`
      CREATE TABLE crm.contact (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES crm.customer (id),
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        title text CHECK (length(title) <= 100),
        role text NOT NULL DEFAULT 'other' CHECK (role IN ('decision-maker', 'influencer', 'user', 'other')),
        phone text CHECK (length(phone) <= 40),
        email text CHECK (length(email) <= 200),
        is_primary boolean NOT NULL DEFAULT false,
        remark text CHECK (length(remark) <= 1000),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX contact_customer ON crm.contact (customer_id, name)');
    await runner.query('CREATE INDEX contact_name_trgm ON crm.contact USING gin (name gin_trgm_ops)');

    await runner.query(`
      CREATE TABLE crm.lead (
        id uuid PRIMARY KEY,
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        company text COLLATE platform.pinyin CHECK (length(company) <= 200),
        title text CHECK (length(title) <= 100),
        phone text CHECK (length(phone) <= 40),
        email text CHECK (length(email) <= 200),
        source text CHECK (length(source) <= 50),
        industry text CHECK (length(industry) <= 50),
        province text CHECK (length(province) <= 30),
        city text CHECK (length(city) <= 30),
        remark text CHECK (length(remark) <= 2000),
        status text NOT NULL CHECK (status IN ('new', 'assigned', 'converted', 'invalid')),
        owner_id uuid,
        department_id uuid NOT NULL,
        assigned_at timestamptz,
        last_follow_up_at timestamptz,
        invalid_reason text CHECK (length(invalid_reason) <= 500),
        converted_at timestamptz,
        customer_id uuid REFERENCES crm.customer (id),
        CHECK ((status = 'invalid') = (invalid_reason IS NOT NULL)),
        CHECK ((status = 'converted') = (customer_id IS NOT NULL)),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX lead_owner ON crm.lead (owner_id, created_at DESC)');
    await runner.query('CREATE INDEX lead_department ON crm.lead (department_id, created_at DESC)');
    await runner.query('CREATE INDEX lead_assigned ON crm.lead (owner_id, assigned_at DESC) WHERE owner_id IS NOT NULL');
    await runner.query('CREATE INDEX lead_customer ON crm.lead (customer_id) WHERE customer_id IS NOT NULL');
    await runner.query('CREATE INDEX lead_name_trgm ON crm.lead USING gin (name gin_trgm_ops)');
    await runner.query('CREATE INDEX lead_company_trgm ON crm.lead USING gin (company gin_trgm_ops)');
    await runner.query('CREATE INDEX lead_phone_trgm ON crm.lead USING gin (phone gin_trgm_ops)');

    await runner.query(`
      CREATE TABLE crm.opportunity (
        id uuid PRIMARY KEY,
        name text COLLATE platform.pinyin NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        customer_id uuid NOT NULL REFERENCES crm.customer (id),
        contact_id uuid REFERENCES crm.contact (id),
        pipeline_id uuid NOT NULL REFERENCES crm.pipeline (id),
        stage_id uuid NOT NULL REFERENCES crm.pipeline_stage (id),
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        expected_close_on date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
        close_reason text CHECK (length(close_reason) <= 500),
        closed_at timestamptz,
        stage_entered_at timestamptz NOT NULL,
        owner_id uuid NOT NULL,
        department_id uuid NOT NULL,
        remark text CHECK (length(remark) <= 2000),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK (status <> 'lost' OR close_reason IS NOT NULL),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX opportunity_customer ON crm.opportunity (customer_id, status)');
    await runner.query('CREATE INDEX opportunity_board ON crm.opportunity (pipeline_id, stage_id, status)');
    await runner.query('CREATE INDEX opportunity_owner ON crm.opportunity (owner_id, status)');
    await runner.query('CREATE INDEX opportunity_department ON crm.opportunity (department_id, status)');
    await runner.query('CREATE INDEX opportunity_name_trgm ON crm.opportunity USING gin (name gin_trgm_ops)');

    await runner.query(`
      CREATE TABLE crm.opportunity_line (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES crm.opportunity (id),
        position integer NOT NULL CHECK (position >= 1),
        product_name text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
        quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
        unit text CHECK (length(unit) <= 20),
        unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_percent >= 0 AND discount_percent <= 100),
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        UNIQUE (opportunity_id, position),
        ${AUDIT_COLUMNS}
      )`);

    // Who moved an opportunity from which stage to which, and when: append-only.
    await runner.query(`
      CREATE TABLE crm.stage_change (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES crm.opportunity (id),
        from_stage_id uuid REFERENCES crm.pipeline_stage (id),
        to_stage_id uuid REFERENCES crm.pipeline_stage (id),
        status text NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        actor_id uuid,
        changed_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX stage_change_opportunity ON crm.stage_change (opportunity_id, changed_at)');

    await runner.query(`
      CREATE TABLE crm.follow_up (
        id uuid PRIMARY KEY,
        customer_id uuid REFERENCES crm.customer (id),
        lead_id uuid REFERENCES crm.lead (id),
        contact_id uuid REFERENCES crm.contact (id),
        opportunity_id uuid REFERENCES crm.opportunity (id),
        kind text NOT NULL CHECK (kind IN ('call', 'visit', 'meeting', 'message', 'note')),
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
        occurred_at timestamptz NOT NULL,
        next_on date,
        reminded_at timestamptz,
        author_id uuid NOT NULL,
        CHECK (customer_id IS NOT NULL OR lead_id IS NOT NULL),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX follow_up_customer ON crm.follow_up (customer_id, occurred_at DESC)');
    await runner.query('CREATE INDEX follow_up_lead ON crm.follow_up (lead_id, occurred_at DESC) WHERE lead_id IS NOT NULL');
    await runner.query('CREATE INDEX follow_up_due ON crm.follow_up (next_on) WHERE next_on IS NOT NULL AND reminded_at IS NULL');
    await runner.query('CREATE INDEX follow_up_author ON crm.follow_up (author_id, occurred_at)');

    // 客户动态: everything that happened to a customer, in order. Append-only; a merge re-links it.
    await runner.query(`
      CREATE TABLE crm.timeline_entry (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES crm.customer (id),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]*$'),
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        person_id uuid,
        follow_up_id uuid REFERENCES crm.follow_up (id),
        opportunity_id uuid REFERENCES crm.opportunity (id),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query('CREATE INDEX timeline_customer ON crm.timeline_entry (customer_id, occurred_at DESC, id DESC)');
    // The pool's caps and cooling-off count a rep's claims and returns.
    await runner.query(`CREATE INDEX timeline_person ON crm.timeline_entry (person_id, kind, occurred_at) WHERE person_id IS NOT NULL`);

    for (const table of AUDITED) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON crm.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change(${BOOKKEEPING[table] ?? ''})`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['timeline_entry', 'follow_up', 'stage_change', 'opportunity_line', 'opportunity', 'lead', 'contact', 'customer']) {
      await runner.query(`DROP TABLE crm.${table}`);
    }
    await runner.query('ALTER TABLE crm.pipeline DROP CONSTRAINT pipeline_protect_stage');
    await runner.query('DROP TABLE crm.pipeline_stage');
    await runner.query('DROP TABLE crm.pipeline');
    await runner.query('DROP TABLE crm.pool_settings');
  }
}
