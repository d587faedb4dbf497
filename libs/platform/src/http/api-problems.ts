import { ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@zhongshu/contracts';

/** A route's own error answer: a status, with what it means on this route when the default says too little. */
export type ProblemResponse = number | { status: number; description: string };

/** What each error status means when a route says no more. */
const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation; `errors` lists each bad field by its path',
  401: 'No valid access token: sign in (or refresh the token) and send it as `Authorization: Bearer …`',
  403: 'Signed in, but without the permission the route requires',
  404: 'No such record, or one outside the caller\'s data scope (the two are not told apart)',
  409: 'A conflict: the version sent is stale (reload and apply the change again), or a unique value is taken',
  413: 'The body is larger than the server accepts',
  415: 'The body is not of a media type the route accepts',
  422: 'The request is well-formed but a business rule refuses it; `detail` (and `errors`, by field) say which',
  429: 'Too many attempts: `Retry-After` says when to try again',
  500: 'An unexpected error; nothing was saved, and only the request id is revealed',
  503: 'The database is unavailable or the server is stopping: `Retry-After` says when to try again',
};

const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemDetails' };

/**
 * The error answers a route gives beyond the ones every route shares (those the platform
 * adds to every operation from what it can see: 400 for a route with input, 401 and 403
 * for a route that needs a permission, 413 and 415 for one with a body, 500 and 503).
 * Each is documented as problem+json. `@ApiProblems(404, 409)`, or with a sentence of
 * its own: `@ApiProblems({ status: 422, description: 'The department still has people' })`.
 */
export function ApiProblems(...problems: ProblemResponse[]): MethodDecorator & ClassDecorator {
  const decorators = problems.map((problem) => {
    const { status, description } = typeof problem === 'number' ? { status: problem, description: undefined } : problem;
    if (status < 400) throw new Error(`ApiProblems takes error statuses; ${status} is not one`);
    return ApiResponse({ status, description: description ?? DEFAULT_DESCRIPTIONS[status] ?? 'An error', content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA } } });
  });
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators) decorate(target as never, key as never, descriptor as never);
  };
}

const TAGS = new Map<string, string>();

/**
 * Declares an OpenAPI tag (a context's, or a group of the platform's routes) with its
 * description. A route's `@ApiTags` must name a declared tag: the document lists them,
 * and the OpenAPI test fails naming an operation whose tag nobody declared.
 */
export function declareApiTag(name: string, description: string): void {
  const known = TAGS.get(name);
  if (known !== undefined && known !== description) throw new Error(`OpenAPI tag "${name}" is declared twice with different descriptions`);
  TAGS.set(name, description);
}

declareApiTag('health', 'Liveness and readiness, for load balancers and orchestrators');
declareApiTag('platform', 'What every context stands on: the company, the audit log, notifications, files, the event bus');

type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  'x-permission'?: string;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Completes the document Nest builds with what holds for every route: the declared
 * tags, the problem+json schema, the errors every route of its kind can give, and
 * problem+json as the body of every error answer a route declared.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation & { tags?: string[] }>)[method];
      if (!operation) continue;
      for (const tag of operation.tags ?? []) used.add(tag);
      addSharedProblems(operation);
    }
  }
  document.tags = [...TAGS].filter(([name]) => used.has(name)).map(([name, description]) => ({ name, description }));
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...PROBLEM_SCHEMAS },
  };
  return document;
}

function addSharedProblems(operation: Operation): void {
  const responses = (operation.responses ??= {});
  const shared: number[] = [];
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) shared.push(400);
  if (operation['x-permission'] || (operation.security?.length ?? 0) > 0) shared.push(401, 403);
  if (operation.requestBody) shared.push(413, 415);
  shared.push(500, 503);
  for (const status of shared) responses[String(status)] ??= { description: DEFAULT_DESCRIPTIONS[status] };
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400) continue;
    // An answer with a body of its own (readiness's 503 is its report) keeps it.
    if (response.content && Object.values(response.content).some((media) => media.schema !== undefined)) continue;
    response.content = { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA } };
  }
}

const PROBLEM_SCHEMAS = {
  FieldError: {
    type: 'object',
    description: 'One invalid field of a request, by its path in the body, query or path',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', example: 'lines[2].quantity' },
      message: { type: 'string', example: 'must be a positive number' },
    },
  },
  ProblemDetails: {
    type: 'object',
    description: 'RFC 9457 problem details: the body of every error answer',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', example: 'urn:zhongshu:problem:platform:version-conflict' },
      title: { type: 'string', example: 'Conflict' },
      status: { type: 'integer', example: 409 },
      detail: { type: 'string', description: 'What went wrong, for people' },
      code: { type: 'string', description: 'Stable, for programs to branch on', example: 'platform.version-conflict' },
      instance: { type: 'string', description: 'The path of the request' },
      requestId: { type: 'string', description: 'The `x-request-id` of the answer, to quote in a report' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    },
  },
};
