import { sendWithSession } from '../request'
import { SseParser } from '../sse'
import { NOTIFICATION_STREAM_PATH, type BadgeCounts, type NotificationEvent } from './notifications'

/** The stream's first event: the counts as they are when it opens. */
export interface StreamReady {
  unread: number
  badges: BadgeCounts
}

/** Why the server ended a stream (its last event). */
export type StreamEndReason = 'session-ended' | 'expired' | 'superseded' | 'shutdown'

/**
 * `connecting` until the server's `ready`, then `open`; `waiting` for the next attempt
 * after a failure; `paused` when a newer stream of the person (another tab) took this
 * one's place, until `resume()`; `stopped` by `stop()` or because the session is over.
 */
export type StreamState = 'connecting' | 'open' | 'waiting' | 'paused' | 'stopped'

export interface NotificationStreamHandlers {
  ready(data: StreamReady): void
  notification(data: NotificationEvent): void
  badges(counts: BadgeCounts): void
  state?(state: StreamState): void
}

export interface NotificationStreamOptions {
  /** The first retry's delay; each failure in a row doubles it, up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
  /** 0..1; spreads the reconnects of many browsers after a server restart. */
  random?: () => number
  /** The authenticated fetch (the request client's: bearer token, one refresh on 401). */
  fetch?: (request: Request) => Promise<Response>
}

/**
 * Reads `GET /api/v1/platform/notifications/stream` with fetch and a ReadableStream
 * (EventSource cannot send the Authorization header) and keeps it open: after a network
 * error, a server restart or the end of the stream it connects again after a backoff
 * (1 s, 2 s, 4 s … 30 s, jittered), reset once a stream opens. An access token that
 * expired is renewed by the request client's refresh on the next attempt; when the
 * session is over that refresh fails, the client ends the session, and a 401 or 403
 * stops the reader for good.
 */
export class NotificationStream {
  private state: StreamState = 'stopped'
  /** Moves on every start and stop, so a loop of an older start knows to give up. */
  private generation = 0
  private failures = 0
  private abort: AbortController | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly options: Required<NotificationStreamOptions>

  constructor(
    private readonly handlers: NotificationStreamHandlers,
    options: NotificationStreamOptions = {},
  ) {
    this.options = {
      initialDelayMs: options.initialDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      random: options.random ?? Math.random,
      fetch: options.fetch ?? sendWithSession,
    }
  }

  get current(): StreamState {
    return this.state
  }

  /** Connects unless already connected or connecting; a second call adds no second stream. */
  start(): void {
    if (this.state === 'connecting' || this.state === 'open' || this.state === 'waiting') return
    this.generation += 1
    this.failures = 0
    void this.connect(this.generation)
  }

  /** Connects again after another tab's stream took this one's place. */
  resume(): void {
    if (this.state === 'paused') this.start()
  }

  stop(): void {
    this.generation += 1
    this.clearTimer()
    this.abort?.abort()
    this.abort = null
    this.setState('stopped')
  }

  private async connect(generation: number): Promise<void> {
    this.setState('connecting')
    const abort = new AbortController()
    this.abort = abort
    let reason: StreamEndReason | undefined
    try {
      const response = await this.options.fetch(
        new Request(NOTIFICATION_STREAM_PATH, { headers: { Accept: 'text/event-stream' }, cache: 'no-store', signal: abort.signal }),
      )
      if (generation !== this.generation) return
      if (response.status === 401 || response.status === 403) {
        // The request client has already tried a refresh; there is no session to stream for.
        this.stop()
        return
      }
      if (!response.ok || response.body === null) throw new Error(`the stream answered ${response.status}`)
      reason = await this.read(response.body, generation)
    } catch {
      // Offline, the server went away, or the stream broke: try again below.
    }
    if (generation !== this.generation) return
    if (reason === 'superseded') {
      this.setState('paused')
      return
    }
    this.retry(generation)
  }

  /** Dispatches events until the body ends; answers the reason the server gave, if any. */
  private async read(body: ReadableStream<Uint8Array>, generation: number): Promise<StreamEndReason | undefined> {
    let reason: StreamEndReason | undefined
    const parser = new SseParser(({ event, data }) => {
      if (generation !== this.generation) return
      const payload: unknown = JSON.parse(data)
      if (event === 'ready') {
        this.failures = 0
        this.setState('open')
        this.handlers.ready(payload as StreamReady)
      } else if (event === 'notification') {
        this.handlers.notification(payload as NotificationEvent)
      } else if (event === 'badges') {
        this.handlers.badges(payload as BadgeCounts)
      } else if (event === 'end') {
        reason = (payload as { reason: StreamEndReason }).reason
      }
    })
    const reader = body.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.push(decoder.decode(value, { stream: true }))
      if (generation !== this.generation) {
        void reader.cancel()
        break
      }
    }
    return reason
  }

  private retry(generation: number): void {
    const { initialDelayMs, maxDelayMs, random } = this.options
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** this.failures) * (0.5 + random() / 2)
    this.failures += 1
    this.setState('waiting')
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      if (generation === this.generation) void this.connect(generation)
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private setState(state: StreamState): void {
    if (this.state === state) return
    this.state = state
    this.handlers.state?.(state)
  }
}
