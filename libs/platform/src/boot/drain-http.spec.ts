import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { drainHttp } from './drain-http.js';

interface Probe {
  server: Server;
  url: string;
  /** Resolves when a request has arrived; its answer is sent by calling `answer`. */
  arrived: Promise<{ answer: () => void }>;
  messages: string[];
}

async function listen(): Promise<Probe> {
  let onArrival!: (value: { answer: () => void }) => void;
  const arrived = new Promise<{ answer: () => void }>((resolve) => (onArrival = resolve));
  const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    onArrival({ answer: () => response.end('done') });
  });
  // As long as Fastify keeps connections alive: draining must not wait for that.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived, messages: [] };
}

function drain(probe: Probe, boundMs: number): Promise<void> {
  const logger = pino({ level: 'info' }, { write: (line: string) => void probe.messages.push((JSON.parse(line) as { msg: string }).msg) });
  return drainHttp({ getHttpServer: () => probe.server, getHttpAdapter: () => ({ close: async () => undefined }) }, logger, boundMs);
}

describe('draining HTTP on shutdown', () => {
  it('refuses new connections at once and lets the request in flight finish on its kept-alive connection', async () => {
    const probe = await listen();
    const inFlight = fetch(probe.url).then((response) => response.text());
    const request = await probe.arrived;
    const drained = drain(probe, 60_000);
    await expect(fetch(probe.url)).rejects.toThrow();
    request.answer();
    await expect(inFlight).resolves.toBe('done');
    await drained;
    expect(probe.messages).toEqual(['no longer taking requests', 'requests finished']);
  });

  it('cuts off what is still in flight at the bound, so a stuck request cannot hold the stop', async () => {
    const probe = await listen();
    const stuck = fetch(probe.url).then((response) => response.text());
    await probe.arrived;
    await drain(probe, 100);
    await expect(stuck).rejects.toThrow();
    expect(probe.messages).toEqual(['no longer taking requests', 'requests still in flight were cut off', 'requests finished']);
  });
});
