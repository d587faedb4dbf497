import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditRowChange } from './1763930000000-audit-causation.js';

/**
 * The write path, made cheap:
 *
 * - The change trigger computes a row's difference in one SQL statement over its keys
 *   rather than a PL/pgSQL loop appending to a JSON value field by field (the same
 *   rows, fields, redactions and skipped bookkeeping columns).
 * - A person's access has a revision of their own (`org.person.access_revision`):
 *   their roles, part-time posts, main department or status moving it touches only
 *   their row. `org.access_revision` is left to what changes everyone's reach: the
 *   shape of the department tree and the definitions of roles. Creating a person, the
 *   most frequent org write, no longer updates a row every other org write updates.
 *   A moved person revision is announced as `person:<id>`, which makes every API
 *   process forget that person's cached session and access.
 */
export class WritePath1764500000100 implements MigrationInterface {
  name = 'WritePath1764500000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE OR REPLACE FUNCTION platform.audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        context jsonb := nullif(current_setting('zhongshu.audit', true), '')::jsonb;
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        diff jsonb;
      BEGIN
        SELECT jsonb_object_agg(f.key, jsonb_build_object(
                 'old', CASE WHEN f.key ~ '(password|secret|token_hash)' AND old_row -> f.key <> 'null'::jsonb THEN '"[redacted]"'::jsonb ELSE old_row -> f.key END,
                 'new', CASE WHEN f.key ~ '(password|secret|token_hash)' AND new_row -> f.key <> 'null'::jsonb THEN '"[redacted]"'::jsonb ELSE new_row -> f.key END))
          INTO diff
          FROM jsonb_object_keys(coalesce(new_row, old_row)) AS f(key)
         WHERE f.key NOT IN ('created_at', 'updated_at', 'created_by', 'updated_by', 'version')
           AND f.key <> ALL (coalesce(TG_ARGV, '{}'::text[]))
           AND (TG_OP <> 'UPDATE' OR (old_row -> f.key) IS DISTINCT FROM (new_row -> f.key));
        IF TG_OP = 'UPDATE' AND diff IS NULL THEN RETURN NULL; END IF;
        INSERT INTO platform.audit_log
          (kind, actor_id, actor_username, ip, user_agent, action, operation, entity_type, entity_id, changes, outcome, request_id, correlation_id, causation_id)
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
          coalesce(diff, '{}'::jsonb),
          'success',
          context ->> 'requestId',
          context ->> 'correlationId',
          context ->> 'causationId'
        );
        RETURN NULL;
      END
      $$`);

    await runner.query('ALTER TABLE org.person ADD COLUMN access_revision bigint NOT NULL DEFAULT 1');
    // The revision is bookkeeping, not history: left out of the person's audit rows.
    await runner.query('DROP TRIGGER person_audit ON org.person');
    await runner.query(`
      CREATE TRIGGER person_audit AFTER INSERT OR UPDATE OR DELETE ON org.person
      FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change('failed_login_count', 'locked_until', 'last_login_at', 'access_revision')`);

    for (const table of ['person', 'part_time_post', 'person_role']) await runner.query(`DROP TRIGGER ${table}_access_revision ON org.${table}`);
    await runner.query('DROP TRIGGER department_access_revision ON org.department');
    await runner.query('DROP TRIGGER role_access_revision ON org.role');
    // What reaches everyone: the tree's shape (a new, removed or moved department) and
    // what a role grants (a new role has no holders yet).
    await runner.query(`
      CREATE TRIGGER department_access_revision AFTER INSERT OR DELETE OR UPDATE OF parent_id ON org.department
      FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);
    await runner.query(`
      CREATE TRIGGER role_access_revision AFTER UPDATE OR DELETE ON org.role
      FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);

    // A person's own department or status: the revision moves in the row being written.
    await runner.query(`
      CREATE FUNCTION org.move_person_access_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.access_revision := OLD.access_revision + 1;
        RETURN NEW;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER person_access_revision BEFORE UPDATE OF main_department_id, status ON org.person
      FOR EACH ROW WHEN (OLD.main_department_id IS DISTINCT FROM NEW.main_department_id OR OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION org.move_person_access_revision()`);
    // Their roles and part-time posts: the holder's revision moves.
    await runner.query(`
      CREATE FUNCTION org.move_holder_access_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE org.person SET access_revision = access_revision + 1
         WHERE id IN (CASE WHEN TG_OP <> 'DELETE' THEN NEW.person_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.person_id END);
        RETURN NULL;
      END
      $$`);
    for (const table of ['part_time_post', 'person_role']) {
      await runner.query(`
        CREATE TRIGGER ${table}_access_revision AFTER INSERT OR UPDATE OR DELETE ON org.${table}
        FOR EACH ROW EXECUTE FUNCTION org.move_holder_access_revision()`);
    }
    // Announced as the person's change, so API processes forget their cached access.
    await runner.query('DROP TRIGGER person_notify ON org.person');
    await runner.query(`
      CREATE TRIGGER person_notify AFTER UPDATE OF status, username, main_department_id, access_revision OR DELETE ON org.person
      FOR EACH ROW EXECUTE FUNCTION org.notify_access_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER person_notify ON org.person');
    await runner.query(`
      CREATE TRIGGER person_notify AFTER UPDATE OF status, username OR DELETE ON org.person
      FOR EACH ROW EXECUTE FUNCTION org.notify_access_change()`);
    for (const table of ['part_time_post', 'person_role']) await runner.query(`DROP TRIGGER ${table}_access_revision ON org.${table}`);
    await runner.query('DROP TRIGGER person_access_revision ON org.person');
    await runner.query('DROP FUNCTION org.move_holder_access_revision()');
    await runner.query('DROP FUNCTION org.move_person_access_revision()');
    await runner.query('DROP TRIGGER department_access_revision ON org.department');
    await runner.query('DROP TRIGGER role_access_revision ON org.role');
    for (const table of ['department', 'part_time_post', 'role', 'person_role']) {
      await runner.query(`
        CREATE TRIGGER ${table}_access_revision AFTER INSERT OR UPDATE OR DELETE ON org.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);
    }
    await runner.query(`
      CREATE TRIGGER person_access_revision AFTER INSERT OR DELETE OR UPDATE OF main_department_id, status ON org.person
      FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);
    await runner.query('DROP TRIGGER person_audit ON org.person');
    await runner.query(`
      CREATE TRIGGER person_audit AFTER INSERT OR UPDATE OR DELETE ON org.person
      FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change('failed_login_count', 'locked_until', 'last_login_at')`);
    await runner.query('ALTER TABLE org.person DROP COLUMN access_revision');
    await runner.query(auditRowChange(true));
  }
}
