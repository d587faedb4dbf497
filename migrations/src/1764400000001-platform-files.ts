import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files (form attachments, comment attachments), a platform service every
 * context uses: the bytes live in PostgreSQL beside the records that refer to them, so
 * a backup holds both and a rolled-back upload leaves nothing. The content type is the
 * server's own reading of the bytes, never the client's word.
 */
export class PlatformFiles1764400000001 implements MigrationInterface {
  name = 'PlatformFiles1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform.file (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        size integer NOT NULL CHECK (size >= 0),
        content_type text NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        updated_by uuid,
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query('CREATE INDEX file_uploaded_by ON platform.file (uploaded_by, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE platform.file');
  }
}
