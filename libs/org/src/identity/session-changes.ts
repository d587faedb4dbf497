import { Injectable } from '@nestjs/common';
import type { SessionChange, SessionChanges } from '@zhongshu/platform';
import { AccessNotifications } from './access-notifications.js';
import { SessionCache } from './session-cache.js';

/**
 * The identity context's side of the platform's SESSION_CHANGES port: the database's
 * access announcements (`zhongshu_org_access`), told as session changes to what outlives
 * one request (the notification stream ends with the session it was opened in).
 */
@Injectable()
export class OrgSessionChanges implements SessionChanges {
  private readonly listeners = new Set<(change: SessionChange) => void>();

  // The cache is asked for only to be constructed first: it subscribes in its
  // constructor, so it forgets a revoked session before listeners here ask again.
  constructor(notifications: AccessNotifications, _cache: SessionCache) {
    notifications.subscribe((message) => this.tell(toChange(message)));
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function toChange(message: string): SessionChange {
  const separator = message.indexOf(':');
  const kind = separator < 0 ? message : message.slice(0, separator);
  const value = message.slice(separator + 1);
  if (kind === 'session') return { kind: 'session', sessionId: value };
  if (kind === 'person') return { kind: 'person', personId: value };
  if (kind === 'revision') return { kind: 'access' };
  return { kind: 'unknown' };
}
