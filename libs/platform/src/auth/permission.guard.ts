import { HttpStatus, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AUDIT_ACTION, AUDITED_BY_HANDLER } from '../audit/audit.decorators.js';
import { RequestContext } from '../context/request-context.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import { IS_PUBLIC, PERMISSION } from './decorators.js';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from './principal.js';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: a route runs only if it is `@Public()`, or the caller is
 * authenticated and holds the route's `@RequirePermission` code. A route with
 * neither is refused even to an authenticated caller, so a forgotten decorator
 * fails closed.
 *
 * A state-changing request that is let through gets its audit row opened here (the
 * guard is where the route's permission and the caller are known): the row is written
 * in the request's transaction, or when the answer is known (RequestAuditRecorder).
 * Reads cost nothing more.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PRINCIPAL_RESOLVER) private readonly principals?: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      this.openRequestAudit(request, targets, undefined);
      return true;
    }
    const principal = await this.principals?.resolve(request);
    if (!principal) {
      throw new PlatformError(PlatformErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED, 'Sign in to continue: the request has no valid access token');
    }
    request.principal = principal;
    RequestContext.setActor(principal.userId, principal.username);
    const required = this.reflector.getAllAndOverride<string | undefined>(PERMISSION, targets);
    if (!required) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, 'This route declares no permission and is closed to everyone');
    }
    if (!principal.permissions.has(required)) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `You need the permission ${required} for this`);
    }
    this.openRequestAudit(request, targets, required);
    return true;
  }

  private openRequestAudit(request: FastifyRequest, targets: Function[], permission: string | undefined): void {
    if (READ_ONLY_METHODS.has(request.method)) return;
    const store = RequestContext.current();
    if (!store) return;
    store.action = this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets) ?? permission ?? `${request.method} ${request.routeOptions.url ?? request.url}`;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    store.requestAudit = {
      entityType: permission ? permission.split(':').slice(0, 2).join('.') : null,
      entityId: params.id ?? null,
      byHandler: this.reflector.getAllAndOverride<boolean | undefined>(AUDITED_BY_HANDLER, targets) === true,
      recorded: false,
    };
  }
}
