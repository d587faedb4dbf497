import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail. Append-only for the application: a trigger refuses UPDATE, DELETE
 * and TRUNCATE for every role (the embedded server connects as a superuser, whom
 * REVOKE does not bind), and the privileges are revoked as well for ordinary roles.
 * `platform.audit_row_change()` is the trigger each context attaches to the tables it
 * wants audited: it writes the changed fields, old and new, in the same transaction
 * as the change, with the actor and request the application put in
 * `current_setting('zhongshu.audit')` when the transaction started.
 */
export class AuditTrail1763910000000 implements MigrationInterface {
  name = 'AuditTrail1763910000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind IN ('request', 'change', 'login')),
        actor_id uuid,
        actor_username text,
        ip text,
        user_agent text,
        action text NOT NULL,
        operation text CHECK (operation IN ('insert', 'update', 'delete')),
        entity_type text,
        entity_id text,
        changes jsonb,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        detail text,
        request_id text,
        correlation_id text
      )`);
    await runner.query('CREATE INDEX audit_log_occurred_at ON platform.audit_log (occurred_at DESC)');
    await runner.query('CREATE INDEX audit_log_entity ON platform.audit_log (entity_type, entity_id, id DESC)');
    await runner.query('CREATE INDEX audit_log_actor ON platform.audit_log (actor_id, id DESC)');
    await runner.query('CREATE INDEX audit_log_request ON platform.audit_log (request_id)');

    await runner.query(`
      CREATE FUNCTION platform.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'platform.audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON platform.audit_log
      FOR EACH ROW EXECUTE FUNCTION platform.audit_log_is_append_only()`);
    await runner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON platform.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION platform.audit_log_is_append_only()`);
    await runner.query('REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_log FROM PUBLIC');
    // An ordinary application role loses the privileges too; a superuser cannot be
    // bound by REVOKE, which is why the triggers above are the real guarantee.
    await runner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_log FROM %I', current_user);
        END IF;
      END
      $$`);

    // Arguments: columns whose changes are bookkeeping, not history (failed sign-in
    // counters). Secrets are recorded as changed but never with their values.
    await runner.query(`
      CREATE FUNCTION platform.audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        context jsonb := nullif(current_setting('zhongshu.audit', true), '')::jsonb;
        old_row jsonb;
        new_row jsonb;
        diff jsonb := '{}'::jsonb;
        field text;
        old_value jsonb;
        new_value jsonb;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN old_row := to_jsonb(OLD); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN new_row := to_jsonb(NEW); END IF;
        FOR field IN SELECT jsonb_object_keys(coalesce(new_row, old_row)) LOOP
          CONTINUE WHEN field IN ('created_at', 'updated_at', 'created_by', 'updated_by', 'version') OR field = ANY(TG_ARGV);
          old_value := old_row -> field;
          new_value := new_row -> field;
          CONTINUE WHEN TG_OP = 'UPDATE' AND old_value IS NOT DISTINCT FROM new_value;
          IF field ~ '(password|secret|token_hash)' THEN
            old_value := CASE WHEN old_value IS NULL OR old_value = 'null'::jsonb THEN old_value ELSE '"[redacted]"'::jsonb END;
            new_value := CASE WHEN new_value IS NULL OR new_value = 'null'::jsonb THEN new_value ELSE '"[redacted]"'::jsonb END;
          END IF;
          diff := diff || jsonb_build_object(field, jsonb_build_object('old', old_value, 'new', new_value));
        END LOOP;
        IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN RETURN NULL; END IF;
        INSERT INTO platform.audit_log
          (kind, actor_id, actor_username, ip, user_agent, action, operation, entity_type, entity_id, changes, outcome, request_id, correlation_id)
        VALUES (
          'change',
          (context ->> 'actorId')::uuid,
          context ->> 'actorUsername',
          context ->> 'ip',
          context ->> 'userAgent',
          coalesce(context ->> 'action', 'system'),
          lower(TG_OP),
          TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
          coalesce(new_row ->> 'id', old_row ->> 'id', new_row ->> 'person_id', old_row ->> 'person_id'),
          diff,
          'success',
          context ->> 'requestId',
          context ->> 'correlationId'
        );
        RETURN NULL;
      END
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION platform.audit_row_change()');
    await runner.query('DROP TABLE platform.audit_log');
    await runner.query('DROP FUNCTION platform.audit_log_is_append_only()');
  }
}
