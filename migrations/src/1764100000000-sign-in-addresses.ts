import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling by account and address instead of a lock on the account: the
 * addresses each person has signed in from (a right password from one of them is let
 * through an account-wide or address-wide limit), and a per-pair index for the counts.
 * The account lock columns go: nothing locks an account as such any more.
 */
export class SignInAddresses1764100000000 implements MigrationInterface {
  name = 'SignInAddresses1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE org.sign_in_address (
        person_id uuid NOT NULL REFERENCES org.person (id) ON DELETE CASCADE,
        ip text NOT NULL,
        first_signed_in_at timestamptz NOT NULL DEFAULT now(),
        last_signed_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, ip)
      )`);
    await runner.query('CREATE INDEX sign_in_address_last ON org.sign_in_address (last_signed_in_at)');
    await runner.query('CREATE INDEX login_attempt_pair ON org.login_attempt (username, ip, attempted_at) WHERE NOT succeeded');
    await runner.query('ALTER TABLE org.person DROP COLUMN failed_login_count, DROP COLUMN locked_until');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE org.person ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz');
    await runner.query('DROP INDEX org.login_attempt_pair');
    await runner.query('DROP TABLE org.sign_in_address');
  }
}
