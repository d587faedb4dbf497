import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications, a platform service every context writes through
 * (`Notifications.notify`, in the writer's own transaction): new approval tasks,
 * outcomes, returns, reminders, copies. The recipient reads, counts and marks them.
 */
export class Notifications1764000000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform.notification (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text CHECK (length(body) <= 2000),
        link text CHECK (link ~ '^/'),
        source_type text,
        source_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await runner.query('CREATE INDEX notification_recipient ON platform.notification (recipient_id, id DESC)');
    await runner.query('CREATE INDEX notification_unread ON platform.notification (recipient_id) WHERE read_at IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE platform.notification');
  }
}
