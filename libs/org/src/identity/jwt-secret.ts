import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@zhongshu/platform';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * JWT_SECRET when set (required in production: the config refuses to start without
 * it). Otherwise, for the embedded demo, a random secret made once and kept under
 * DATA_DIR, so a restart does not sign everybody out.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  if (config.nodeEnv === 'production') throw new Error('JWT_SECRET: required when NODE_ENV=production');
  const file = join(config.dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
