import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import request from 'supertest';
import { startTestApi, type TestApi } from '../harness/test-api.js';

// The SPA's API types are generated from openapi/openapi.json (apps/web `gen:api`), so
// that file must be the document the API really serves. `npm run openapi` rewrites it
// (UPDATE_OPENAPI=1) and regenerates the SPA types; this test fails when it is stale.
const DOCUMENT = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM = 'application/problem+json';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  'x-permission'?: string;
}

interface Document {
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

/**
 * What an operation lacks, in words its author can act on. Every route is described
 * (summary and description), tagged with a declared tag (`declareApiTag`), and declares
 * the errors it can give as problem+json: the platform adds the ones every route of its
 * kind shares; a route with a path id declares 404 (`@ApiProblems(404)`); a route that
 * takes a body documents its media types.
 */
function gaps(document: Document): string[] {
  const declared = new Set((document.tags ?? []).map((tag) => tag.name));
  const found: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const lacks: string[] = [];
      if (!operation.summary?.trim()) lacks.push('a summary (@ApiOperation({ summary, description }))');
      if (!operation.description?.trim()) lacks.push('a description (@ApiOperation({ summary, description }))');
      if (!operation.tags?.length) lacks.push('a tag (@ApiTags)');
      for (const tag of operation.tags ?? []) if (!declared.has(tag)) lacks.push(`a declared tag: "${tag}" is not declared (declareApiTag('${tag}', '…') in the context's module)`);
      const responses = operation.responses ?? {};
      const errors = Object.keys(responses).filter((status) => Number(status) >= 400);
      if (errors.length === 0) lacks.push('any error response');
      for (const status of errors) {
        const content = responses[status].content ?? {};
        if (!Object.values(content).some((media) => media.schema)) lacks.push(`a body for its ${status} answer`);
        else if (status !== '503' && !content[PROBLEM]) lacks.push(`problem+json as its ${status} answer`);
      }
      if (operation['x-permission'] && !(responses['401'] && responses['403'])) lacks.push('401 and 403');
      const pathIds = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' && /id$/i.test(parameter.name));
      if (pathIds.length > 0 && !responses['404']) lacks.push(`404 for its path ${pathIds.map((parameter) => parameter.name).join(', ')} (@ApiProblems(404))`);
      if (operation.requestBody && !Object.values(operation.requestBody.content ?? {}).some((media) => media.schema)) lacks.push('the schema of its body per media type (@ApiBody)');
      if (lacks.length > 0) found.push(`${operation.operationId ?? '?'} (${method.toUpperCase()} ${path}) lacks ${lacks.join('; ')}`);
    }
  }
  return found;
}

describe('openapi/openapi.json', () => {
  let api: TestApi;
  let served: Document;

  beforeAll(async () => {
    api = await startTestApi();
    served = (await request(api.url).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(async () => api.close());

  it('matches the document the API serves', async () => {
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(DOCUMENT, text);
    const committed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    expect(committed).toEqual(served);
  });

  it('describes, tags and gives the error answers of every operation', () => {
    expect(gaps(served)).toEqual([]);
  });

  it("passes Spectral's spectral:oas ruleset without a warning", async () => {
    const spectral = new spectralCore.Spectral();
    // `extends: spectral:oas`: the ruleset is bundled with the package, so this runs offline.
    spectral.setRuleset({ extends: [[spectralRulesets.oas as never, 'recommended']] });
    const results = await spectral.run(new spectralCore.Document(JSON.stringify(served, null, 2), spectralParsers.Json, 'openapi.json'));
    expect(results.map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`)).toEqual([]);
  });

  it('knows a gap when it sees one', () => {
    const bare: Document = {
      tags: [{ name: 'org' }],
      paths: { '/api/v1/x/{id}': { get: { operationId: 'X_get', tags: ['crm'], parameters: [{ in: 'path', name: 'id' }], responses: { '200': {} }, 'x-permission': 'x:y:z' } } },
    };
    const [gap] = gaps(bare);
    expect(gap).toContain('X_get (GET /api/v1/x/{id}) lacks a summary');
    expect(gap).toContain('"crm" is not declared');
    expect(gap).toContain('any error response');
    expect(gap).toContain('401 and 403');
    expect(gap).toContain('404 for its path id');
  });
});
