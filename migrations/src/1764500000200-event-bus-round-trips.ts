import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two small indexes of work in flight, so the event bus stops searching the event log:
 *
 * - `platform.pending_delivery`: one row per (event, handler) the relay has routed and
 *   that handler has not yet claimed; the relay writes them in its batch statement and
 *   the claim deletes its row in its own statement. The redelivery sweep reads these
 *   rows instead of anti-joining every event published in a window against
 *   `processed_event`.
 * - `platform.waiting_delivery`: the handler jobs that parked themselves behind an
 *   unfinished predecessor. A handler wakes its successor's job only when that job is
 *   parked here, with the statement that travels with its COMMIT, instead of asking the
 *   queue after every event whether the next one is waiting.
 */
export class EventBusRoundTrips1764500000200 implements MigrationInterface {
  name = 'EventBusRoundTrips1764500000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform.pending_delivery (
        event_id uuid NOT NULL,
        handler text NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (event_id, handler)
      )`);
    await runner.query('CREATE INDEX pending_delivery_published_at ON platform.pending_delivery (published_at)');
    // What is in flight now: published, routed, neither processed nor discarded.
    await runner.query(`
      INSERT INTO platform.pending_delivery (event_id, handler, published_at)
      SELECT o.id, h.handler, o.published_at
        FROM platform.outbox_event o CROSS JOIN LATERAL unnest(o.routed_to) AS h(handler)
       WHERE o.published_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM platform.processed_event p WHERE p.event_id = o.id AND p.handler = h.handler)`);
    await runner.query(`
      CREATE TABLE platform.waiting_delivery (
        event_id uuid NOT NULL,
        handler text NOT NULL,
        since timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE platform.waiting_delivery');
    await runner.query('DROP TABLE platform.pending_delivery');
  }
}
