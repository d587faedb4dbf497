import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What is known about the work in progress: which request (or job) it belongs to, who
 * is acting, and the correlation id that ties everything done for one deal together.
 * Logs, audit rows, entity `created_by` and outgoing events all read it from here.
 */
export interface RequestContextStore {
  requestId: string;
  correlationId: string;
  causationId?: string;
  actorId?: string;
  ip?: string;
  userAgent?: string;
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
  setActor(actorId: string): void {
    const store = storage.getStore();
    if (store) store.actorId = actorId;
  },
};
