import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'zhongshu:public';
export const PERMISSION = 'zhongshu:permission';

/** Opts a route out of authentication. Every other route needs a permission. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The permission code a route requires, `<context>:<resource>:<action>`. Shown in the
 * OpenAPI document as `x-permission` so the SPA and reviewers can see it.
 */
export const RequirePermission = (code: string): MethodDecorator & ClassDecorator => {
  if (!/^[a-z][a-z-]*:[a-z][a-z-]*:[a-z][a-z-]*$/.test(code)) {
    throw new Error(`Permission code "${code}" is not <context>:<resource>:<action> in lower-case`);
  }
  return applyDecorators(SetMetadata(PERMISSION, code), ApiBearerAuth(), ApiExtension('x-permission', code));
};
