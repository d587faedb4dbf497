import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Keeps a caller's request id (from a gateway or the SPA) when it is sane; otherwise
 * makes one. A random UUID, not a v7 like record ids: nothing sorts by it, and Node's
 * pooled randomUUID is several times cheaper on this per-request path.
 */
export function requestIdFor(request: IncomingMessage): string {
  return acceptableId(request.headers['x-request-id']) ?? randomUUID();
}

export function acceptableId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : undefined;
}
