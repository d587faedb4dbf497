import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { PermissionCode } from '@zhongshu/contracts';

export const IS_PUBLIC = 'zhongshu:public';
export const PERMISSION = 'zhongshu:permission';

/** Mirrors `@Public()` into the route's Fastify config, where hooks that run before Nest's guard read it. */
export const PUBLIC_ROUTE = 'zhongshuPublic';

function markPublicRoute(handler: unknown): void {
  if (typeof handler !== 'function') return;
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [PUBLIC_ROUTE]: true }, handler);
}

/**
 * Opts a route (or every route of a controller) out of authentication. Every other
 * route needs a permission, and one that takes a body is authenticated before the body
 * is read (`http/authenticate-before-body.ts`).
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      SetMetadata(IS_PUBLIC, true)(target, key as string | symbol, descriptor);
      markPublicRoute(descriptor.value);
      return descriptor;
    }
    SetMetadata(IS_PUBLIC, true)(target as Function);
    const prototype = (target as Function).prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor') markPublicRoute(Object.getOwnPropertyDescriptor(prototype, name)?.value);
    }
    return undefined;
  }) as MethodDecorator & ClassDecorator;

/**
 * The permission a route requires: one of the declared codes (`OrgPermission.PersonRead`
 * from libs/contracts), so a typo does not compile. Shown in the OpenAPI document as
 * `x-permission` so the SPA and reviewers can see it.
 */
export const RequirePermission = (code: PermissionCode): MethodDecorator & ClassDecorator => {
  return applyDecorators(SetMetadata(PERMISSION, code), ApiBearerAuth(), ApiExtension('x-permission', code));
};
