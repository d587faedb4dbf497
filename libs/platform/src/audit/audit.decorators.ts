import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'zhongshu:audit-action';
export const AUDITED_BY_HANDLER = 'zhongshu:audited-by-handler';

/** Names the action in the audit trail when the permission code does not fit (public routes). */
export const AuditAction = (action: string): MethodDecorator & ClassDecorator => SetMetadata(AUDIT_ACTION, action);

/**
 * The handler writes its own, richer audit rows (sign-in records the outcome and
 * the username tried), so the interceptor adds no request row of its own.
 */
export const AuditedByHandler = (): MethodDecorator & ClassDecorator => SetMetadata(AUDITED_BY_HANDLER, true);
