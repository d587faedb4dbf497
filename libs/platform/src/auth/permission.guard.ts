import { HttpStatus, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AUDIT_ACTION, AUDITED_BY_HANDLER } from '../audit/audit.decorators.js';
import { RequestContext } from '../context/request-context.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import { IS_PUBLIC, PERMISSION } from './decorators.js';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from './principal.js';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the guard needs to know of a route, read from its decorators once. */
interface RouteAccess {
  isPublic: boolean;
  permission: string | undefined;
  auditAction: string | undefined;
  auditedByHandler: boolean;
}

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
 *
 * Every request passes here, so it does the least it can: a route's decorators are
 * read once (not four reflection lookups per request), and the answer is given
 * synchronously when nothing needs waiting for (a public route, a caller whose token
 * and session are already known): each promise on this path costs every request
 * more than the work itself while AsyncLocalStorage's promise hooks are on.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly routes = new WeakMap<Function, WeakMap<Function, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PRINCIPAL_RESOLVER) private readonly principals?: PrincipalResolver,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const route = this.routeAccess(context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (route.isPublic) {
      this.openRequestAudit(request, route, undefined);
      return true;
    }
    // A route with a body was authenticated before its body was read (authenticate-before-body.ts).
    const principal = request.principal ?? this.principals?.resolve(request);
    return isPromise(principal) ? principal.then((resolved) => this.admit(request, route, resolved)) : this.admit(request, route, principal);
  }

  private admit(request: FastifyRequest, route: RouteAccess, principal: Principal | undefined): boolean {
    if (!principal) {
      throw PlatformError.unauthenticated();
    }
    request.principal = principal;
    RequestContext.setActor(principal.userId, principal.username);
    const required = route.permission;
    if (!required) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, 'This route declares no permission and is closed to everyone');
    }
    if (!principal.permissions.has(required)) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `You need the permission ${required} for this`);
    }
    this.openRequestAudit(request, route, required);
    return true;
  }

  private routeAccess(handler: Function, controller: Function): RouteAccess {
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
        permission: this.reflector.getAllAndOverride<string | undefined>(PERMISSION, targets),
        auditAction: this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets),
        auditedByHandler: this.reflector.getAllAndOverride<boolean | undefined>(AUDITED_BY_HANDLER, targets) === true,
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  private openRequestAudit(request: FastifyRequest, route: RouteAccess, permission: string | undefined): void {
    if (READ_ONLY_METHODS.has(request.method)) return;
    const store = RequestContext.current();
    if (!store) return;
    store.action = route.auditAction ?? permission ?? `${request.method} ${request.routeOptions.url ?? request.url}`;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    store.requestAudit = {
      entityType: permission ? permission.split(':').slice(0, 2).join('.') : null,
      entityId: params.id ?? null,
      byHandler: route.auditedByHandler,
      recorded: false,
    };
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}
