import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ALL_MIGRATIONS } from './index.js';

describe('ALL_MIGRATIONS', () => {
  const files = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((file) => /^\d{13}-.+\.ts$/.test(file) && !file.endsWith('.spec.ts'))
    .sort();

  it('lists every migration file, oldest first', () => {
    const timestamps = ALL_MIGRATIONS.map((migration) => migration.name.match(/(\d{13})$/)?.[1]);
    expect(timestamps).toEqual(files.map((file) => file.slice(0, 13)));
  });

  it('gives each migration a class name ending in its file timestamp', () => {
    for (const migration of ALL_MIGRATIONS) expect(migration.name).toMatch(/^[A-Z][A-Za-z]+\d{13}$/);
  });
});
