import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, HTTPMethods } from 'fastify';

type Schema = Record<string, unknown>;

/** What fast-json-stringify needs of a schema; the rest (examples, descriptions, bounds) is left out. */
const KEPT = new Set(['type', 'properties', 'items', 'additionalProperties', 'nullable', 'format', 'allOf']);

/**
 * Every JSON answer is serialised by a function compiled from its response schema
 * (fast-json-stringify, which Fastify ships), not by `JSON.stringify` walking each
 * object: the schema is the one the OpenAPI document already has, derived from the
 * response DTOs' @nestjs/swagger decorators, so nothing is written twice. Registered
 * before the routes, it gives each route the schema of its documented 2xx answers.
 *
 * The compiled serializer writes what the contract declares and nothing else: a field
 * a handler adds beyond its DTO is left out of the answer. Where it would otherwise
 * differ from `JSON.stringify` it is made not to: every value may be null (written as
 * null, not coerced to "" or 0), a property's absence is never an error, no default is
 * filled in, free-form objects keep their keys, and only `date-time` keeps its format
 * (a Date written as its ISO instant, as `JSON.stringify` does).
 */
export function registerResponseSchemas(fastify: FastifyInstance, document: OpenAPIObject): void {
  const schemas = responseSchemasOf(document);
  fastify.addHook('onRoute', (route) => {
    if (Array.isArray(route.method) || route.schema?.response !== undefined) return;
    const response = schemas.get(`${route.method as HTTPMethods} ${route.url}`);
    if (response) route.schema = { ...route.schema, response };
  });
}

/** `GET /api/v1/org/people/:id` → `{ 200: schema }`, for every documented JSON answer. */
export function responseSchemasOf(document: OpenAPIObject): Map<string, Record<string, Schema>> {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const routes = new Map<string, Record<string, Schema>>();
  for (const [path, operations] of Object.entries(document.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(operations as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>)) {
      const response: Record<string, Schema> = {};
      for (const [status, answer] of Object.entries(operation.responses ?? {})) {
        const schema = answer.content?.['application/json']?.schema;
        if (!/^2\d\d$/.test(status) || !schema) continue;
        const converted = serializerSchema(schema, components);
        if (converted) response[status] = converted;
      }
      if (Object.keys(response).length > 0) routes.set(`${method.toUpperCase()} ${url}`, response);
    }
  }
  return routes;
}

/**
 * The serializer's schema for an OpenAPI schema: references inlined, every type
 * nullable, nothing required, free-form objects open. Undefined when the schema is one
 * a compiled serializer would get wrong or slow (a recursive reference, a `oneOf`):
 * such an answer stays with `JSON.stringify`.
 */
export function serializerSchema(schema: Schema, components: Record<string, Schema>, seen: ReadonlySet<string> = new Set()): Schema | undefined {
  const reference = schema.$ref;
  if (typeof reference === 'string') {
    const name = reference.slice(reference.lastIndexOf('/') + 1);
    const target = components[name];
    if (!target || seen.has(name)) return undefined;
    return serializerSchema(target, components, new Set([...seen, name]));
  }
  if ('oneOf' in schema || 'anyOf' in schema || 'not' in schema) return undefined;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEPT.has(key)) continue;
    if (key === 'format' && value !== 'date-time') continue;
    if (key === 'properties') {
      const properties: Schema = {};
      for (const [name, property] of Object.entries(value as Record<string, Schema>)) {
        const converted = serializerSchema(property, components, seen);
        if (!converted) return undefined;
        properties[name] = converted;
      }
      result.properties = properties;
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      const converted = serializerSchema(value as Schema, components, seen);
      if (!converted) return undefined;
      result[key] = converted;
    } else if (key === 'allOf') {
      const parts = (value as Schema[]).map((part) => serializerSchema(part, components, seen));
      if (parts.some((part) => !part)) return undefined;
      result.allOf = parts;
    } else {
      result[key] = value;
    }
  }
  if (result.type !== undefined) result.nullable = true;
  if (result.type === 'object' && result.properties === undefined && result.additionalProperties === undefined) result.additionalProperties = true;
  if (result.type === 'array' && result.items === undefined) result.items = {};
  return result;
}
