import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correlation ids are the server's own: a client's `x-correlation-id` no longer joins a
 * flow's timeline, and is kept apart on the request's audit row for tracing.
 */
export class AuditClientCorrelation1764000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE platform.audit_log ADD COLUMN client_correlation_id text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE platform.audit_log DROP COLUMN client_correlation_id');
  }
}
