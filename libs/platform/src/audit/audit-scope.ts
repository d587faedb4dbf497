import { randomUUID } from 'node:crypto';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';

/**
 * The audit trail's view of the request context: the action the work is done under
 * and the acting user's name. Kept in the one request-context store, so entering it
 * for a job (`event:<handler>`) copies the job's ids along.
 */
export const AuditScope = {
  run<T>(fields: { action: string; actorUsername?: string }, work: () => T): T {
    const current: RequestContextStore = RequestContext.current() ?? { requestId: randomUUID(), correlationId: randomUUID() };
    return RequestContext.run({ ...current, ...fields }, work);
  },
  current(): { action?: string; actorUsername?: string } | undefined {
    const store = RequestContext.current();
    return store && { action: store.action, actorUsername: store.actorUsername };
  },
  /** A sign-in names its actor only once the password checked out. */
  setActorUsername(username: string): void {
    const store = RequestContext.current();
    if (store) store.actorUsername = username;
  },
};

/**
 * The JSON the change trigger reads from `current_setting('zhongshu.audit')`, or
 * undefined when there is nothing to say (no request, no job).
 */
export function auditSettings(): string | undefined {
  const context = RequestContext.current();
  if (!context) return undefined;
  return JSON.stringify({
    actorId: context.actorId ?? null,
    actorUsername: context.actorUsername ?? null,
    ip: context.ip ?? null,
    userAgent: context.userAgent ?? null,
    requestId: context.requestId,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    action: context.action ?? null,
  });
}
