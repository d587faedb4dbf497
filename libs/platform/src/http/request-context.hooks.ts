import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { acceptableId } from './request-id.js';

const storeKey = Symbol('zhongshu.requestContext');

type RequestWithContext = FastifyRequest & { [storeKey]?: RequestContextStore };

/**
 * Opens the request context for every request and echoes the ids on the response.
 * Body parsing runs on stream callbacks that lose the async context, so the handler
 * phase enters the same store again in preValidation. (A second `run` is much cheaper
 * than an AsyncResource per request, which bench:http-floor showed.)
 */
export function registerRequestContextHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptableId(request.headers['x-correlation-id']) ?? request.id;
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', correlationId);
    const userAgent = request.headers['user-agent'];
    const store: RequestContextStore = {
      requestId: request.id,
      correlationId,
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : undefined,
    };
    (request as RequestWithContext)[storeKey] = store;
    RequestContext.run(store, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const store = (request as RequestWithContext)[storeKey];
    if (store) RequestContext.run(store, done);
    else done();
  });
}
