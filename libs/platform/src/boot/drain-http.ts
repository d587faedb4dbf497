import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { markClosing } from '../http/closing.js';

const IDLE_SWEEP_MS = 50;

/** What draining needs of a Nest HTTP app (NestFastifyApplication has both). */
export interface DrainableApp {
  getHttpServer(): Server;
  getHttpAdapter(): { close(): Promise<unknown> };
}

/**
 * The first step of a graceful stop: stop taking connections at once, answer requests
 * that still arrive on kept-alive connections with 503 problem+json and Retry-After
 * (the request hook does, once the server is marked closing: closing.ts), and let the requests in flight finish, for at most `boundMs`; whatever is still open
 * then is cut off, so a stuck client cannot hold the stop. The database and the workers
 * are still there while this runs: the caller stops them after it.
 */
export async function drainHttp(app: DrainableApp, logger: Logger, boundMs: number): Promise<void> {
  const server = app.getHttpServer();
  markClosing(server);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  logger.info('no longer taking requests');
  const adapterClosed = app.getHttpAdapter().close();
  // The server closes only when every connection has; a kept-alive one whose request
  // has just been answered would otherwise idle on until its keep-alive timeout. Node
  // tells no event for "became idle", so idle ones are swept while draining.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([drained.then(() => 'drained' as const), new Promise<'bound'>((resolve) => (timer = setTimeout(() => resolve('bound'), boundMs)))]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (outcome === 'bound') {
    logger.warn({ boundMs }, 'requests still in flight were cut off');
    server.closeAllConnections();
    await drained;
  }
  await adapterClosed;
  logger.info('requests finished');
}
