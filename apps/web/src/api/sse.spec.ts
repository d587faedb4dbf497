import { describe, expect, it } from 'vitest'
import { SseParser, type SseEvent } from './sse'

function parse(chunks: string[]): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = []
  const comments: string[] = []
  const parser = new SseParser((event) => events.push(event), (text) => comments.push(text))
  for (const chunk of chunks) parser.push(chunk)
  return { events, comments }
}

const STREAM = ': connected\n\nevent: ready\ndata: {"unread":2}\n\nevent: notification\ndata: {"items":[{"title":"请审批：用车申请"}],"unread":3}\n\n'
const EXPECTED = [
  { event: 'ready', data: '{"unread":2}' },
  { event: 'notification', data: '{"items":[{"title":"请审批：用车申请"}],"unread":3}' },
]

describe('SseParser', () => {
  it('dispatches each event on its blank line and reports comments', () => {
    expect(parse([STREAM])).toEqual({ events: EXPECTED, comments: ['connected'] })
  })

  it('gives the same events however the text is cut into chunks, one character at a time included', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      expect(parse([STREAM.slice(0, cut), STREAM.slice(cut)]).events).toEqual(EXPECTED)
    }
    expect(parse([...STREAM]).events).toEqual(EXPECTED)
  })

  it('takes CRLF and CR line breaks, also when a CRLF is split between two chunks', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n')
    for (let cut = 1; cut < crlf.length; cut++) {
      expect(parse([crlf.slice(0, cut), crlf.slice(cut)]).events).toEqual(EXPECTED)
    }
    expect(parse([STREAM.replaceAll('\n', '\r')]).events).toEqual(EXPECTED)
  })

  it('does not dispatch an event until its blank line arrives', () => {
    const events: SseEvent[] = []
    const parser = new SseParser((event) => events.push(event))
    parser.push('event: badges\ndata: {"oa.todo":1}\n')
    expect(events).toEqual([])
    parser.push('\n')
    expect(events).toEqual([{ event: 'badges', data: '{"oa.todo":1}' }])
  })

  it('joins data lines, defaults the name to message, strips one leading space and a BOM, skips empty events', () => {
    const { events } = parse(['\uFEFFdata:first\ndata:  second\n\nevent: lonely\n\nid: 7\ndata\n\n'])
    expect(events).toEqual([
      { event: 'message', data: 'first\n second' },
      { event: 'message', data: '', id: '7' },
    ])
  })
})
