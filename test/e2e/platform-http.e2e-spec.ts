import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IsInt, IsString } from 'class-validator';
import request from 'supertest';
import pg from 'pg';
import { declarePermissions } from '@zhongshu/contracts';
import { newId, PageQueryDto, Public, RequestContext, RequirePermission } from '@zhongshu/platform';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { testAuthorization, TestPrincipalModule } from '../harness/test-principal.module.js';

/** A permission only these probe routes use, declared as a context declares its own. */
const ProbePermission = declarePermissions('probe', {
  ThingRead: { code: 'probe:thing:read', 'zh-CN': '读取探针', en: 'Read the probe' },
});

declare module '@zhongshu/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<typeof ProbePermission.ThingRead, true> {}
}

class EchoDto {
  @IsString() name!: string;
  @IsInt() quantity!: number;
}

/** Routes that exist only to drive the platform's conventions from the outside. */
@Controller('probe')
class ProbeController {
  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail at /srv/app/db.ts:42');
  }

  @Public()
  @Get('list')
  list(@Query() query: PageQueryDto): PageQueryDto {
    return query;
  }

  @Public()
  @Post('echo')
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Public()
  @Post('context')
  context(@Body() body: EchoDto): { body: EchoDto; requestId?: string; correlationId?: string; clientCorrelationId?: string } {
    const context = RequestContext.current();
    return { body, requestId: context?.requestId, correlationId: context?.correlationId, clientCorrelationId: context?.clientCorrelationId };
  }

  @Get('undeclared')
  undeclared(): string {
    return 'should never be reached';
  }

  @RequirePermission(ProbePermission.ThingRead)
  @Get('guarded')
  guarded(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const admin = testAuthorization(newId(), ['platform:company:read', 'platform:company:update', 'probe:thing:read']);

describe('platform HTTP conventions (real API over HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      extraModules: [TestPrincipalModule, ProbeModule],
      env: { CORS_ORIGINS: 'https://erp.example.com', BODY_LIMIT_BYTES: '2048' },
    });
  });
  afterAll(async () => api.close());

  it('answers liveness with a request id on the response', async () => {
    const response = await request(api.url).get('/api/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane request id the caller sent', async () => {
    const response = await request(api.url).get('/api/health').set('x-request-id', 'gateway-abc-12345').expect(200);
    expect(response.headers['x-request-id']).toBe('gateway-abc-12345');
  });

  it('keeps the request context (request and correlation ids) through body parsing into the handler', async () => {
    const response = await request(api.url)
      .post('/api/v1/probe/context')
      .set('x-correlation-id', 'deal-2026-000042')
      .send({ name: 'bolt', quantity: 3 })
      .expect(201);
    expect(response.body).toEqual({
      body: { name: 'bolt', quantity: 3 },
      requestId: response.headers['x-request-id'],
      correlationId: response.headers['x-correlation-id'],
      clientCorrelationId: 'deal-2026-000042',
    });
  });

  it('makes the correlation id itself: neither a client-sent correlation id nor a client-sent request id becomes a flow id', async () => {
    const sent = await request(api.url).post('/api/v1/probe/context').set('x-correlation-id', 'deal-2026-000042').send({ name: 'bolt', quantity: 3 }).expect(201);
    expect(sent.headers['x-correlation-id']).not.toBe('deal-2026-000042');
    expect(sent.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await request(api.url).post('/api/v1/probe/context').set('x-request-id', 'gateway-abc-12345').send({ name: 'bolt', quantity: 3 }).expect(201);
    expect(traced.headers['x-request-id']).toBe('gateway-abc-12345');
    expect(traced.body.correlationId).not.toBe('gateway-abc-12345');
    expect(traced.headers['x-correlation-id']).toBe(traced.body.correlationId);
  });

  it('reports readiness of the database', async () => {
    const response = await request(api.url).get('/api/ready').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.checks.database.status).toBe('up');
  });

  it('serves an OpenAPI 3 document that shows each route permission', async () => {
    const response = await request(api.url).get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.paths['/api/v1/platform/company'].patch['x-permission']).toBe('platform:company:update');
    await request(api.url).get('/api/docs').expect(200);
  });

  it('sets the REST security headers on API answers and the page policy on the docs page', async () => {
    const response = await request(api.url).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const docs = await request(api.url).get('/api/docs');
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('allows only configured CORS origins', async () => {
    const allowed = await request(api.url).get('/api/health').set('origin', 'https://erp.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://erp.example.com');
    const other = await request(api.url).get('/api/health').set('origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an unknown API route with 404 problem+json', async () => {
    const response = await request(api.url).get('/api/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('hides unexpected errors behind a 500 with the request id and no stack', async () => {
    const response = await request(api.url).get('/api/v1/probe/boom').expect(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    expect(response.body.detail).toContain(response.body.requestId);
    expect(JSON.stringify(response.body)).not.toMatch(/secret|db\.ts|stack/);
  });

  it('lists every wrong field of a body with its path', async () => {
    const response = await request(api.url).post('/api/v1/probe/echo').send({ name: 7, quantity: 'many' }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['name', 'quantity']);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const response = await request(api.url).post('/api/v1/probe/echo').send({ name: 'a', quantity: 1, qty: 2 }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'qty', message: 'property qty should not exist' }]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both problem+json', async () => {
    const bad = await request(api.url).post('/api/v1/probe/echo').set('content-type', 'application/json').send('{"name":').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const big = await request(api.url).post('/api/v1/probe/echo').send({ name: 'x'.repeat(4096), quantity: 1 }).expect(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
  });

  it('bounds the page size and coerces paging numbers', async () => {
    const ok = await request(api.url).get('/api/v1/probe/list?page=2&pageSize=50&sort=-createdAt').expect(200);
    expect(ok.body).toEqual({ page: 2, pageSize: 50, sort: '-createdAt' });
    const defaults = await request(api.url).get('/api/v1/probe/list').expect(200);
    expect(defaults.body).toEqual({ page: 1, pageSize: 20 });
    const tooBig = await request(api.url).get('/api/v1/probe/list?pageSize=1000').expect(400);
    expect(tooBig.body.errors[0].field).toBe('pageSize');
  });

  it('denies by default: no credentials 401, a route without a permission 403, a missing permission 403', async () => {
    await request(api.url).get('/api/v1/probe/guarded').expect(401);
    await request(api.url).get('/api/v1/probe/undeclared').set('authorization', admin).expect(403);
    await request(api.url)
      .get('/api/v1/probe/guarded')
      .set('authorization', testAuthorization(newId(), ['platform:company:update']))
      .expect(403);
    await request(api.url).get('/api/v1/probe/guarded').set('authorization', admin).expect(200);
  });

  describe('company profile', () => {
    it('shows only its public part (name and language) without signing in', async () => {
      const response = await request(api.url).get('/api/v1/platform/company/public').expect(200);
      expect(response.body).toEqual({ name: expect.any(String), locale: 'zh-CN' });
    });

    it('is read in full only with platform:company:read, which every signed-in person holds', async () => {
      const anonymous = await request(api.url).get('/api/v1/platform/company').expect(401);
      expect(JSON.stringify(anonymous.body)).not.toMatch(/taxNumber|address|CNY/);
      await request(api.url).get('/api/v1/platform/company').set('authorization', testAuthorization(newId(), [])).expect(403);
      const response = await request(api.url)
        .get('/api/v1/platform/company')
        .set('authorization', testAuthorization(newId(), ['platform:company:read']))
        .expect(200);
      expect(response.body).toMatchObject({ currency: 'CNY', timeZone: 'Asia/Shanghai', taxNumber: null, address: null, version: expect.any(Number) });
    });

    it('rejects a wrong type with 400 naming the field, and changes nothing', async () => {
      const before = (await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body;
      const response = await request(api.url)
        .patch('/api/v1/platform/company')
        .set('authorization', admin)
        .send({ version: before.version, fiscalYearStartMonth: 'March', currency: 'yuan' })
        .expect(400);
      const fields = new Set(response.body.errors.map((error: { field: string }) => error.field));
      expect([...fields].sort()).toEqual(['currency', 'fiscalYearStartMonth']);
      const after = (await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body;
      expect(after).toEqual(before);
    });

    it('applies an edit of the current version, records who made it, and refuses a stale one with 409', async () => {
      const actor = newId();
      const current = (await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body;
      const saved = await request(api.url)
        .patch('/api/v1/platform/company')
        .set('authorization', testAuthorization(actor, ['platform:company:update']))
        .send({ version: current.version, name: 'Acme Precision' })
        .expect(200);
      expect(saved.body).toMatchObject({ name: 'Acme Precision', version: current.version + 1 });

      const stale = await request(api.url)
        .patch('/api/v1/platform/company')
        .set('authorization', admin)
        .send({ version: current.version, name: 'Overwritten' })
        .expect(409);
      expect(stale.headers['content-type']).toContain('application/problem+json');
      expect(stale.body.code).toBe('platform.version-conflict');
      expect((await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body.name).toBe('Acme Precision');

      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      const { rows } = await client.query('SELECT updated_by FROM platform.company_profile');
      await client.end();
      expect(rows[0].updated_by).toBe(actor);
    });

    it('lets exactly one of two concurrent editors of the same version win', async () => {
      const current = (await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body;
      const edits = ['Editor A', 'Editor B'].map((name) =>
        request(api.url).patch('/api/v1/platform/company').set('authorization', admin).send({ version: current.version, name }),
      );
      const statuses = (await Promise.all(edits)).map((response) => response.status).sort();
      expect(statuses).toEqual([200, 409]);
      const after = (await request(api.url).get('/api/v1/platform/company').set('authorization', admin)).body;
      expect(after.version).toBe(current.version + 1);
    });
  });
});
