import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PlatformPermission } from '@zhongshu/contracts';
import { readTogether } from '../database/read-together.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { newId } from '../database/ids.js';
import { WriteBatch } from '../database/write-batch.js';
import { sql } from '../paging/sql.js';
import { PlatformError } from '../errors/domain-error.js';
import { BadgeCounters } from './badge-counters.js';
import { encodeSignals, NOTIFICATION_CHANNEL } from './notification-signal.js';

/** One notification to write: whom it is for, what happened, where to look. */
export interface NotificationInput {
  recipientId: string;
  /** `<context>.<what>`: `oa.task.assigned`, `oa.request.approved`, `oa.request.returned`. */
  kind: string;
  /** One line the bell shows ("张伟 请你审批：用车申请 OA-2026-000012"). */
  title: string;
  body?: string | null;
  /** The SPA path that shows the matter (`/oa/requests/…`). */
  link?: string | null;
  /** The record it is about (`oa.request`, its id), for filtering and clean-up. */
  sourceType?: string | null;
  sourceId?: string | null;
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A page of one person's notifications, newest first, with their unread count. */
export interface NotificationPage {
  items: NotificationRow[];
  unread: number;
  /** How many there are in all pages (of the unread ones, when only those are asked for). */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextBefore: string | null;
}

const MAX_PAGE = 100;

/** The platform's own badge: the person's unread notifications. */
export const UNREAD_BADGE = 'notifications.unread';

/**
 * The platform's in-app notifications. `notify` writes in the caller's transaction (a
 * task and its notification commit together, or neither) and announces the new rows on
 * `zhongshu_notification` in the same statement, so every API process learns of them on
 * commit, whichever process wrote them (NotificationStreams pushes them to open
 * screens); listeners in this process are also told after the commit.
 */
@Injectable()
export class Notifications implements OnModuleInit {
  private readonly listeners = new Set<(recipientIds: readonly string[]) => void>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly counters: BadgeCounters,
  ) {}

  onModuleInit(): void {
    this.counters.register({ key: UNREAD_BADGE, permission: PlatformPermission.NotificationRead, count: (userId) => this.unreadCount(userId) });
  }

  async notify(input: NotificationInput | readonly NotificationInput[]): Promise<void> {
    await this.write(new WriteBatch(), input).run(this.uow.manager);
  }

  /**
   * Adds the notifications to a batch of writes the caller sends in its transaction
   * (one statement for any number of recipients, the announcement included: NOTIFY is
   * transactional, so it is delivered on commit and never for a rollback).
   */
  write(batch: WriteBatch, input: NotificationInput | readonly NotificationInput[]): WriteBatch {
    const entries = Array.isArray(input) ? (input as readonly NotificationInput[]) : [input as NotificationInput];
    if (entries.length === 0) return batch;
    const columns = { ids: [] as string[], recipients: [] as string[], kinds: [] as string[], titles: [] as string[], bodies: [] as Array<string | null>, links: [] as Array<string | null>, types: [] as Array<string | null>, sources: [] as Array<string | null> };
    for (const entry of entries) {
      columns.ids.push(newId());
      columns.recipients.push(entry.recipientId);
      columns.kinds.push(entry.kind);
      columns.titles.push(entry.title.slice(0, 200));
      columns.bodies.push(entry.body?.slice(0, 2000) ?? null);
      columns.links.push(entry.link ?? null);
      columns.types.push(entry.sourceType ?? null);
      columns.sources.push(entry.sourceId ?? null);
    }
    const signals = encodeSignals(columns.ids.map((id, index) => ({ recipientId: columns.recipients[index], notificationId: id })));
    batch.write(sql`INSERT INTO platform.notification (id, recipient_id, kind, title, body, link, source_type, source_id)
      SELECT * FROM unnest(${columns.ids}::uuid[], ${columns.recipients}::uuid[], ${columns.kinds}::text[], ${columns.titles}::text[], ${columns.bodies}::text[],
                           ${columns.links}::text[], ${columns.types}::text[], ${columns.sources}::text[])`);
    batch.effect(sql`SELECT pg_notify(${NOTIFICATION_CHANNEL}, payload) FROM unnest(${signals}::text[]) AS payload`);
    const recipients = [...new Set(columns.recipients)];
    this.uow.afterCommit(() => {
      for (const listener of this.listeners) listener(recipients);
    });
    return batch;
  }

