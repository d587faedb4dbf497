/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** The `event:` field, or `message` when the server named none. */
  event: string
  /** The `data:` lines, joined by line feeds. */
  data: string
  id?: string
}

/**
 * The WHATWG `text/event-stream` parser, fed text as it arrives. A chunk may end
 * anywhere (in a field name, between the CR and LF of one line break, in the middle of
 * an event): what is not yet a whole line waits for the next chunk. Lines end with
 * CRLF, LF or CR; `:` starts a comment; a blank line dispatches the event.
 */
export class SseParser {
  private pending = ''
  private skipLineFeed = false
  private started = false
  private event = ''
  private data: string[] = []
  private id: string | undefined

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly onComment: (text: string) => void = () => undefined,
  ) {}

  push(chunk: string): void {
    let text = chunk
    if (!this.started && text !== '') {
      this.started = true
      if (text.startsWith('\uFEFF')) text = text.slice(1)
    }
    // The CR that ended the previous chunk already ended its line; this LF is its pair.
    if (this.skipLineFeed && text.startsWith('\n')) text = text.slice(1)
    this.skipLineFeed = false
    let buffer = this.pending + text
    for (;;) {
      const end = buffer.search(/[\r\n]/)
      if (end < 0) break
      const line = buffer.slice(0, end)
      if (buffer[end] === '\r') {
        if (end + 1 === buffer.length) {
          this.skipLineFeed = true
          buffer = ''
        } else {
          buffer = buffer.slice(buffer[end + 1] === '\n' ? end + 2 : end + 1)
        }
      } else {
        buffer = buffer.slice(end + 1)
      }
      this.line(line)
    }
    this.pending = buffer
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch()
      return
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trimStart())
      return
    }
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') this.event = value
    else if (field === 'data') this.data.push(value)
    else if (field === 'id' && !value.includes('\0')) this.id = value
    // `retry` and unknown fields are ignored: reconnecting is the stream client's own policy.
  }

  private dispatch(): void {
    const event = this.event
    this.event = ''
    if (this.data.length === 0) return
    const data = this.data.join('\n')
    this.data = []
    this.onEvent({ event: event === '' ? 'message' : event, data, ...(this.id === undefined ? {} : { id: this.id }) })
  }
}
