import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { PERMISSION } from '../auth/decorators.js';
import { DomainError } from '../errors/domain-error.js';
import { AUDIT_ACTION, AUDITED_BY_HANDLER } from './audit.decorators.js';
import { AuditScope } from './audit-scope.js';
import { AuditTrail, type AuditRecord } from './audit-trail.service.js';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request leaves a `request` row: who asked, for what, on which
 * record, and whether it worked. The change rows (old and new values) are written by
 * the database in the handler's own transaction; this names the action they belong to.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (READ_ONLY_METHODS.has(request.method)) return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    const permission = this.reflector.getAllAndOverride<string | undefined>(PERMISSION, targets);
    const action =
      this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets) ?? permission ?? `${request.method} ${request.routeOptions.url ?? request.url}`;
    const byHandler = this.reflector.getAllAndOverride<boolean | undefined>(AUDITED_BY_HANDLER, targets) === true;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const base: Omit<AuditRecord, 'outcome'> = {
      kind: 'request',
      action,
      entityType: permission ? permission.split(':').slice(0, 2).join('.') : null,
      entityId: params.id ?? null,
    };
    const store = { action, actorUsername: request.principal?.username };
    const write = async (outcome: AuditRecord['outcome'], detail?: string): Promise<void> => {
      try {
        await this.trail.record({ ...base, outcome, detail, actorUsername: store.actorUsername });
      } catch (error) {
        this.logger.error(`could not write the audit row for ${action}: ${String(error)}`);
        throw error;
      }
    };
    return new Observable((subscriber) =>
      AuditScope.run(store, () =>
        next
          .handle()
          .pipe(
            mergeMap((value) => (byHandler ? [value] : from(write('success').then(() => value)))),
            catchError((error: unknown) =>
              byHandler ? throwError(() => error) : from(write('failure', describe(error))).pipe(mergeMap(() => throwError(() => error))),
            ),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.status} ${error.context}.${error.code}: ${error.detail}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
