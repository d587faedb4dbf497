/**
 * Server-Sent Events framing (the WHATWG `text/event-stream` format). Data is JSON on
 * one line: JSON.stringify escapes line breaks inside strings, so a title can never end
 * an event early or inject a field.
 */
export function sseEvent(event: string, data: unknown): string {
  if (!/^[a-z][a-z-]*$/.test(event)) throw new Error(`"${event}" is not an event name`);
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: clients ignore it, proxies and load balancers see the connection is alive. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
