import { DataSource, type MixedList } from 'typeorm';
import type { Logger } from 'pino';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// Any constant works; it only has to be the same in every process of this product.
const MIGRATION_LOCK_KEY = 704_231_001;

export type MigrationList = MixedList<new () => unknown>;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so several API and
 * worker processes starting at once (compose `api x N`) migrate exactly once.
 */
export async function runMigrations(url: string, migrations: MigrationList, logger?: Logger): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: migrations as never,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 1, application_name: 'zhongshu-migrate' },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger?.info({ migration: migration.name }, 'migration applied');
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}
