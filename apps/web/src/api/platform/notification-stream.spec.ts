import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { connectSession } from '@/api/request'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { fakeNotificationStreams } from '@/testing/notification-stream'
import { NotificationStream, type NotificationStreamHandlers, type StreamState } from './notification-stream'

const ITEM = {
  id: '0190a000-0000-7000-8000-0000000000a1',
  kind: 'oa.task.assigned',
  title: '张伟 请你审批：用车申请 OA-2026-000012',
  body: null,
  link: '/oa/requests/12',
  sourceType: null,
  sourceId: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  readAt: null,
}

function recorder() {
  const seen: Array<[string, unknown]> = []
  const states: StreamState[] = []
  const handlers: NotificationStreamHandlers = {
    ready: (data) => seen.push(['ready', data]),
    notification: (data) => seen.push(['notification', data]),
    badges: (counts) => seen.push(['badges', counts]),
    state: (state) => states.push(state),
  }
  return { seen, states, handlers }
}

function signedIn(refresh: () => boolean = () => true) {
  const session = { access: 'access-1', expired: false }
  connectSession({
    accessToken: () => session.access,
    refreshToken: () => 'refresh-1',
    renew: (tokens) => {
      session.access = tokens.accessToken
    },
    expire: () => {
      session.expired = true
    },
  })
  return { session, refresh }
}

// No jitter: the delays below are exactly 1 s, 2 s, 4 s.
const noJitter = { random: () => 1 }

afterEach(() => {
  vi.useRealTimers()
})

