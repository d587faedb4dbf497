import { jsonResponse, type Route } from './fake-server'

/**
 * The server's side of GET /api/v1/platform/notifications/stream for specs: each
 * request opens a stream the spec writes events into (`send`), ends (`end`) or breaks
 * (`fail`), and GET /api/v1/platform/badges answers `counts`.
 */
export function fakeNotificationStreams(counts: Record<string, number> = { 'notifications.unread': 0 }) {
  const encoder = new TextEncoder()
  const opened: ReadableStreamDefaultController<Uint8Array>[] = []
  const closed = new Set<ReadableStreamDefaultController<Uint8Array>>()
  const latest = () => {
    const stream = opened[opened.length - 1]
    if (stream === undefined) throw new Error('no notification stream was opened')
    return stream
  }
  const write = (text: string, stream = latest()) => {
    if (!closed.has(stream)) stream.enqueue(encoder.encode(text))
  }
  const routes: Record<string, Route> = {
    'GET /api/v1/platform/badges': () => jsonResponse(200, { counts }),
    'GET /api/v1/platform/notifications/stream': (request) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            opened.push(controller)
            request.signal.addEventListener('abort', () => {
              if (closed.has(controller)) return
              closed.add(controller)
              controller.error(new DOMException('aborted', 'AbortError'))
            })
          },
        }),
        { status: 200, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } },
      ),
  }
  return {
    routes,
    /** Streams opened so far (each reconnect opens one more). */
    get count() {
      return opened.length
    },
    /** Streams the client has not aborted and the server has not ended. */
    get open() {
      return opened.filter((stream) => !closed.has(stream)).length
    },
    /** Writes raw text (for chunk boundaries) into the newest stream. */
    write,
    send(event: string, data: unknown) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    },
    ready(unread: number, badges: Record<string, number> = { 'notifications.unread': unread }) {
      write(`: connected\n\nevent: ready\ndata: ${JSON.stringify({ unread, badges })}\n\n`)
    },
    /** The server ends the newest stream, saying why. */
    end(reason: string) {
      const stream = latest()
      write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`, stream)
      closed.add(stream)
      stream.close()
    },
    /** The connection breaks (network error, server restart). */
    fail() {
      const stream = latest()
      closed.add(stream)
      stream.error(new TypeError('network error'))
    },
  }
}
