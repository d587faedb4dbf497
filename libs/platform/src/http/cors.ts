import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/**
 * @fastify/cors, run only for requests that carry an `Origin` header. Without one
 * there is nothing for CORS to answer (a same-origin navigation, a server-to-server
 * call, a load balancer's probe), yet the plugin's hook ran on every request and added
 * its headers to every answer. Its own logic (allow-list, credentials, preflight) is
 * kept as it is: it is handed a view of the server whose `addHook` wraps its hooks in
 * the Origin check.
 */
export function registerCorsForCrossOriginRequests(fastify: FastifyInstance, options: FastifyCorsOptions): void {
  const withOriginOnly = new Proxy(fastify, {
    get(target, key) {
      if (key === 'addHook') {
        return (name: 'onRequest', hook: onRequestHookHandler) =>
          target.addHook(name, function (this: FastifyInstance, request, reply, done) {
            if (request.headers.origin === undefined) done();
            else return hook.call(this, request, reply, done);
          });
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const plugin = fastifyCors as unknown as (instance: FastifyInstance, options: FastifyCorsOptions, done: (error?: Error) => void) => void;
  plugin(withOriginOnly, { ...options, hook: 'onRequest' }, (error) => {
    if (error) throw error;
  });
}