describe('NotificationStream', () => {
  it('reads the events with the session\'s bearer token, whatever chunks they arrive in', async () => {
    signedIn()
    const streams = fakeNotificationStreams()
    const server = fakeServer(streams.routes)
    const { seen, states, handlers } = recorder()
    const stream = new NotificationStream(handlers, noJitter)
    stream.start()
    await vi.waitFor(() => expect(streams.count).toBe(1))

    const text = `: connected\n\nevent: ready\ndata: {"unread":2,"badges":{"notifications.unread":2}}\n\nevent: notification\ndata: ${JSON.stringify({ items: [ITEM], unread: 3 })}\r\n\r\nevent: badges\ndata: {"notifications.unread":3,"oa.todo":1}\n\n`
    // Cut inside a field name, inside a CRLF, inside the JSON (a multi-byte character too).
    for (const part of [text.slice(0, 17), text.slice(17, 160), text.slice(160, 161), text.slice(161)]) streams.write(part)
    await vi.waitFor(() => expect(seen).toHaveLength(3))

    expect(seen).toEqual([
      ['ready', { unread: 2, badges: { 'notifications.unread': 2 } }],
      ['notification', { items: [ITEM], unread: 3 }],
      ['badges', { 'notifications.unread': 3, 'oa.todo': 1 }],
    ])
    expect(states).toEqual(['connecting', 'open'])
    const [request] = server.callsTo('GET /api/v1/platform/notifications/stream')
    expect(request!.headers.get('Authorization')).toBe('Bearer access-1')
    expect(request!.headers.get('Accept')).toBe('text/event-stream')
    stream.stop()
  })

  it('connects again after a network error, backing off 1 s, 2 s, 4 s, and from 1 s again once a stream opened', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    signedIn()
    const streams = fakeNotificationStreams()
    let offline = 0
    fakeServer({
      'GET /api/v1/platform/notifications/stream': (request) => {
        if (offline > 0) {
          offline -= 1
          throw new TypeError('Failed to fetch')
        }
        return streams.routes['GET /api/v1/platform/notifications/stream']!(request)
      },
    })
    const { states, handlers } = recorder()
    const stream = new NotificationStream(handlers, noJitter)
    offline = 3
    stream.start()
    await flushPromises()
    expect(stream.current).toBe('waiting')

    // Each wait ends a moment later than the last: nothing is asked before its time.
    for (const delay of [1_000, 2_000, 4_000]) {
      const asked = streams.count
      await vi.advanceTimersByTimeAsync(delay - 1)
      expect(streams.count).toBe(asked)
      await vi.advanceTimersByTimeAsync(1)
      await flushPromises()
    }
    expect(streams.count).toBe(1)
    streams.ready(0)
    await vi.waitFor(() => expect(stream.current).toBe('open'))

    // The server restarts: the stream breaks, and the first retry waits 1 s again.
    streams.fail()
    await flushPromises()
    expect(stream.current).toBe('waiting')
    await vi.advanceTimersByTimeAsync(999)
    expect(streams.count).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    await flushPromises()
    expect(streams.count).toBe(2)
    expect(states.filter((state) => state === 'open')).toHaveLength(1)
    stream.stop()
  })

  it('opens again when the server ends the stream (shutting down, or the token it was opened with expired)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    signedIn()
    const streams = fakeNotificationStreams()
    fakeServer(streams.routes)
    const stream = new NotificationStream(recorder().handlers, noJitter)
    stream.start()
    await flushPromises()
    streams.ready(1)
    await flushPromises()
    streams.end('expired')
    await flushPromises()
    expect(stream.current).toBe('waiting')
    await vi.advanceTimersByTimeAsync(1_000)
    await flushPromises()
    expect(streams.count).toBe(2)
    stream.stop()
  })

  it('stops for good when the session is over: the refresh is refused, the session ends, no retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { session } = signedIn()
    const server = fakeServer({
      'GET /api/v1/platform/notifications/stream': () => problemResponse(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => problemResponse(401, 'Unauthorized', { code: 'org.invalid-refresh-token' }),
    })
    const stream = new NotificationStream(recorder().handlers, noJitter)
    stream.start()
    await vi.waitFor(() => expect(stream.current).toBe('stopped'))

    expect(session.expired).toBe(true)
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.callsTo('GET /api/v1/platform/notifications/stream')).toHaveLength(1)
  })

  it('renews an expired access token through the request client and opens with the new one', async () => {
    const { session } = signedIn()
    const streams = fakeNotificationStreams()
    const server = fakeServer({
      'GET /api/v1/platform/notifications/stream': (request) =>
        request.headers.get('Authorization') === 'Bearer access-2'
          ? streams.routes['GET /api/v1/platform/notifications/stream']!(request)
          : problemResponse(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => jsonResponse(200, { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 }),
    })
    const stream = new NotificationStream(recorder().handlers, noJitter)
    stream.start()
    await vi.waitFor(() => expect(streams.count).toBe(1))
    expect(session.access).toBe('access-2')
    expect(server.callsTo('GET /api/v1/platform/notifications/stream')).toHaveLength(2)
    stream.stop()
  })

  it('stop() closes the open stream and nothing opens another; start() twice opens one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    signedIn()
    const streams = fakeNotificationStreams()
    fakeServer(streams.routes)
    const { seen, handlers } = recorder()
    const stream = new NotificationStream(handlers, noJitter)
    stream.start()
    stream.start()
    await flushPromises()
    expect(streams.count).toBe(1)

    stream.stop()
    await flushPromises()
    expect(streams.open).toBe(0)
    expect(stream.current).toBe('stopped')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(streams.count).toBe(1)
    expect(seen).toEqual([])
  })

  it('pauses when another tab\'s stream takes its place, until resumed', async () => {
    signedIn()
    const streams = fakeNotificationStreams()
    fakeServer(streams.routes)
    const stream = new NotificationStream(recorder().handlers, noJitter)
    stream.start()
    await vi.waitFor(() => expect(streams.count).toBe(1))
    streams.ready(0)
    streams.end('superseded')
    await vi.waitFor(() => expect(stream.current).toBe('paused'))
    expect(streams.count).toBe(1)

    stream.resume()
    await vi.waitFor(() => expect(streams.count).toBe(2))
    stream.stop()
  })
})
