import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../harness/test-api.js';

// The built SPA as the API serves it: the brotli or gzip copy the build wrote beside a
// file when the client accepts one (the plain file otherwise), fingerprinted assets
// cached for a year, the page itself re-validated every time.
const SCRIPT = 'export const greeting = "你好";\n'.repeat(100);
const PAGE = `<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head><body>${' '.repeat(2000)}</body></html>`;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that leaves the body as sent: no client here decodes it behind our back. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function builtSpa(): string {
  const root = mkdtempSync(join(tmpdir(), 'spa-static-'));
  mkdirSync(join(root, 'assets'));
  for (const [name, content] of [
    ['index.html', PAGE],
    ['assets/app-1a2b.js', SCRIPT],
  ] as const) {
    writeFileSync(join(root, name), content);
    writeFileSync(join(root, `${name}.br`), brotliCompressSync(content));
    writeFileSync(join(root, `${name}.gz`), gzipSync(content));
  }
  return root;
}

describe('the SPA served precompressed', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ env: { WEB_DIST_DIR: builtSpa() } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('sends the brotli copy of an asset to a client that accepts it, cached for a year', async () => {
    const answer = await rawGet(`${api.url}/assets/app-1a2b.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a client that accepts only gzip, and the plain file to one that accepts neither', async () => {
    const gzipOnly = await rawGet(`${api.url}/assets/app-1a2b.js`, { 'accept-encoding': 'gzip' });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.body).toString()).toBe(SCRIPT);

    const plain = await rawGet(`${api.url}/assets/app-1a2b.js`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers the page, at / and at a deep link, compressed and never from a stale cache', async () => {
    for (const path of ['/', '/org/people?page=2']) {
      const answer = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'br' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(answer.body).toString()).toBe(PAGE);
    }
    const plain = await rawGet(`${api.url}/`, {});
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body.toString()).toBe(PAGE);
  });
});
