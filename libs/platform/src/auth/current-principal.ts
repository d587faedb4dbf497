import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import type { Principal } from './principal.js';

/**
 * The caller the guard established, for services that apply data scope. Only on
 * routes with a permission: a public route has no principal and this refuses.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) {
    throw new PlatformError(PlatformErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED, 'Sign in to continue: the request has no valid access token');
  }
  return principal;
});
