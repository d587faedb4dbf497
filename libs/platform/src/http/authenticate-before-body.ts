import { Inject, Injectable, Optional } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest, HTTPMethods, preParsingHookHandler } from 'fastify';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from '../auth/principal.js';
import { PUBLIC_ROUTE } from '../auth/decorators.js';
import { PlatformError } from '../errors/domain-error.js';


const WITHOUT_BODY = new Set<string>(['GET', 'HEAD', 'TRACE', 'OPTIONS']);

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T> | undefined)?.then === 'function';

/**
 * Authentication comes before the body. Fastify parses a body before any guard runs,
 * so an anonymous caller learned from a 400 (an empty or malformed JSON body, a wrong
 * media type) what only a signed-in one should; and reading a body nobody may send is
 * work for nothing. On every route that takes a body and is not `@Public()`, the
 * caller is resolved in `preParsing`: none answers 401 before a byte of the body is
 * parsed, and the guard uses the principal found here instead of resolving it again.
 */
@Injectable()
export class BodyAuthentication {
  // Injected where the guard is (the platform module), so both ask the same resolver.
  constructor(@Optional() @Inject(PRINCIPAL_RESOLVER) private readonly principals?: PrincipalResolver) {}

  register(fastify: FastifyInstance): void {
    registerAuthenticationBeforeBody(fastify, this.principals);
  }
}

function registerAuthenticationBeforeBody(fastify: FastifyInstance, resolver: PrincipalResolver | undefined): void {
  const authenticate: preParsingHookHandler = (request, _reply, payload, done) => {
    const admit = (principal: Principal | undefined): void => {
      if (!principal) return done(PlatformError.unauthenticated());
      request.principal = principal;
      done(null, payload);
    };
    let resolved: Principal | undefined | Promise<Principal | undefined>;
    try {
      resolved = resolver?.resolve(request as FastifyRequest);
    } catch (error) {
      return done(error as Error);
    }
    if (isPromise(resolved)) resolved.then(admit, (error: unknown) => done(error as Error));
    else admit(resolved);
  };
  fastify.addHook('onRoute', (route) => {
    const methods: readonly HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method as HTTPMethods];
    if (methods.every((method) => WITHOUT_BODY.has(method))) return;
    if ((route.config as Record<string, unknown> | undefined)?.[PUBLIC_ROUTE] === true) return;
    const own = route.preParsing;
    route.preParsing = own === undefined ? [authenticate] : [authenticate, ...(Array.isArray(own) ? own : [own])];
  });
}
