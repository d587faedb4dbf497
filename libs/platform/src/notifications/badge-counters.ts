import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PermissionCode } from '@zhongshu/contracts';
import type { Principal } from '../auth/principal.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { WriteBatch } from '../database/write-batch.js';
import { sql } from '../paging/sql.js';
import { encodeSignals, NOTIFICATION_CHANNEL } from './notification-signal.js';

/**
 * A number a menu entry shows beside its title (the to-do count), registered by the
 * context that owns what it counts. `count` answers for one person on the manager it is
 * given (a read, no transaction of its own); it must stay cheap: it runs for each
 * `GET /platform/badges` and whenever a notification is written for the person.
 */
export interface BadgeCounter {
  /** `<context>.<what>`: `oa.todo`; menu entries name it as their `badge`. */
  key: string;
  /** Only people holding it see the count; absent means everyone signed in. */
  permission?: PermissionCode;
  count(userId: string, manager: EntityManager): Promise<number>;
}

export type BadgeCounts = Record<string, number>;

const KEY = /^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$/;

/**
 * The counters every context registered (in its `onModuleInit`), counted per person.
 * Counts reach the SPA through `GET /api/v1/platform/badges` and the notification
 * stream's `badges` events, which are sent when a notification is written for the
 * person, or when a context says their counts changed (`changed`).
 */
@Injectable()
export class BadgeCounters {
  private readonly logger = new Logger('BadgeCounters');
  private readonly counters = new Map<string, BadgeCounter>();

  constructor(private readonly uow: UnitOfWork) {}

  register(counter: BadgeCounter): void {
    if (!KEY.test(counter.key)) throw new Error(`Badge counter "${counter.key}" is not a key like "oa.todo"`);
    if (this.counters.has(counter.key)) throw new Error(`Badge counter "${counter.key}" is registered twice`);
    this.counters.set(counter.key, counter);
  }

  has(key: string): boolean {
    return this.counters.has(key);
  }

  /**
   * The person's counts of every counter they may see. A counter that fails is left out
   * (and logged) rather than failing the others: a badge is a hint, not a record.
   */
  async countsFor(principal: Pick<Principal, 'userId' | 'permissions'>): Promise<BadgeCounts> {
    const counts: BadgeCounts = {};
    for (const counter of this.counters.values()) {
      if (counter.permission !== undefined && !principal.permissions.has(counter.permission)) continue;
      try {
        counts[counter.key] = await counter.count(principal.userId, this.uow.manager);
      } catch (error) {
        this.logger.error(`badge counter ${counter.key} failed: ${String(error)}`);
      }
    }
    return counts;
  }

  /**
   * Tells these people's open screens to count again, on commit of the caller's
   * transaction (a task was approved: the approver's to-do count fell, with no
   * notification for them). Writing a notification does this by itself.
   */
  async changed(personIds: readonly string[]): Promise<void> {
    await this.changedIn(new WriteBatch(), personIds).run(this.uow.manager);
  }

  /** `changed`, as part of a batch of writes the caller sends in its transaction. */
  changedIn(batch: WriteBatch, personIds: readonly string[]): WriteBatch {
    const payloads = encodeSignals([...new Set(personIds)].map((recipientId) => ({ recipientId })));
    if (payloads.length > 0) batch.effect(sql`SELECT pg_notify(${NOTIFICATION_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`);
    return batch;
  }
}
