import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, HTTPMethods, onRequestHookHandler, onSendHookHandler, preValidationHookHandler } from 'fastify';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { PlatformError } from '../errors/domain-error.js';
import { isClosing } from './closing.js';
import { acceptableId } from './request-id.js';

const storeKey = Symbol('zhongshu.requestContext');
const writeAnswerHooksKey = Symbol('zhongshu.writeAnswerHooks');

type RequestWithContext = FastifyRequest & { [storeKey]?: RequestContextStore };

/** The context store of a request, for hooks that run outside its async context. */
export function requestContextOf(request: FastifyRequest): RequestContextStore | undefined {
  return (request as RequestWithContext)[storeKey];
}

export interface RequestStartOptions {
  /** The precomputed response headers for this URL (the security headers). */
  headersFor(url: string): Record<string, string>;
  /** CORS's request hook, run only for a request with an `Origin` header (see cors.ts). */
  crossOrigin?: onRequestHookHandler;
}

// The methods Fastify never parses a body for.
const WITHOUT_BODY = new Set<string>(['GET', 'HEAD', 'TRACE']);
// The methods that change nothing (the permission guard opens no request audit for them).
const READ_ONLY = new Set<string>(['GET', 'HEAD', 'OPTIONS']);

type WithWriteAnswerHooks = FastifyInstance & { [writeAnswerHooksKey]?: onSendHookHandler[] };

/**
 * Adds an `onSend` hook to the routes that can change state (any method but GET, HEAD
 * and OPTIONS) only: a read's answer does not pass through it, nor through Fastify's
 * hook runner at all. Hooks may be added until the server is ready (a module's
 * `onModuleInit`), after the routes were registered. Without the request-context
 * hooks (a server not configured by `configureHttpApp`) it is an ordinary `onSend` hook.
 */
export function addWriteAnswerHook(fastify: FastifyInstance, hook: onSendHookHandler): void {
  const hooks = (fastify as WithWriteAnswerHooks)[writeAnswerHooksKey];
  if (hooks) hooks.push(hook);
  else fastify.addHook('onSend', hook);
}

/**
 * Opens the request context for every request, echoes the ids and sets the security
 * headers, in one hook (each hook is a step of every request).
 *
 * The correlation id is the server's own: a request starts a new flow, and a client
 * cannot join another flow's timeline by sending its id. A client's `x-correlation-id`
 * is kept apart (`clientCorrelationId`, in the logs and the request's audit row).
 *
 * Body parsing runs on stream callbacks that lose the async context, so routes whose
 * method carries a body enter the same store again in preValidation. Routes without a
 * body go from this hook to the handler synchronously inside the context, and pay for
 * no second entry. (A second `run` is much cheaper than an AsyncResource per request,
 * which bench:http-floor showed.)
 */
export function registerRequestContextHooks(fastify: FastifyInstance, options: RequestStartOptions): void {
  const { headersFor, crossOrigin } = options;
  const server = fastify.server;
  const start: onRequestHookHandler = (request, reply, done) => {
    const clientRequestId = acceptableId(request.headers['x-request-id']);
    // The request id may be the client's (a gateway's, for tracing); the flow's id never is.
    const correlationId = clientRequestId === request.id ? randomUUID() : request.id;
    reply.headers(headersFor(request.url));
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', correlationId);
    if (isClosing(server)) {
      reply.header('connection', 'close');
      done(PlatformError.shuttingDown());
      return;
    }
    const userAgent = request.headers['user-agent'];
    const store: RequestContextStore = {
      requestId: request.id,
      correlationId,
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : undefined,
    };
    const clientCorrelationId = acceptableId(request.headers['x-correlation-id']);
    if (clientCorrelationId !== undefined) store.clientCorrelationId = clientCorrelationId;
    (request as RequestWithContext)[storeKey] = store;
    if (crossOrigin !== undefined && request.headers.origin !== undefined) RequestContext.run(store, () => crossOrigin.call(fastify, request, reply, done));
    else RequestContext.run(store, done);
  };
  fastify.addHook('onRequest', start);

  const reenter: preValidationHookHandler = (request, _reply, done) => {
    const store = (request as RequestWithContext)[storeKey];
    if (store) RequestContext.run(store, done);
    else done();
  };
  const writeAnswerHooks: onSendHookHandler[] = [];
  (fastify as WithWriteAnswerHooks)[writeAnswerHooksKey] = writeAnswerHooks;
  // Looked up when the answer is sent: the hooks are added after the routes (addWriteAnswerHook).
  const answerOfWrite: onSendHookHandler = function (this: FastifyInstance, request, reply, payload, done) {
    if (writeAnswerHooks.length === 0) {
      done(null, payload);
      return;
    }
    let index = 0;
    const next = ((error: Error | null, value: unknown): void => {
      if (error) done(error);
      else if (index === writeAnswerHooks.length) done(null, value);
      else void writeAnswerHooks[index++].call(this, request, reply, value, next);
    }) as Parameters<onSendHookHandler>[3];
    next(null, payload);
  };

  fastify.addHook('onRoute', (route) => {
    const methods: readonly HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method as HTTPMethods];
    if (!methods.every((method) => READ_ONLY.has(method))) route.onSend = withHook(route.onSend, answerOfWrite, 'last');
    if (!methods.every((method) => WITHOUT_BODY.has(method))) route.preValidation = withHook(route.preValidation, reenter, 'first');
  });
}

function withHook<H>(own: H | H[] | undefined, hook: H, where: 'first' | 'last'): H[] {
  const list = own === undefined ? [] : Array.isArray(own) ? own : [own];
  return where === 'first' ? [hook, ...list] : [...list, hook];
}
