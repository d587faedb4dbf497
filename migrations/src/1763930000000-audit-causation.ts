import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail learns the causation id (the event a handler was reacting to, or the
 * request that emitted it), and correlation ids become searchable, so everything that
 * happened to one deal reads back as one timeline: the request, each event handler's
 * changes, and what those handlers caused in turn.
 */
export class AuditCausation1763930000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE platform.audit_log ADD COLUMN causation_id text');
    await runner.query('CREATE INDEX audit_log_correlation ON platform.audit_log (correlation_id, id)');
    await runner.query(auditRowChange(true));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(auditRowChange(false));
    await runner.query('DROP INDEX platform.audit_log_correlation');
    await runner.query('ALTER TABLE platform.audit_log DROP COLUMN causation_id');
  }
}

/** The change trigger of 1763910000000, with or without the causation id. */
export function auditRowChange(withCausation: boolean): string {
  return `
    CREATE OR REPLACE FUNCTION platform.audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        (kind, actor_id, actor_username, ip, user_agent, action, operation, entity_type, entity_id, changes, outcome, request_id, correlation_id${withCausation ? ', causation_id' : ''})
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
        context ->> 'correlationId'${withCausation ? ",\n        context ->> 'causationId'" : ''}
      );
      RETURN NULL;
    END
    $$`;
}
