import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from '@zhongshu/platform';

/**
 * passport-local behind the login route. Guards run before validation pipes, so a
 * missing field is refused here as a 400 rather than passport's bare 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext): ReturnType<ReturnType<typeof AuthGuard>['prototype']['canActivate']> {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body as Record<string, unknown> | undefined;
    const errors = ['username', 'password'].flatMap((field) => {
      const value = body?.[field];
      if (value === undefined || value === null || value === '') return [{ field, message: 'is required' }];
      return typeof value === 'string' ? [] : [{ field, message: 'must be a string' }];
    });
    if (errors.length > 0) throw new RequestValidationError(errors);
    return super.canActivate(context);
  }
}
