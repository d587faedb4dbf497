import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API processes keep who-is-signed-in in memory and must forget it the moment a
 * session is revoked, a person's status changes, or roles and the tree change. These
 * triggers announce each such commit on the channel `zhongshu_org_access` (NOTIFY is
 * transactional: a rolled-back change announces nothing), whichever code path or
 * process made it.
 */
export class OrgAccessNotify1763910000003 implements MigrationInterface {
  name = 'OrgAccessNotify1763910000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION org.notify_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'session' THEN
          PERFORM pg_notify('zhongshu_org_access', 'session:' || coalesce(NEW.id, OLD.id));
        ELSIF TG_TABLE_NAME = 'person' THEN
          PERFORM pg_notify('zhongshu_org_access', 'person:' || coalesce(NEW.id, OLD.id));
        ELSE
          PERFORM pg_notify('zhongshu_org_access', 'revision:' || NEW.revision);
        END IF;
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER session_notify AFTER UPDATE OF revoked_at OR DELETE ON org.session
      FOR EACH ROW EXECUTE FUNCTION org.notify_access_change()`);
    await runner.query(`
      CREATE TRIGGER person_notify AFTER UPDATE OF status, username OR DELETE ON org.person
      FOR EACH ROW EXECUTE FUNCTION org.notify_access_change()`);
    await runner.query(`
      CREATE TRIGGER access_revision_notify AFTER UPDATE ON org.access_revision
      FOR EACH ROW EXECUTE FUNCTION org.notify_access_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER access_revision_notify ON org.access_revision');
    await runner.query('DROP TRIGGER person_notify ON org.person');
    await runner.query('DROP TRIGGER session_notify ON org.session');
    await runner.query('DROP FUNCTION org.notify_access_change()');
  }
}
