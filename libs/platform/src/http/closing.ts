import type { Server } from 'node:http';

const closing = new WeakSet<Server>();

/**
 * A server that is draining for a stop. Requests still arriving on its kept-alive
 * connections are answered 503 problem+json with `Retry-After` and `Connection: close`
 * by the request hook (Fastify's own closing answer was plain JSON without a code).
 */
export function markClosing(server: Server): void {
  closing.add(server);
}

export function isClosing(server: Server): boolean {
  return closing.has(server);
}
