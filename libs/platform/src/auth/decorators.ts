import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { PermissionCode } from '@zhongshu/contracts';

export const IS_PUBLIC = 'zhongshu:public';
export const PERMISSION = 'zhongshu:permission';

/** Opts a route out of authentication. Every other route needs a permission. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The permission a route requires: one of the declared codes (`OrgPermission.PersonRead`
 * from libs/contracts), so a typo does not compile. Shown in the OpenAPI document as
 * `x-permission` so the SPA and reviewers can see it.
 */
export const RequirePermission = (code: PermissionCode): MethodDecorator & ClassDecorator => {
  return applyDecorators(SetMetadata(PERMISSION, code), ApiBearerAuth(), ApiExtension('x-permission', code));
};
