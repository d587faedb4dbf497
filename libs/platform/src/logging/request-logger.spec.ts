import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LazyRequestLogger, LevelAwareLogController, lazyRequestLoggerFactory } from './request-logger.js';

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

  it('skips Fastify\'s per-request info lines where info is not written, not its errors', () => {
    for (const level of ['warn', 'info']) {
      const { lines, logger } = capture(level);
      const log = lazyRequestLoggerFactory.call(undefined as never, logger, { requestId: 'req-3' }, {}, undefined as never);
      let elapsedRead = 0;
      const request = { log, method: 'GET', url: '/api/health', headers: {}, socket: {} } as never;
      // Not enumerable, as on Fastify's reply: only the controller reads it, not the line's serialiser.
      const reply = Object.defineProperty({ log, statusCode: 200 }, 'elapsedTime', {
        get: () => {
          elapsedRead += 1;
          return 1.5;
        },
      }) as never;
      const controller = new LevelAwareLogController(logger, { requestIdLogLabel: 'requestId' });
      controller.incomingRequest(request, reply);
      controller.requestCompleted(null, request, reply);
      controller.requestCompleted(new Error('broken pipe'), request, reply);
      expect(lines.map((line) => [line.requestId, line.msg])).toEqual(
        level === 'info'
          ? [
              ['req-3', 'incoming request'],
              ['req-3', 'request completed'],
              ['req-3', 'request errored'],
            ]
          : [['req-3', 'request errored']],
      );
      expect(elapsedRead).toBe(level === 'info' ? 2 : 1);
    }
  });
});
