import type { ServerResponse } from 'node:http';
import { HttpStatus, Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL_RESOLVER, SESSION_CHANGES, type Principal, type PrincipalResolver, type SessionChange, type SessionChanges } from '../auth/principal.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import { BadgeCounters, type BadgeCounts } from './badge-counters.js';
import { NotificationListener, type ListenerMessage } from './notification-listener.js';
import { Notifications, UNREAD_BADGE } from './notifications.service.js';
import { sseComment, sseEvent } from './sse.js';

/** How the streams behave; tests shorten the heartbeat through `NOTIFICATION_STREAM_SETTINGS`. */
export interface NotificationStreamSettings {
  /** Open streams one person may hold; opening one more ends their oldest. */
  perPerson: number;
  /** A comment is sent this often, so proxies and load balancers keep an idle stream open. */
  heartbeatMs: number;
  /** A client that reads nothing while this much is queued for it is cut off. */
  maxBufferedBytes: number;
  /** People whose events are worked out at once (each takes a pooled connection meanwhile). */
  concurrency: number;
}

export const NOTIFICATION_STREAM_SETTINGS = Symbol('NOTIFICATION_STREAM_SETTINGS');

const MAX_TIMER_MS = 2_147_483_647;

const DEFAULTS: NotificationStreamSettings = { perPerson: 5, heartbeatMs: 25_000, maxBufferedBytes: 1_048_576, concurrency: 4 };

/**
 * Why a stream ended, sent as its last event: `session-ended` (signed out, disabled, no
 * longer allowed), `expired` (the access token it was opened with ran out: open it again
 * with a fresh one), `superseded` (the person opened too many), `shutdown` (this server
 * is stopping: reconnect).
 */
export type StreamEndReason = 'session-ended' | 'expired' | 'superseded' | 'shutdown';

interface OpenStream {
  personId: string;
  principal: Principal;
  /** Access may have changed since `principal` was resolved: resolve again before counting. */
  stale: boolean;
  request: FastifyRequest;
  raw: ServerResponse;
  ended: boolean;
  expiry?: NodeJS.Timeout;
}

/** What is owed to one person's streams, gathered until it is sent. */
interface Owed {
  notificationIds: Set<string>;
  /** Their counts changed (or may have): send `badges`. */
  counts: boolean;
  /** Streams just opened that wait for their `ready`. */
  ready: Set<OpenStream>;
}

/**
 * The notification streams of this API process (`GET /api/v1/platform/notifications/stream`):
 * a map from person to their open streams, fed by the process's one LISTEN connection.
 * A signal for someone with no stream here costs a map lookup; for someone with one, a
 * read of the new rows and their counts, shared by all their streams (several signals
 * arriving meanwhile are sent as one). Streams end with the session (the identity
 * context's SESSION_CHANGES), with the access token they were opened with, and before
 * the server closes, so an open stream never holds a shutdown.
 */
