import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * 请假 (libs/oa/README.md, leave): leave types with their rules, balances per person,
 * type and year with the ledger that explains each of them, leave requests (their
 * periods may not overlap a person's other pending or approved leave: an exclusion
 * constraint, so two submissions at once cannot both pass), cancellations of approved
 * leave (销假), overtime that earns compensatory leave, and the dates people left.
 */
export class OaLeave1764600000101 implements MigrationInterface {
  name = 'OaLeave1764600000101';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');

    await runner.query(`
      CREATE TABLE oa.leave_type (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 50),
        paid boolean NOT NULL,
        unit text NOT NULL CHECK (unit IN ('day', 'half-day', 'hour')),
        calendar_days boolean NOT NULL DEFAULT false,
        keeps_balance boolean NOT NULL,
        allow_negative boolean NOT NULL DEFAULT false,
        accrual text NOT NULL CHECK (accrual IN ('none', 'statutory-annual', 'fixed', 'overtime')),
        yearly_days numeric(8, 2) CHECK (yearly_days >= 0),
        attachment_above_days numeric(8, 2) CHECK (attachment_above_days >= 0),
        max_days_per_request numeric(8, 2) CHECK (max_days_per_request > 0),
        carry_over_max_days numeric(8, 2) CHECK (carry_over_max_days >= 0),
        carry_over_expires text CHECK (carry_over_expires ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        sort integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        CHECK (NOT (unit = 'hour' AND calendar_days)),
        CHECK (accrual <> 'fixed' OR yearly_days IS NOT NULL),
        CHECK (keeps_balance OR accrual = 'none'),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX leave_type_code ON oa.leave_type (code)');

    await runner.query(`
      CREATE TABLE oa.leave_balance (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        leave_type_id uuid NOT NULL REFERENCES oa.leave_type (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        granted numeric(10, 4) NOT NULL DEFAULT 0,
        held numeric(10, 4) NOT NULL DEFAULT 0 CHECK (held >= 0),
        used numeric(10, 4) NOT NULL DEFAULT 0 CHECK (used >= 0),
        carried numeric(10, 4) NOT NULL DEFAULT 0 CHECK (carried >= 0),
        carried_expires_on date,
        carried_expired boolean NOT NULL DEFAULT false,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX leave_balance_key ON oa.leave_balance (person_id, leave_type_id, year)');
    await runner.query('CREATE INDEX leave_balance_expiry ON oa.leave_balance (carried_expires_on) WHERE NOT carried_expired AND carried > 0');

    await runner.query(`
      CREATE TABLE oa.leave_request (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        department_id uuid NOT NULL,
        leave_type_id uuid NOT NULL REFERENCES oa.leave_type (id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        start_half text CHECK (start_half IN ('am', 'pm')),
        end_half text CHECK (end_half IN ('am', 'pm')),
        start_time text,
        end_time text,
        period tsrange NOT NULL,
        days numeric(10, 4) NOT NULL CHECK (days > 0),
        hours numeric(10, 2) NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        balance_id uuid REFERENCES oa.leave_balance (id),
        request_id uuid,
        approved_at timestamptz,
        returned_days numeric(10, 4) NOT NULL DEFAULT 0,
        CHECK (end_date >= start_date),
        EXCLUDE USING gist (person_id WITH =, period WITH &&) WHERE (status IN ('pending', 'approved')),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX leave_request_person ON oa.leave_request (person_id, start_date DESC)');
    await runner.query(`CREATE INDEX leave_request_calendar ON oa.leave_request (department_id, start_date, end_date) WHERE status IN ('pending', 'approved')`);

    await runner.query(`
      CREATE TABLE oa.leave_cancellation (
        id uuid PRIMARY KEY,
        leave_id uuid NOT NULL REFERENCES oa.leave_request (id),
        person_id uuid NOT NULL,
        from_date date NOT NULL,
        days numeric(10, 4) NOT NULL CHECK (days > 0),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        request_id uuid,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query(`CREATE UNIQUE INDEX leave_cancellation_pending ON oa.leave_cancellation (leave_id) WHERE status = 'pending'`);

    await runner.query(`
      CREATE TABLE oa.overtime (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        department_id uuid NOT NULL,
        work_date date NOT NULL,
        hours numeric(6, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        request_id uuid,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX overtime_person ON oa.overtime (person_id, work_date DESC)');

    // Every change of a balance, so a balance is always explained: each bucket of
    // oa.leave_balance equals the sum of its deltas here.
    await runner.query(`
      CREATE TABLE oa.leave_ledger (
        id uuid PRIMARY KEY,
        balance_id uuid NOT NULL REFERENCES oa.leave_balance (id),
        kind text NOT NULL CHECK (kind IN ('grant', 'carry-over', 'expire', 'hold', 'use', 'release', 'return')),
        granted_delta numeric(10, 4) NOT NULL DEFAULT 0,
        held_delta numeric(10, 4) NOT NULL DEFAULT 0,
        used_delta numeric(10, 4) NOT NULL DEFAULT 0,
        leave_id uuid REFERENCES oa.leave_request (id),
        overtime_id uuid REFERENCES oa.overtime (id),
        source text,
        note text CHECK (length(note) <= 500),
        at timestamptz NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX leave_ledger_balance ON oa.leave_ledger (balance_id, at, id)');
    // A grant run recomputes a person's entitlement; its source names what was granted ('statutory-annual:2026').
    await runner.query('CREATE INDEX leave_ledger_source ON oa.leave_ledger (balance_id, source) WHERE source IS NOT NULL');

    await runner.query(`
      CREATE TABLE oa.leaver (
        person_id uuid PRIMARY KEY,
        left_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of ['leave_type', 'leave_balance', 'leave_request', 'leave_cancellation', 'overtime']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON oa.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['leaver', 'leave_ledger', 'overtime', 'leave_cancellation', 'leave_request', 'leave_balance', 'leave_type']) {
      await runner.query(`DROP TABLE oa.${table}`);
    }
  }
}
