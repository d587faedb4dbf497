import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { markClosing } from '@zhongshu/platform';
import { startTestApi, type TestApi } from '../harness/test-api.js';

/** A raw connection to the API and everything it received until the server closed it. */
function open(api: TestApi): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/** The problem+json body of a raw HTTP answer. */
function problemOf(raw: string): { status: number; code: string } {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { status: number; code: string };
}

/**
 * Idle and slow clients cannot use up the server's connections: a connection that sends
 * nothing, one that sends its headers a byte at a time, and a kept-alive one left idle
 * are closed by the server at the configured limits. (The limits are short here; a test
 * that waits for every close would time out if the server held any.)
 */
describe('HTTP connection limits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      env: { HTTP_HEADERS_TIMEOUT_MS: '600', HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_KEEP_ALIVE_TIMEOUT_MS: '500', HTTP_IDLE_TIMEOUT_MS: '3000' },
    });
  });
  afterAll(async () => api.close());

  it('closes connections that never send a byte, answering 408 problem+json', async () => {
    const silent = await Promise.all(Array.from({ length: 20 }, () => open(api)));
    const answers = await Promise.all(silent.map((connection) => connection.closed));
    for (const answer of answers) {
      if (answer === '') continue;
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(problemOf(answer)).toMatchObject({ status: 408, code: 'http.request-timeout' });
    }
  });

  it('closes a connection that sends its headers too slowly', async () => {
    const slow = await open(api);
    slow.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    const drip = setInterval(() => slow.socket.write('X-Slow: a\r\n'), 100);
    const answer = await slow.closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const kept = await open(api);
    kept.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    const answer = await kept.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers a request that arrives while the server is stopping with 503 problem+json, Retry-After and Connection: close', async () => {
    markClosing(api.app.getHttpServer());
    const response = await request(api.url).get('/api/v1/platform/company/public');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 503, code: 'platform.shutting-down' });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers.connection).toBe('close');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
