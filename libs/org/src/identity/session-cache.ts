import { Injectable } from '@nestjs/common';
import { AccessNotifications } from './access-notifications.js';

export interface CachedSession {
  personId: string;
  username: string;
  expiresAt: number;
  checkedAt: number;
  /** The person's own access revision (`org.person.access_revision`) when it was read. */
  accessRevision: string;
}

const LIMIT = 50_000;
// A safety net only: notifications are what end a cached session.
const MAX_AGE_MS = 30_000;

/**
 * Sessions known to be valid, so a request need not ask the database again. An entry
 * is forgotten the moment the database announces a change to that session or its
 * person (and at once locally when this process revokes it), and everything is
 * forgotten whenever the announcements stop, so memory never outlives the truth by
 * more than the delivery of one notification.
 */
@Injectable()
export class SessionCache {
  private readonly sessions = new Map<string, CachedSession>();
  private revision: string | undefined;
  /** Moves on every invalidation, so an answer read before one is never remembered after it. */
  private epoch = 0;

  constructor(private readonly notifications: AccessNotifications) {
    notifications.subscribe((message) => this.onNotification(message));
  }

  /**
   * A still-valid session of this person, or undefined: then ask the database. The
   * revision is the structure's (announced) and the person's own (kept with the
   * session, which is forgotten when the person's revision moves).
   */
  get(sessionId: string, personId: string, now = Date.now()): { session: CachedSession; revision: string } | undefined {
    if (!this.notifications.live || this.revision === undefined) return undefined;
    const session = this.sessions.get(sessionId);
    if (!session || session.personId !== personId || session.expiresAt <= now || now - session.checkedAt > MAX_AGE_MS) return undefined;
    return { session, revision: accessRevision(this.revision, session.accessRevision) };
  }

  /** Take before reading the database; `remember` then refuses what an invalidation overtook. */
  ticket(): number {
    return this.epoch;
  }

  /** `structureRevision`: `org.access_revision` as read with the session. */
  remember(ticket: number, sessionId: string, session: CachedSession, structureRevision: string): void {
    if (!this.notifications.live || ticket !== this.epoch) return;
    if (this.sessions.size >= LIMIT) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(sessionId, session);
    this.revision ??= structureRevision;
  }

  forgetSession(sessionId: string): void {
    this.epoch += 1;
    this.sessions.delete(sessionId);
  }

  forgetPerson(personId: string): void {
    this.epoch += 1;
    for (const [sessionId, session] of this.sessions) if (session.personId === personId) this.sessions.delete(sessionId);
  }

  /**
   * This process changed the tree or a role's grants (what reaches everyone): read the
   * revision from the database again rather than wait for the announcement. A change
   * to one person's access is `forgetPerson`.
   */
  accessChanged(): void {
    this.epoch += 1;
    this.revision = undefined;
  }

  private onNotification(message: string): void {
    const [kind, value] = message.split(':');
    if (kind === 'session') this.forgetSession(value);
    else if (kind === 'person') this.forgetPerson(value);
    else if (kind === 'revision') {
      this.epoch += 1;
      this.revision = value;
    } else {
      this.epoch += 1;
      this.sessions.clear();
      this.revision = undefined;
    }
  }
}

/**
 * What a person's cached access is valid for: the structure's revision (the tree's
 * shape, roles' grants) and the person's own (their roles, posts, department, status).
 */
export function accessRevision(structure: string, person: string): string {
  return `${structure}.${person}`;
}

/** The structure's part of an `accessRevision`. */
export function structureRevisionOf(revision: string): string {
  const dot = revision.indexOf('.');
  return dot === -1 ? revision : revision.slice(0, dot);
}
