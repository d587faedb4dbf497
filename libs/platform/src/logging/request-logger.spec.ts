import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LazyRequestLogger, lazyRequestLoggerFactory } from './request-logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: pino({ level }, stream) };
}

describe('the lazy request logger', () => {
  it('makes no child while nothing is written at the level, and one with the request id when something is', () => {
    const { lines, logger } = capture('warn');
    let children = 0;
    const child = logger.child.bind(logger);
    logger.child = ((...args: Parameters<typeof child>) => {
      children += 1;
      return child(...args);
    }) as typeof logger.child;
    const requestLog = lazyRequestLoggerFactory.call(undefined as never, logger, { requestId: 'req-1' }, {}, undefined as never);
    expect(requestLog).toBeInstanceOf(LazyRequestLogger);
    requestLog.info({ req: 'x' }, 'incoming request');
    requestLog.debug('detail');
    expect(children).toBe(0);
    expect(lines).toEqual([]);
    requestLog.warn('slow answer');
    requestLog.error('failed');
    expect(children).toBe(1);
    expect(lines.map((line) => [line.requestId, line.msg])).toEqual([
      ['req-1', 'slow answer'],
      ['req-1', 'failed'],
    ]);
  });

  it('writes the lines of the levels the parent writes, with the request id', () => {
    const { lines, logger } = capture('info');
    const requestLog = lazyRequestLoggerFactory.call(undefined as never, logger, { requestId: 'req-2' }, {}, undefined as never);
    requestLog.info('incoming request');
    requestLog.trace('not this');
    expect(lines.map((line) => [line.requestId, line.msg])).toEqual([['req-2', 'incoming request']]);
    expect(requestLog.child({ step: 'x' }).level).toBe('info');
  });
});
