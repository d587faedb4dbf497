import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * The OA approval engine (libs/oa/README.md): request types with a draft and immutable
 * published versions, requests (approval instances) with their node runs, tasks,
 * history and copies (CC), delegations, the bindings of other contexts' business types,
 * and the per-year request numbers. Tasks, requests, types, delegations and bindings
 * are audited field by field; the history is the request's own append-only record.
 */
export class OaApprovals1764400000002 implements MigrationInterface {
  name = 'OaApprovals1764400000002';

  async up(runner: QueryRunner): Promise<void> {
    // Searching requests by a part of the title or number needs a trigram index.
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');

    await runner.query(`
      CREATE TABLE oa.request_type (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 50),
        icon text,
        description text CHECK (length(description) <= 1000),
        available_to jsonb NOT NULL,
        form jsonb NOT NULL,
        process jsonb NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        published_version integer,
        current_version_id uuid,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX request_type_code ON oa.request_type (code)');

    await runner.query(`
      CREATE TABLE oa.request_type_version (
        id uuid PRIMARY KEY,
        request_type_id uuid NOT NULL REFERENCES oa.request_type (id),
        version_no integer NOT NULL CHECK (version_no >= 1),
        code text NOT NULL,
        name text NOT NULL,
        form jsonb NOT NULL,
        process jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid,
        UNIQUE (request_type_id, version_no),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('ALTER TABLE oa.request_type ADD CONSTRAINT request_type_current_version FOREIGN KEY (current_version_id) REFERENCES oa.request_type_version (id)');
    // A running request keeps the version it started on: a published version never changes.
    await runner.query(`
      CREATE FUNCTION oa.request_type_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published request type version never changes: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER request_type_version_immutable BEFORE UPDATE OR DELETE ON oa.request_type_version
      FOR EACH ROW EXECUTE FUNCTION oa.request_type_version_is_immutable()`);

    // 审批单号: a PostgreSQL sequence per year, made on the year's first request. A
    // sequence never blocks a concurrent submission (a counter row would hold its lock
    // until each submitting transaction ends); a rolled-back submission leaves a gap.
    await runner.query(`
      CREATE FUNCTION oa.next_request_number(year integer) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        sequence_name text := format('oa.request_number_%s', year);
      BEGIN
        IF to_regclass(sequence_name) IS NULL THEN
          PERFORM pg_advisory_xact_lock(hashtext(sequence_name));
          EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s', sequence_name);
        END IF;
        RETURN nextval(sequence_name);
      END
      $$`);

    await runner.query(`
      CREATE TABLE oa.request (
        id uuid PRIMARY KEY,
        number text NOT NULL CHECK (number ~ '^OA-[0-9]{4}-[0-9]{6,}$'),
        request_type_id uuid NOT NULL REFERENCES oa.request_type (id),
        type_version_id uuid NOT NULL REFERENCES oa.request_type_version (id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        applicant_id uuid NOT NULL,
        applicant_department_id uuid NOT NULL,
        form_data jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'returned', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        round integer NOT NULL DEFAULT 1,
        chosen_approver_ids uuid[] NOT NULL DEFAULT '{}',
        business_type text,
        business_id text,
        submitted_at timestamptz NOT NULL,
        ended_at timestamptz,
        decided_by uuid,
        last_urged_at timestamptz,
        CHECK ((business_type IS NULL) = (business_id IS NULL)),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX request_number ON oa.request (number)');
    await runner.query('CREATE UNIQUE INDEX request_business_key ON oa.request (business_type, business_id) WHERE business_type IS NOT NULL');
    await runner.query('CREATE INDEX request_applicant ON oa.request (applicant_id, submitted_at DESC)');
    await runner.query('CREATE INDEX request_department ON oa.request (applicant_department_id, submitted_at DESC)');
    await runner.query('CREATE INDEX request_submitted ON oa.request (submitted_at DESC, id)');
    await runner.query('CREATE INDEX request_search ON oa.request USING gin ((number || \' \' || title) public.gin_trgm_ops)');

    await runner.query(`
      CREATE TABLE oa.node_run (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES oa.request (id),
        node_id text NOT NULL,
        node_type text NOT NULL,
        round integer NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'done', 'skipped', 'cancelled')),
        outcome text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX node_run_request ON oa.node_run (request_id, started_at)');

    await runner.query(`
      CREATE TABLE oa.task (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES oa.request (id),
        node_run_id uuid NOT NULL REFERENCES oa.node_run (id),
        node_id text NOT NULL,
        round integer NOT NULL,
        assignee_id uuid NOT NULL,
        on_behalf_of_id uuid,
        origin text NOT NULL CHECK (origin IN ('rule', 'admin', 'added-before', 'added-after')),
        parent_task_id uuid REFERENCES oa.task (id),
        seq integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('waiting', 'open', 'approved', 'rejected', 'returned', 'cancelled')),
        auto boolean NOT NULL DEFAULT false,
        comment text CHECK (length(comment) <= 2000),
        acted_at timestamptz,
        opened_at timestamptz,
        due_at timestamptz,
        reminders_sent integer NOT NULL DEFAULT 0,
        last_reminded_at timestamptz,
        escalated boolean NOT NULL DEFAULT false,
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX task_request ON oa.task (request_id, node_run_id)');
    await runner.query(`CREATE INDEX task_open_by_assignee ON oa.task (assignee_id, opened_at DESC) WHERE status IN ('open', 'waiting')`);
    await runner.query(`CREATE INDEX task_due ON oa.task (due_at) WHERE status = 'open' AND due_at IS NOT NULL AND NOT escalated`);

    await runner.query(`
      CREATE TABLE oa.history (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES oa.request (id),
        round integer NOT NULL,
        task_id uuid REFERENCES oa.task (id),
        node_id text,
        action text NOT NULL,
        actor_id uuid,
        on_behalf_of_id uuid,
        comment text CHECK (length(comment) <= 2000),
        attachments jsonb NOT NULL DEFAULT '[]',
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX history_request ON oa.history (request_id, id)');
    await runner.query('CREATE INDEX history_actor ON oa.history (actor_id, request_id) WHERE task_id IS NOT NULL');

    await runner.query(`
      CREATE TABLE oa.cc (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES oa.request (id),
        recipient_id uuid NOT NULL,
        node_id text,
        by_id uuid,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, recipient_id)
      )`);
    await runner.query('CREATE INDEX cc_recipient ON oa.cc (recipient_id, created_at DESC)');

    await runner.query(`
      CREATE TABLE oa.request_file (
        file_id uuid NOT NULL,
        request_id uuid NOT NULL REFERENCES oa.request (id),
        PRIMARY KEY (file_id, request_id)
      )`);

    await runner.query(`
      CREATE TABLE oa.delegation (
        id uuid PRIMARY KEY,
        delegator_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        request_type_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
        reason text CHECK (length(reason) <= 500),
        CHECK (end_date >= start_date),
        CHECK (delegator_id <> delegate_id),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query(`CREATE INDEX delegation_delegator ON oa.delegation (delegator_id) WHERE status <> 'ended'`);
    await runner.query(`CREATE INDEX delegation_calendar ON oa.delegation (status, start_date, end_date)`);

    await runner.query(`
      CREATE TABLE oa.business_binding (
        id uuid PRIMARY KEY,
        business_type text NOT NULL CHECK (business_type ~ '^[a-z][a-z0-9]*\\.[a-z][a-z0-9-]*$'),
        request_type_id uuid NOT NULL REFERENCES oa.request_type (id),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX business_binding_type ON oa.business_binding (business_type)');

    for (const table of ['request_type', 'request_type_version', 'request', 'task', 'delegation', 'business_binding']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON oa.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['business_binding', 'delegation', 'request_file', 'cc', 'history', 'task', 'node_run', 'request']) {
      await runner.query(`DROP TABLE oa.${table}`);
    }
    await runner.query(`
      DO $$
      DECLARE sequence_name text;
      BEGIN
        FOR sequence_name IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'oa' AND sequencename LIKE 'request_number_%' LOOP
          EXECUTE format('DROP SEQUENCE oa.%I', sequence_name);
        END LOOP;
      END
      $$`);
    await runner.query('DROP FUNCTION oa.next_request_number(integer)');
    await runner.query('ALTER TABLE oa.request_type DROP CONSTRAINT request_type_current_version');
    await runner.query('DROP TABLE oa.request_type_version');
    await runner.query('DROP FUNCTION oa.request_type_version_is_immutable()');
    await runner.query('DROP TABLE oa.request_type');
  }
}
