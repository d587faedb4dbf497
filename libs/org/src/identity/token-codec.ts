import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '@zhongshu/platform';

/** A refresh token as handed out: `<row id>.<secret>`; only the secret's hash is stored. */
export interface OpaqueToken {
  id: string;
  secret: string;
  hash: Buffer;
  value: string;
}

export function mintOpaqueToken(): OpaqueToken {
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, hash: hashSecret(secret), value: `${id}.${secret}` };
}

export function parseOpaqueToken(value: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,100})$/.exec(value);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretMatches(secret: string, hash: Buffer): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
