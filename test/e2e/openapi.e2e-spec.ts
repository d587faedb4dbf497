import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../harness/test-api.js';

// The SPA's API types are generated from openapi/openapi.json (apps/web `gen:api`), so
// that file must be the document the API really serves. `npm run openapi` rewrites it
// (UPDATE_OPENAPI=1) and regenerates the SPA types; this test fails when it is stale.
const DOCUMENT = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

describe('openapi/openapi.json', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('matches the document the API serves', async () => {
    const served = (await request(api.url).get('/api/docs-json').expect(200)).body;
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(DOCUMENT, text);
    const committed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    expect(committed).toEqual(served);
  });
});
