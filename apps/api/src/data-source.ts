import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import { SnakeNamingStrategy } from '@zhongshu/platform';

/**
 * For the TypeORM CLI only (`npm run migration:generate|run|revert`): every entity of
 * every library, and the migration list. Needs DATABASE_URL; the app itself never
 * loads this file.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL: the migration commands need a database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshu_dev');
}

export default new DataSource({
  type: 'postgres',
  url,
  entities: [fileURLToPath(new URL('../../../libs/*/dist/**/*.entity.js', import.meta.url))],
  migrations: ALL_MIGRATIONS,
  migrationsTableName: 'migrations',
  namingStrategy: new SnakeNamingStrategy(),
});
