import { connect } from 'node:net';
import { Body, Controller, Get, Module, Param, Patch, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IsInt, IsString, Length, Min } from 'class-validator';
import request, { type Response } from 'supertest';
import { declarePermissions } from '@zhongshu/contracts';
import { newId, ParseUuidPipe, Public, RequirePermission } from '@zhongshu/platform';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { testAuthorization, TestPrincipalModule } from '../harness/test-principal.module.js';

const ContractProbe = declarePermissions('contractprobe', {
  ThingWrite: { code: 'contractprobe:thing:write', 'zh-CN': '修改探针', en: 'Change the probe' },
});

declare module '@zhongshu/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<typeof ContractProbe.ThingWrite, true> {}
}

class ThingDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsInt()
  @Min(1)
  version!: number;
}

/** Routes that exist only to drive the error contract from the outside. */
@Controller('contract-probe')
class ContractProbeController {
  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }

  @Public()
  @Post('open')
  open(@Body() body: ThingDto): ThingDto {
    return body;
  }

  @RequirePermission(ContractProbe.ThingWrite)
  @Get('things/:id')
  thing(@Param('id', ParseUuidPipe) id: string): { id: string } {
    return { id };
  }

  @RequirePermission(ContractProbe.ThingWrite)
  @Patch('things/:thingId')
  change(@Param('thingId', ParseUuidPipe) thingId: string, @Body() body: ThingDto): ThingDto & { id: string } {
    return { id: thingId, ...body };
  }
}

@Module({ controllers: [ContractProbeController] })
class ContractProbeModule {}

const writer = testAuthorization(newId(), [ContractProbe.ThingWrite]);

/**
 * Every error the server sends, whoever raises it (our code, Nest, Fastify's router and
 * body parsers, Node's HTTP parser), is problem+json with a stable code, the request id
 * of the answer and the API's security headers.
 */
function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^urn:zhongshu:problem:/), title: expect.any(String), detail: expect.any(String) });
  expect(response.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['x-request-id']).toBe(response.body.requestId);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers['cache-control']).toBe('no-store');
}

describe('the error contract (real API over HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ extraModules: [TestPrincipalModule, ContractProbeModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(async () => api.close());

  it('answers a 5,000-character path id with 414, without repeating the URL', async () => {
    const long = 'a'.repeat(5000);
    const response = await request(api.url).get(`/api/v1/contract-probe/things/${long}`).set('authorization', writer);
    expectProblem(response, 414, 'http.uri-too-long');
    expect(response.text).not.toContain('aaaaaaaaaa');
  });

  it('answers an unknown route with 404 http.route-not-found', async () => {
    expectProblem(await request(api.url).get('/api/v1/nothing-here'), 404, 'http.route-not-found');
    expectProblem(await request(api.url).delete('/api/v1/contract-probe/boom'), 404, 'http.route-not-found');
  });

  it('answers malformed JSON with 400 http.malformed-json', async () => {
    const response = await request(api.url).post('/api/v1/contract-probe/open').set('content-type', 'application/json').send('{"name":');
    expectProblem(response, 400, 'http.malformed-json');
  });

  it('answers an oversized body with 413 http.body-too-large', async () => {
    const response = await request(api.url).post('/api/v1/contract-probe/open').send({ name: 'x'.repeat(4096), version: 1 });
    expectProblem(response, 413, 'http.body-too-large');
  });

  it('answers a body of a media type the route does not take with 415, text/plain included', async () => {
    expectProblem(await request(api.url).post('/api/v1/contract-probe/open').set('content-type', 'application/xml').send('<thing/>'), 415, 'http.unsupported-media-type');
    expectProblem(await request(api.url).post('/api/v1/contract-probe/open').set('content-type', 'text/plain').send('name=bolt'), 415, 'http.unsupported-media-type');
    const signedIn = await request(api.url).patch(`/api/v1/contract-probe/things/${newId()}`).set('authorization', writer).set('content-type', 'text/plain').send('{"name":"bolt","version":1}');
    expectProblem(signedIn, 415, 'http.unsupported-media-type');
  });

  it('names the path parameter that is not a UUID', async () => {
    const response = await request(api.url).get('/api/v1/contract-probe/things/not-a-uuid').set('authorization', writer);
    expectProblem(response, 400, 'platform.validation-failed');
    expect(response.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    const patched = await request(api.url).patch('/api/v1/contract-probe/things/42').set('authorization', writer).send({ name: 'bolt', version: 1 });
    expect(patched.body.errors).toEqual([{ field: 'thingId', message: 'must be a UUID' }]);
  });

  it('decides authentication before the body: an anonymous empty, malformed, text or oversized body is 401', async () => {
    const thing = `/api/v1/contract-probe/things/${newId()}`;
    expectProblem(await request(api.url).patch(thing).set('content-type', 'application/json'), 401, 'platform.unauthenticated');
    expectProblem(await request(api.url).patch(thing).set('content-type', 'application/json').send('{"name":'), 401, 'platform.unauthenticated');
    expectProblem(await request(api.url).patch(thing).set('content-type', 'text/plain').send('x'), 401, 'platform.unauthenticated');
    expectProblem(await request(api.url).patch(thing).set('authorization', 'Bearer forged').send({ name: 'x'.repeat(4096) }), 401, 'platform.unauthenticated');
    expectProblem(await request(api.url).patch(thing).send({ name: 'bolt', version: 'one' }), 401, 'platform.unauthenticated');
    // Signed in, the same empty body is the client's mistake.
    expectProblem(await request(api.url).patch(thing).set('authorization', writer).set('content-type', 'application/json'), 400, 'http.empty-body');
    const ok = await request(api.url).patch(thing).set('authorization', writer).send({ name: 'bolt', version: 2 }).expect(200);
    expect(ok.body).toMatchObject({ name: 'bolt', version: 2 });
  });

  it('fits the validation message to the fault: a missing field is required, a string version must be an integer', async () => {
    const thing = `/api/v1/contract-probe/things/${newId()}`;
    const missing = await request(api.url).patch(thing).set('authorization', writer).send({});
    expectProblem(missing, 400, 'platform.validation-failed');
    expect(missing.body.errors).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'version', message: 'is required' },
    ]);
    const wrongType = await request(api.url).patch(thing).set('authorization', writer).send({ name: 7, version: '3' });
    expect(wrongType.body.errors).toEqual([
      { field: 'name', message: 'must be a string' },
      { field: 'version', message: 'must be an integer' },
    ]);
    const outOfRange = await request(api.url).patch(thing).set('authorization', writer).send({ name: '', version: 0 });
    expect(outOfRange.body.errors).toEqual([
      { field: 'name', message: 'must be longer than or equal to 1 characters' },
      { field: 'version', message: 'must not be less than 1' },
    ]);
  });

  it('gives the unexpected 500 a code too, and nothing more', async () => {
    const response = await request(api.url).get('/api/v1/contract-probe/boom');
    expectProblem(response, 500, 'platform.unexpected');
    expect(response.text).not.toContain('secret');
  });

  it('answers what Node refuses before Fastify sees a request (headers too large) as problem+json', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(api.url);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({ status: 431, code: 'http.request-header-fields-too-large' });
    expect(head.toLowerCase()).toContain(`x-request-id: ${problem.requestId}`);
  });
});
