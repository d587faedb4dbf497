import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/**
 * @fastify/cors, for requests that carry an `Origin` header only. Without one there
 * is nothing for CORS to answer (a same-origin navigation, a server-to-server call, a
 * load balancer's probe), yet the plugin's hook ran on every request and added its
 * headers to every answer. Its own logic (allow-list, credentials, preflight route) is
 * kept as it is: it is handed a view of the server whose `addHook` hands its request
 * hook back instead of adding it, and the request-context hook calls it when an
 * `Origin` is present (one hook per request instead of two).
 */
export function corsHookFor(fastify: FastifyInstance, options: FastifyCorsOptions): onRequestHookHandler {
  let captured: onRequestHookHandler | undefined;
  const view = new Proxy(fastify, {
    get(target, key) {
      if (key === 'addHook') {
        return (name: string, hook: onRequestHookHandler) => {
          if (name !== 'onRequest' || captured) throw new Error(`@fastify/cors added an unexpected ${name} hook`);
          captured = hook;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const plugin = fastifyCors as unknown as (instance: FastifyInstance, options: FastifyCorsOptions, done: (error?: Error) => void) => void;
  plugin(view, { ...options, hook: 'onRequest' }, (error) => {
    if (error) throw error;
  });
  if (!captured) throw new Error('@fastify/cors added no request hook');
  const hook = captured;
  return function (this: FastifyInstance, request, reply, done) {
    return hook.call(fastify, request, reply, done);
  };
}
