import { describe, expect, it } from '@jest/globals';
import { sseComment, sseEvent } from './sse.js';

describe('SSE framing', () => {
  it('writes an event as its name and one line of JSON, ended by a blank line', () => {
    expect(sseEvent('badges', { 'oa.todo': 2 })).toBe('event: badges\ndata: {"oa.todo":2}\n\n');
  });

  it('keeps line breaks of the data inside its one line, so nothing can end the event early', () => {
    const frame = sseEvent('notification', { title: 'a\n\nevent: end\ndata: x' });
    expect(frame.split('\n')).toHaveLength(4);
    expect(JSON.parse(frame.split('\n')[1].slice('data: '.length))).toEqual({ title: 'a\n\nevent: end\ndata: x' });
  });

  it('refuses an event name that is not a plain word, and keeps comments on one line', () => {
    expect(() => sseEvent('end\ndata: x', {})).toThrow('is not an event name');
    expect(sseComment('alive\nevent: x')).toBe(': alive event: x\n\n');
  });
});
