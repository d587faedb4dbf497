// Shared by the benchmarks: start processes, wait for them, run autocannon.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <script>` with env and resolves once `readyUrl` answers 200. `nodeArgs`
 * (a space-separated string, e.g. from BENCH_API_NODE_ARGS="--cpu-prof") go before the script.
 */
export async function startProcess(name, script, env, readyUrl, timeoutMs = 120_000, nodeArgs = '') {
  const args = [...nodeArgs.split(' ').filter(Boolean), script];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}):\n${stderr}`);
    try {
      const response = await fetch(readyUrl);
      if (response.ok) return { child, stop: () => stopProcess(child) };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready within ${timeoutMs} ms:\n${stderr}`);
}

function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

/** Requests per second of GET `url` (with optional headers) over `seconds`. */
export async function measure(url, { seconds = 8, connections = 32, headers = {} } = {}) {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the run`);
  }
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) a process has used so far, in milliseconds:
 * what `process.cpuUsage()` reports inside it, read from outside through /proc so the
 * servers need no code for the benchmark. Ticks are 10 ms; the windows are seconds long.
 */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Throughput and the server's CPU per request of one measured window. */
export async function measureWithCpu(url, pid, options = {}) {
  const before = cpuMs(pid);
  const result = await measure(url, options);
  const cpu = cpuMs(pid) - before;
  return { ...result, cpuMsPerOp: result.total > 0 ? cpu / result.total : Number.NaN };
}

/** The median of each numeric field across runs (an even count takes the lower middle's mean). */
export function medians(runs) {
  const keys = Object.keys(runs[0]).filter((key) => typeof runs[0][key] === 'number');
  const result = {};
  for (const key of keys) {
    const values = runs.map((run) => run[key]).sort((a, b) => a - b);
    const middle = Math.floor(values.length / 2);
    result[key] = values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
  return result;
}

/**
 * BENCH_RUNS=N: the whole comparison N times (default 1), each run printed, then the
 * median of every figure; judge a change by the medians, CPU per operation first.
 */
export async function repeatRuns(runOnce) {
  const count = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
  const runs = [];
  for (let run = 1; run <= count; run += 1) runs.push(await runOnce(run));
  return { runs, median: medians(runs), count };
}

/** CPU milliseconds per operation, printed readably (µs). */
export function formatCpu(msPerOp) {
  return `${(msPerOp * 1000).toFixed(1)}µs`;
}
