import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, HTTPMethods, onRequestHookHandler, preValidationHookHandler } from 'fastify';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { PlatformError } from '../errors/domain-error.js';
import { isClosing } from './closing.js';
import { acceptableId } from './request-id.js';

const storeKey = Symbol('zhongshu.requestContext');

type RequestWithContext = FastifyRequest & { [storeKey]?: RequestContextStore };

/** The context store of a request, for hooks that run outside its async context. */
export function requestContextOf(request: FastifyRequest): RequestContextStore | undefined {
  return (request as RequestWithContext)[storeKey];
}

export interface RequestStartOptions {
  /** The precomputed response headers for this URL (the security headers). */
  headersFor(url: string): Record<string, string>;
}

// The methods Fastify never parses a body for.
const WITHOUT_BODY = new Set<string>(['GET', 'HEAD', 'TRACE']);

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
  const { headersFor } = options;
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
    RequestContext.run(store, done);
  };
  fastify.addHook('onRequest', start);

  const reenter: preValidationHookHandler = (request, _reply, done) => {
    const store = (request as RequestWithContext)[storeKey];
    if (store) RequestContext.run(store, done);
    else done();
  };
  fastify.addHook('onRoute', (route) => {
    const methods: readonly HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method as HTTPMethods];
    if (methods.every((method) => WITHOUT_BODY.has(method))) return;
    const own = route.preValidation;
    route.preValidation = own === undefined ? [reenter] : [reenter, ...(Array.isArray(own) ? own : [own])];
  });
}
