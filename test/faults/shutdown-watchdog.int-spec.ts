import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, jest } from '@jest/globals';

jest.setTimeout(60_000);

const PLATFORM = fileURLToPath(new URL('../../libs/platform/dist/index.js', import.meta.url));

/**
 * A process whose shutdown step holds the event loop (a synchronous loop, as building
 * a large XLSX export does) is still ended by the shutdown timeout. Without the
 * watchdog thread the step would hold the process for two minutes and this test would
 * time out waiting for it to exit.
 */
describe('the shutdown timeout', () => {
  it('ends the process even while the event loop is blocked, with a JSON log line saying why', async () => {
    const script = `
      import { pino } from 'pino';
      import { installShutdown } from ${JSON.stringify(PLATFORM)};
      const logger = pino({ name: 'watchdog-probe', base: { pid: process.pid }, formatters: { level: (label) => ({ level: label }) } }, pino.destination({ dest: 1, sync: true }));
      const { watchdogOnline } = installShutdown(logger, 200, [
        () => {
          const until = Date.now() + 120_000;
          while (Date.now() < until) { /* the event loop is held */ }
          return Promise.resolve();
        },
      ]);
      // What keeps a server up; the watchdog thread itself never does.
      setInterval(() => undefined, 1_000);
      await watchdogOnline;
      logger.info('armed');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"armed"')) child.kill('SIGTERM');
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 55_000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    clearTimeout(timer);
    expect(errors).toBe('');
    expect(exit.code === 0).toBe(false);
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; level: string });
    expect(lines.map((line) => line.msg)).toEqual(['armed', 'shutting down', 'shutdown took too long while the event loop was blocked: killing the process']);
    expect(lines[2].level).toBe('fatal');
  });
});
