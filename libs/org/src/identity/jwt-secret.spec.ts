import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@zhongshu/platform';
import { JWT_SECRET_FILE, resolveJwtSecret } from './jwt-secret.js';

describe('the JWT secret', () => {
  it('uses JWT_SECRET when set', () => {
    const config = loadConfig({ JWT_SECRET: 's'.repeat(40), DATA_DIR: mkdtempSync(join(tmpdir(), 'zs-jwt-')) });
    expect(resolveJwtSecret(config)).toBe('s'.repeat(40));
  });

  it('outside production, generates one once under DATA_DIR and keeps it across restarts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zs-jwt-'));
    const first = resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }));
    const second = resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }));
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(readFileSync(join(dataDir, JWT_SECRET_FILE), 'utf8').trim()).toBe(first);
    expect(statSync(join(dataDir, JWT_SECRET_FILE)).mode & 0o077).toBe(0);
  });

  it('is required in production, and the error names the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/zs' })).toThrow(/JWT_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });
});
