import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { acceptableId } from './request-id.js';

const storeKey = Symbol('zhongshu.requestContext');

type RequestWithContext = FastifyRequest & { [storeKey]?: RequestContextStore };

/** The context store of a request, for hooks that run outside its async context. */
export function requestContextOf(request: FastifyRequest): RequestContextStore | undefined {
  return (request as RequestWithContext)[storeKey];
}

/**
 * Opens the request context for every request and echoes the ids on the response.
 * The correlation id is the server's own: a request starts a new flow, and a client
 * cannot join another flow's timeline by sending its id. A client's `x-correlation-id`
 * is kept apart (`clientCorrelationId`, in the logs and the request's audit row).
 * Body parsing runs on stream callbacks that lose the async context, so the handler
 * phase enters the same store again in preValidation. (A second `run` is much cheaper
 * than an AsyncResource per request, which bench:http-floor showed.)
 */
export function registerRequestContextHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const clientRequestId = acceptableId(request.headers['x-request-id']);
    // The request id may be the client's (a gateway's, for tracing); the flow's id never is.
    const correlationId = clientRequestId === request.id ? randomUUID() : request.id;
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', correlationId);
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
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const store = (request as RequestWithContext)[storeKey];
    if (store) RequestContext.run(store, done);
    else done();
  });
}
