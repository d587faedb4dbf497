export interface SseMessage {
  event: string;
  data: unknown;
}

/**
 * A client of a Server-Sent Events stream as the SPA reads one: `fetch` with the
 * Authorization header and the body read chunk by chunk. It keeps every event and
 * comment, and lets a test await the next event, a comment, or the end of the stream.
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  /** Resolves when the server ends the stream (or it breaks); never rejects. */
  readonly closed: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private done = false;
  private buffer = '';

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.closed = this.pump();
  }

  /** Opens the stream; answers once the headers have arrived (whatever the status). */
  static async open(url: string, authorization?: string): Promise<SseReader> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: authorization ? { authorization, accept: 'text/event-stream' } : {}, signal: abort.signal });
    return new SseReader(response, abort);
  }

  get ended(): boolean {
    return this.done;
  }

  /** The first event named `event` (after `after` of them were seen) matching `match`; waits for it. */
  async next(event: string, match: (data: never) => boolean = () => true, after = 0): Promise<SseMessage> {
    for (;;) {
      const found = this.messages.slice(after).find((message) => message.event === event && match(message.data as never));
      if (found) return found;
      if (this.done) throw new Error(`the stream ended without a "${event}" event; it sent ${JSON.stringify(this.messages)}`);
      await this.change();
    }
  }

  async nextComment(text: string): Promise<void> {
    while (!this.comments.includes(text)) {
      if (this.done) throw new Error(`the stream ended without the comment "${text}"`);
      await this.change();
    }
  }

  close(): void {
    this.abort.abort();
  }

  private change(): Promise<void> {
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  private tell(): void {
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }

  private async pump(): Promise<void> {
    const body = this.response.body;
    try {
      if (body) {
        const decoder = new TextDecoder();
        for await (const chunk of body) {
          this.buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          this.parse();
        }
      }
    } catch {
      // Aborted by the test, or the connection broke: either way the stream is over.
    } finally {
      this.done = true;
      this.tell();
    }
  }

  private parse(): void {
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('event: ')) event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      if (data.length > 0) this.messages.push({ event, data: JSON.parse(data.join('\n')) });
    }
    this.tell();
  }
}