@Injectable()
export class NotificationStreams implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationStreams');
  private readonly settings: NotificationStreamSettings;
  private readonly byPerson = new Map<string, OpenStream[]>();
  private readonly owed = new Map<string, Owed>();
  private readonly waiting: string[] = [];
  private readonly sending = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly notifications: Notifications,
    private readonly counters: BadgeCounters,
    private readonly listener: NotificationListener,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(PRINCIPAL_RESOLVER) private readonly principals?: PrincipalResolver,
    @Optional() @Inject(SESSION_CHANGES) private readonly sessions?: SessionChanges,
    @Optional() @Inject(NOTIFICATION_STREAM_SETTINGS) settings?: Partial<NotificationStreamSettings>,
  ) {
    this.settings = { ...DEFAULTS, ...settings };
  }

  onModuleInit(): void {
    this.unsubscribe.push(this.listener.subscribe((message) => this.onListener(message)));
    if (this.sessions) this.unsubscribe.push(this.sessions.subscribe((change) => this.onSessionChange(change)));
    // Nest ends the streams in onModuleDestroy before it closes the server; this covers
    // a close of the Fastify instance itself, whose server.close() would wait for them.
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    fastify?.addHook('preClose', (done) => {
      this.endAll();
      done();
    });
    this.heartbeat = setInterval(() => this.beat(), this.settings.heartbeatMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    this.endAll();
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** How many streams are open in this process (for tests and metrics). */
  get size(): number {
    let size = 0;
    for (const streams of this.byPerson.values()) size += streams.length;
    return size;
  }

  /** Takes over the reply and keeps it open as the person's event stream. */
  open(principal: Principal, request: FastifyRequest, reply: FastifyReply): void {
    if (this.closing) {
      throw new PlatformError(PlatformErrorCode.Unavailable, HttpStatus.SERVICE_UNAVAILABLE, 'The server is shutting down: connect again in a moment').retryAfter(1);
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx would otherwise buffer the stream and deliver events late, in bunches.
      'x-accel-buffering': 'no',
    });
    const stream: OpenStream = { personId: principal.userId, principal, stale: false, request, raw, ended: false };
    raw.on('close', () => this.forget(stream));
    raw.write(sseComment('connected'));
    const streams = this.byPerson.get(stream.personId) ?? [];
    while (streams.length >= this.settings.perPerson) this.end(streams[0], 'superseded');
    streams.push(stream);
    this.byPerson.set(stream.personId, streams);
    if (principal.session) {
      // setTimeout fires at once for delays past 2^31 - 1 ms (24.8 days): never wait longer.
      const wait = Math.min(Math.max(0, principal.session.validUntil - Date.now()), MAX_TIMER_MS);
      stream.expiry = setTimeout(() => this.end(stream, 'expired'), wait);
      stream.expiry.unref();
    }
    this.owe(stream.personId, (owed) => owed.ready.add(stream));
  }

  private onListener(message: ListenerMessage): void {
    if (message.kind === 'reset') {
      // Announcements made while the connection was down never arrived: count again.
      for (const personId of this.byPerson.keys()) this.owe(personId, (owed) => (owed.counts = true));
      return;
    }
    for (const signal of message.signals) {
      if (!this.byPerson.has(signal.recipientId)) continue;
      this.owe(signal.recipientId, (owed) => {
        owed.counts = true;
        if (signal.notificationId) owed.notificationIds.add(signal.notificationId);
      });
    }
  }

  private onSessionChange(change: SessionChange): void {
    // Told synchronously inside the identity context's own handling: check once it is done.
    setImmediate(() => {
      const all = [...this.byPerson.values()].flat();
      if (change.kind === 'access') {
        for (const stream of all) stream.stale = true;
        return;
      }
      const affected =
        change.kind === 'session'
          ? all.filter((stream) => stream.principal.session?.id === change.sessionId)
          : change.kind === 'person'
            ? all.filter((stream) => stream.personId === change.personId)
            : all;
      void this.recheck(affected);
    });
  }

  /** Asks the identity context again; a stream whose credentials no longer hold ends. */
  private async recheck(streams: readonly OpenStream[]): Promise<void> {
    for (const stream of streams) {
      if (stream.ended) continue;
      await this.revalidate(stream);
    }
  }

  private async revalidate(stream: OpenStream): Promise<boolean> {
    if (!this.principals) return true;
    let principal: Principal | undefined;
    try {
      principal = await this.principals.resolve(stream.request);
    } catch (error) {
      // Not knowing is not a reason to cut someone off; the next change asks again.
      this.logger.warn(`could not check a stream's session: ${String(error)}`);
      return true;
    }
    if (stream.ended) return false;
    if (!principal || principal.userId !== stream.personId) {
      this.end(stream, 'session-ended');
      return false;
    }
    stream.principal = principal;
    stream.stale = false;
    return true;
  }

  private owe(personId: string, add: (owed: Owed) => void): void {
    let owed = this.owed.get(personId);
    if (!owed) {
      owed = { notificationIds: new Set(), counts: false, ready: new Set() };
      this.owed.set(personId, owed);
      if (!this.sending.has(personId)) this.waiting.push(personId);
    }
    add(owed);
    this.pump();
  }

  private pump(): void {
    while (this.sending.size < this.settings.concurrency && this.waiting.length > 0) {
      const personId = this.waiting.shift() as string;
      this.sending.add(personId);
      void this.sendOwed(personId).finally(() => {
        this.sending.delete(personId);
        // Owed again while the last send finished: it waits its turn like anyone else.
        if (this.owed.has(personId)) this.waiting.push(personId);
        this.pump();
      });
    }
  }

  private async sendOwed(personId: string): Promise<void> {
    for (let owed = this.owed.get(personId); owed; owed = this.owed.get(personId)) {
      this.owed.delete(personId);
      try {
        await this.deliver(personId, owed);
      } catch (error) {
        this.logger.error(`notification events for a person failed: ${String(error)}`);
      }
    }
  }

  private async deliver(personId: string, owed: Owed): Promise<void> {
    const principal = await this.currentPrincipal(personId);
    if (!principal) return;
    const [items, badges] = await Promise.all([this.notifications.ofRecipient(personId, [...owed.notificationIds]), this.counters.countsFor(principal)]);
    const unread = badges[UNREAD_BADGE] ?? (await this.notifications.unreadCount(personId));
    const news = items.length > 0 ? sseEvent('notification', { items, unread }) : '';
    const ready = sseEvent('ready', { unread, badges } satisfies { unread: number; badges: BadgeCounts });
    const counts = owed.counts ? sseEvent('badges', badges) : '';
    for (const stream of this.byPerson.get(personId) ?? []) {
      this.write(stream, owed.ready.has(stream) ? news + ready : news + counts);
    }
  }

  /** The principal of the person's newest stream, checked again if access changed since. */
  private async currentPrincipal(personId: string): Promise<Principal | undefined> {
    for (;;) {
      const streams = this.byPerson.get(personId);
      const newest = streams?.[streams.length - 1];
      if (!newest) return undefined;
      if (!newest.stale || (await this.revalidate(newest))) return newest.principal;
    }
  }

  private write(stream: OpenStream, frame: string): void {
    if (stream.ended || frame === '') return;
    if (stream.raw.writableLength > this.settings.maxBufferedBytes) {
      // The client reads nothing: queueing more only costs this process memory.
      stream.raw.destroy();
      this.forget(stream);
      return;
    }
    stream.raw.write(frame);
  }

  private beat(): void {
    const frame = sseComment('heartbeat');
    for (const streams of this.byPerson.values()) for (const stream of streams) this.write(stream, frame);
  }

  private end(stream: OpenStream, reason: StreamEndReason): void {
    if (stream.ended) return;
    this.write(stream, sseEvent('end', { reason }));
    stream.ended = true;
    stream.raw.end();
    this.forget(stream);
  }

  private forget(stream: OpenStream): void {
    stream.ended = true;
    if (stream.expiry) clearTimeout(stream.expiry);
    const streams = this.byPerson.get(stream.personId);
    if (!streams) return;
    const index = streams.indexOf(stream);
    if (index >= 0) streams.splice(index, 1);
    if (streams.length === 0) this.byPerson.delete(stream.personId);
  }

  private endAll(): void {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const streams of [...this.byPerson.values()]) for (const stream of [...streams]) this.end(stream, 'shutdown');
  }
}
