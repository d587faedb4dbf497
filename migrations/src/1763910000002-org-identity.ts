import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in bookkeeping: sessions (one per sign-in, the family of its refresh tokens),
 * refresh tokens stored only as SHA-256 hashes, the failed-attempt log that
 * throttling counts, and the one-time token of the first-run admin setup. None of it
 * is field-audited: sign-ins are audited as `login` rows by the application.
 */
export class OrgIdentity1763910000002 implements MigrationInterface {
  name = 'OrgIdentity1763910000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE org.session (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES org.person (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await runner.query('CREATE INDEX session_person ON org.session (person_id) WHERE revoked_at IS NULL');

    await runner.query(`
      CREATE TABLE org.refresh_token (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES org.session (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query('CREATE INDEX refresh_token_session ON org.refresh_token (session_id)');

    await runner.query(`
      CREATE TABLE org.login_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL,
        ip text,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX login_attempt_username ON org.login_attempt (username, attempted_at) WHERE NOT succeeded');
    await runner.query('CREATE INDEX login_attempt_ip ON org.login_attempt (ip, attempted_at) WHERE NOT succeeded');

    await runner.query(`
      CREATE TABLE org.setup_token (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['setup_token', 'login_attempt', 'refresh_token', 'session']) await runner.query(`DROP TABLE org.${table}`);
  }
}
