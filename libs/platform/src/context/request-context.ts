import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request row of a state-changing request: written in the request's transaction,
 * just before it commits, so a change is never committed without it; or once the
 * answer is known when the request changed nothing or failed.
 */
export interface RequestAudit {
  entityType: string | null;
  entityId: string | null;
  /** The handler writes its own, richer rows (sign-in): no request row. */
  byHandler: boolean;
  /** Set once a transaction carried the row. */
  recorded: boolean;
  /** Why the request failed, once it has (set by the error filter). */
  failure?: string;
}

/**
 * What is known about the work in progress: which request (or job) it belongs to, who
 * is acting, under which action, and the correlation id that ties everything done for
 * one deal together. Logs, audit rows, entity `created_by` and outgoing events all read
 * it from here. One store per request or job: the audit trail's facts live in it too.
 */
export interface RequestContextStore {
  requestId: string;
  /** Made by the server (a request's, or the flow's it continues): never taken from a client. */
  correlationId: string;
  causationId?: string;
  actorId?: string;
  ip?: string;
  userAgent?: string;
  /** A correlation id the client sent (x-correlation-id): kept for tracing, never joined to a flow. */
  clientCorrelationId?: string;
  /** The audit action of the work: a route's permission, `event:<handler>`, `platform:seed:demo`. */
  action?: string;
  actorUsername?: string;
  requestAudit?: RequestAudit;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, work: () => T): T {
    return storage.run(store, work);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  actorId(): string | undefined {
    return storage.getStore()?.actorId;
  },
  /** Records the authenticated actor once the auth guard has identified them. */
  setActor(actorId: string, username?: string): void {
    const store = storage.getStore();
    if (!store) return;
    store.actorId = actorId;
    if (username !== undefined) store.actorUsername = username;
  },
};
