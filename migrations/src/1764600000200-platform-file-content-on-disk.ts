import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files' bytes move out of PostgreSQL to the file store (FILES_DIR, by default
 * `<DATA_DIR>/files`); the row keeps the metadata and the SHA-256 the bytes are checked
 * against on every download. Rows written before keep their `content` and are served
 * from it, so nothing has to be moved at once; a row without content is on disk.
 */
export class PlatformFileContentOnDisk1764600000200 implements MigrationInterface {
  name = 'PlatformFileContentOnDisk1764600000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE platform.file ALTER COLUMN content DROP NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Going back needs the bytes in the table again: refuse while any row has them only on disk.
    const [row] = await runner.query('SELECT count(*)::int AS n FROM platform.file WHERE content IS NULL');
    if (row.n > 0) throw new Error(`${row.n} files have their bytes only in the file store; copy them into platform.file.content before reverting`);
    await runner.query('ALTER TABLE platform.file ALTER COLUMN content SET NOT NULL');
  }
}
