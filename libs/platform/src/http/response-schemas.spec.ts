import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import Fastify from 'fastify';
import { responseSchemasOf, serializerSchema } from './response-schemas.js';

/** What Fastify sends for `value` from a route whose answer has `schema` (its compiled serializer). */
async function sent(schema: Record<string, unknown>, value: unknown): Promise<string> {
  const app = Fastify();
  app.get('/', { schema: { response: { 200: schema } } }, async () => value);
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return await (await fetch(address)).text();
  } finally {
    await app.close();
  }
}

const components = {
  ThingDto: {
    type: 'object',
    required: ['id', 'name', 'note', 'count', 'meta', 'at'],
    properties: {
      id: { type: 'string', format: 'uuid', example: 'x' },
      name: { type: 'string', default: 'unnamed' },
      note: { type: 'string', nullable: true },
      count: { type: 'number' },
      meta: { type: 'object' },
      at: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
    },
  },
  PageDto: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ThingDto' } }, total: { type: 'number' } } },
  NodeDto: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/NodeDto' } } } },
  ChoiceDto: { oneOf: [{ type: 'string' }, { type: 'number' }] },
};

describe('response schemas from the OpenAPI document', () => {
  it('serialises an answer exactly as JSON.stringify would, whatever nulls, missing fields or free-form objects it holds', async () => {
    const schema = serializerSchema({ $ref: '#/components/schemas/PageDto' }, components)!;
    const at = new Date('2026-11-30T08:00:00.123Z');
    const page = {
      items: [
        { id: 'a', name: '张伟', note: null, count: 3, meta: { any: ['thing', 1] }, at, day: '2026-11-30' },
        { id: 'b', name: null, note: 'x', count: null, meta: null, at: '2026-11-30T08:00:00.000Z' },
      ],
      total: 2,
    };
    expect(await sent(schema, page)).toBe(JSON.stringify(page));
  });

  it('writes only what the contract declares', async () => {
    const schema = serializerSchema({ $ref: '#/components/schemas/ThingDto' }, components)!;
    expect(JSON.parse(await sent(schema, { id: 'a', passwordHash: 'secret' }))).toEqual({ id: 'a' });
  });

  it('leaves to JSON.stringify what a compiled serializer would get wrong: recursion, oneOf', () => {
    expect(serializerSchema({ $ref: '#/components/schemas/NodeDto' }, components)).toBeUndefined();
    expect(serializerSchema({ $ref: '#/components/schemas/ChoiceDto' }, components)).toBeUndefined();
  });

  it('maps each documented 2xx JSON answer to its Fastify route', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      components: { schemas: components },
      paths: {
        '/api/v1/things/{id}': {
          get: { responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } } } } },
          delete: { responses: { '204': { description: '' } } },
        },
        '/api/v1/things': {
          post: { responses: { '201': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } } }, '400': { description: '' } } },
        },
      },
    } as unknown as OpenAPIObject;
    const routes = responseSchemasOf(document);
    expect([...routes.keys()].sort()).toEqual(['GET /api/v1/things/:id', 'POST /api/v1/things']);
    expect(Object.keys(routes.get('POST /api/v1/things')!)).toEqual(['201']);
  });
});
