import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from '../event-bus/event-bus-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Compiles a process's entry point (a folder, given as a URL or an absolute path, with a
 * tsconfig.json) to JavaScript node can run: a process of its own is what a SIGKILL, a
 * second relay that shares nothing with the test's, or a worker app beside the API needs.
 */
export function compileProcess(folder: URL | string): void {
  const dir = typeof folder === 'string' ? folder : fileURLToPath(folder);
  execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${dir}/tsconfig.json`], { cwd: ROOT, stdio: 'inherit' });
}

/** A Node process started by a test, watched for lines on its output, and ended. */
export class NodeProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts the compiled `script` with only the given environment, and waits for it to print READY. */
  static async start(script: URL | string, env: Record<string, string>): Promise<NodeProcess> {
    const child = spawn(process.execPath, [typeof script === 'string' ? script : fileURLToPath(script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error', DEMO_MODE: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new NodeProcess(child);
    await started.waitFor(/READY/);
    return started;
  }

  waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    return eventually(async () => pattern.exec(this.output) ?? undefined, `process output ${pattern} (so far: ${this.output.slice(-500)})`, 60_000);
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