  /** Called after a commit that wrote notifications for these people (this process only). */
  onNotified(listener: (recipientIds: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async page(recipientId: string, options: { unreadOnly?: boolean; before?: string; limit?: number } = {}): Promise<NotificationPage> {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), MAX_PAGE);
    const parameters: unknown[] = [recipientId, limit + 1];
    let where = 'recipient_id = $1';
    if (options.unreadOnly) where += ' AND read_at IS NULL';
    if (options.before) {
      // Ids are UUIDv7, made in time order: the id alone orders the list and is the cursor.
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(options.before)) {
        throw PlatformError.invalidQuery('The cursor "before" is not one this list gave out', [{ field: 'before', message: 'is not a valid cursor' }]);
      }
      parameters.push(options.before);
      where += ' AND id < $3::uuid';
    }
    const [rows, [count]] = await readTogether(this.uow.manager, [
      () => this.uow.manager.query(
        `SELECT id, kind, title, body, link, source_type, source_id, created_at, read_at
           FROM platform.notification WHERE ${where} ORDER BY id DESC LIMIT $2`,
        parameters,
      ) as Promise<Array<Record<string, unknown>>>,
      () => this.uow.manager.query(
        'SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread, count(*)::int AS total FROM platform.notification WHERE recipient_id = $1',
        [recipientId],
      ) as Promise<Array<{ unread: number; total: number }>>]);
    const items = rows.slice(0, limit).map(toRow);
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, unread: count.unread, total: options.unreadOnly ? count.unread : count.total, nextBefore: last ? last.id : null };
  }

  /** These notifications of the person (the ones a signal announced), newest first; another's are left out. */
  async ofRecipient(recipientId: string, ids: readonly string[]): Promise<NotificationRow[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      `SELECT id, kind, title, body, link, source_type, source_id, created_at, read_at
         FROM platform.notification WHERE id = ANY($1::uuid[]) AND recipient_id = $2 ORDER BY id DESC`,
      [ids, recipientId],
    );
    return rows.map(toRow);
  }

  async unreadCount(recipientId: string): Promise<number> {
    const [row] = await this.uow.manager.query('SELECT count(*)::int AS n FROM platform.notification WHERE recipient_id = $1 AND read_at IS NULL', [recipientId]);
    return row.n as number;
  }

  /** Marks one of the person's own notifications read; another's answers as missing. */
  async markRead(recipientId: string, id: string): Promise<void> {
    // A CTE so the driver answers rows (a bare UPDATE answers [rows, count]); the
    // person's other screens are told to count again when it commits.
    const rows = await this.uow.manager.query(
      `WITH marked AS (UPDATE platform.notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING id)
       SELECT id, pg_notify($3, $2::text) FROM marked`,
      [id, recipientId, NOTIFICATION_CHANNEL],
    );
    if (rows.length === 0) throw PlatformError.notFound('Notification', id);
  }

  /** Marks everything the person has read (optionally only about one record). */
  async markAllRead(recipientId: string, source?: { type: string; id: string }): Promise<number> {
    const [row] = await this.uow.manager.query(
      `WITH marked AS (
         UPDATE platform.notification SET read_at = now()
          WHERE recipient_id = $1 AND read_at IS NULL AND ($2::text IS NULL OR (source_type = $2 AND source_id = $3))
          RETURNING id),
       counted AS (SELECT count(*)::int AS n FROM marked)
       SELECT n FROM counted LEFT JOIN LATERAL (SELECT pg_notify($4, $1::text) WHERE n > 0) AS told ON true`,
      [recipientId, source?.type ?? null, source?.id ?? null, NOTIFICATION_CHANNEL],
    );
    return row.n as number;
  }
}

function toRow(row: Record<string, unknown>): NotificationRow {
  return {
    id: row.id as string,
    kind: row.kind as string,
    title: row.title as string,
    body: (row.body as string | null) ?? null,
    link: (row.link as string | null) ?? null,
    sourceType: (row.source_type as string | null) ?? null,
    sourceId: (row.source_id as string | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    readAt: row.read_at ? (row.read_at as Date).toISOString() : null,
  };
}
