import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event bus's own tables. The outbox is written in the business transaction; the
 * aggregate sequence row lock makes a second writer of the same aggregate wait for the
 * first to commit, so sequence order is commit order. BullMQ's PostgreSQL backend keeps
 * its queues in schema `bullmq`, which it creates and migrates itself.
 */
export class EventBus1763920000000 implements MigrationInterface {
  name = 'EventBus1763920000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform.aggregate_sequence (
        aggregate_id text PRIMARY KEY,
        last_sequence bigint NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE platform.outbox_event (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        version integer NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        sequence bigint NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid,
        correlation_id text NOT NULL,
        causation_id text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        routed_to text[],
        UNIQUE (aggregate_id, sequence)
      )`);
    await runner.query('CREATE INDEX outbox_event_unpublished ON platform.outbox_event (id) WHERE published_at IS NULL');
    await runner.query('CREATE INDEX outbox_event_published_at ON platform.outbox_event (published_at) WHERE published_at IS NOT NULL');
    await runner.query(`
      CREATE TABLE platform.processed_event (
        event_id uuid NOT NULL,
        handler text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'discarded')),
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
    await runner.query(`
      CREATE TABLE platform.dead_letter (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        handler text NOT NULL,
        event_type text NOT NULL,
        envelope jsonb NOT NULL,
        attempts integer NOT NULL,
        last_error text NOT NULL,
        status text NOT NULL CHECK (status IN ('parked', 'retrying')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        updated_by uuid,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (event_id, handler)
      )`);
    await runner.query(`
      CREATE TABLE platform.event_handler_failure (
        handler text PRIMARY KEY,
        failed_attempts bigint NOT NULL,
        last_failed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['event_handler_failure', 'dead_letter', 'processed_event', 'outbox_event', 'aggregate_sequence']) {
      await runner.query(`DROP TABLE platform.${table}`);
    }
    await runner.query('DROP SCHEMA IF EXISTS bullmq CASCADE');
  }
}
