import { AsyncLocalStorage } from 'node:async_hooks';
import { RequestContext } from '../context/request-context.js';

/** What the audit trail knows about the request being served, beyond the request context. */
interface AuditScopeStore {
  action: string;
  actorUsername?: string;
}

const storage = new AsyncLocalStorage<AuditScopeStore>();

export const AuditScope = {
  run<T>(store: AuditScopeStore, work: () => T): T {
    return storage.run(store, work);
  },
  current(): AuditScopeStore | undefined {
    return storage.getStore();
  },
  /** A sign-in names its actor only once the password checked out. */
  setActorUsername(username: string): void {
    const store = storage.getStore();
    if (store) store.actorUsername = username;
  },
};

/**
 * The JSON the change trigger reads from `current_setting('zhongshu.audit')`, or
 * undefined when there is nothing to say (no request, no job).
 */
export function auditSettings(): string | undefined {
  const context = RequestContext.current();
  const scope = storage.getStore();
  if (!context && !scope) return undefined;
  return JSON.stringify({
    actorId: context?.actorId ?? null,
    actorUsername: scope?.actorUsername ?? null,
    ip: context?.ip ?? null,
    userAgent: context?.userAgent ?? null,
    requestId: context?.requestId ?? null,
    correlationId: context?.correlationId ?? null,
    causationId: context?.causationId ?? null,
    action: scope?.action ?? null,
  });
}
