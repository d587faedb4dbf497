import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { combineGrants } from './data-scope.js';
import { Public, RequirePermission } from './decorators.js';
import { PermissionGuard } from './permission.guard.js';
import type { Principal, PrincipalResolver } from './principal.js';

class ProbeController {
  @Public() open(): void {}
  @RequirePermission('org:person:read' as never) read(): void {}
}

const caller: Principal = { userId: 'u-1', username: 'u', permissions: new Set(['org:person:read']), departmentIds: [], dataScope: combineGrants([]) };

function contextFor(handler: Function, authorization?: string): ExecutionContext {
  const request = { method: 'GET', headers: { authorization }, params: {} };
  return {
    getHandler: () => handler,
    getClass: () => ProbeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('PermissionGuard', () => {
  it('answers without a promise when nothing needs waiting for: a public route, a caller already known', () => {
    const known: PrincipalResolver = { resolve: () => caller };
    const guard = new PermissionGuard(new Reflector(), known);
    expect(guard.canActivate(contextFor(ProbeController.prototype.open))).toBe(true);
    expect(guard.canActivate(contextFor(ProbeController.prototype.read, 'Bearer x'))).toBe(true);
  });

  it('waits for a resolver that has to look the caller up, and still refuses one without the permission', async () => {
    const lookingUp: PrincipalResolver = { resolve: async () => ({ ...caller, permissions: new Set<string>() }) };
    const guard = new PermissionGuard(new Reflector(), lookingUp);
    const answer = guard.canActivate(contextFor(ProbeController.prototype.read, 'Bearer x'));
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).rejects.toThrow('You need the permission org:person:read for this');
    expect(() => new PermissionGuard(new Reflector(), { resolve: () => undefined }).canActivate(contextFor(ProbeController.prototype.read))).toThrow(/Sign in/);
  });
});
