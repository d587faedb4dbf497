import { HttpStatus, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import { IS_PUBLIC, PERMISSION } from './decorators.js';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from './principal.js';

/**
 * Deny by default: a route runs only if it is `@Public()`, or the caller is
 * authenticated and holds the route's `@RequirePermission` code. A route with
 * neither is refused even to an authenticated caller, so a forgotten decorator
 * fails closed.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PRINCIPAL_RESOLVER) private readonly principals?: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.principals?.resolve(request);
    if (!principal) {
      throw new PlatformError(PlatformErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED, 'Sign in to continue: the request has no valid access token');
    }
    request.principal = principal;
    RequestContext.setActor(principal.userId);
    const required = this.reflector.getAllAndOverride<string | undefined>(PERMISSION, targets);
    if (!required) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, 'This route declares no permission and is closed to everyone');
    }
    if (!principal.permissions.has(required)) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `You need the permission ${required} for this`);
    }
    return true;
  }
}
