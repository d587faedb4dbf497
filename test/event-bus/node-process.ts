import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './event-bus-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Compiles a process's entry point (a folder with a tsconfig.json beside this file) to
 * JavaScript node can run: a process of its own is what a SIGKILL, or a second relay
 * that shares nothing with the test's, needs.
 */
export function compileProcess(folder: string): void {
  const dir = fileURLToPath(new URL(`./${folder}`, import.meta.url));
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

  /** Starts `<folder>/dist/<folder>/main.js` with only the given environment, and waits for it to print READY. */
  static async start(folder: string, env: Record<string, string>): Promise<NodeProcess> {
    const script = fileURLToPath(new URL(`./${folder}/dist/${folder}/main.js`, import.meta.url));
    const child = spawn(process.execPath, [script], {
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
