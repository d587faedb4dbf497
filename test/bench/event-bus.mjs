// bench:event-bus — the event bus end to end, on both BullMQ backends (PostgreSQL and
// Redis), against what this machine's PostgreSQL can do at all:
//   * latency from the emitting transaction's commit to the handler's transaction's
//     commit, p50 and p99, at a steady 500 events/s (goal p99 < 100 ms);
//   * the maximum drain rate: a backlog of events, relayed and handled as fast as the
//     bus can (goal: at least half of `pgbench -N` transactions per second, since every
//     event costs at least a write transaction on each side).
// The events are written here (the API's role) and consumed by event-bus-worker.mjs in
// a process of its own composed as apps/worker is (the worker module with the audit
// context and every context's handlers, plus the bench's handler). Also printed: the
// consuming process's CPU time per event over the drain against pgbench's per
// transaction (`cpu_ratio=`), and the round trips it made per event to PostgreSQL and
// Redis (round-trip-counter.mjs). BENCH_RUNS=N repeats everything and prints medians.
// Runs from the built dist (npm run build:server first). Needs DATABASE_URL (an admin
// connection) or starts the embedded PostgreSQL; starts redis-server unless REDIS_URL is
// set. Knobs: BENCH_RATE, BENCH_SECONDS, BENCH_BACKLOG, BENCH_PGBENCH_SECONDS,
// BENCH_BACKENDS, BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof" for the consuming process).
import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { declareEventTypes } from '@zhongshu/contracts';
import { ALL_MIGRATIONS } from '@zhongshu/migrations';
import {
  createRootLogger,
  EventBus,
  loadConfig,
  PlatformModule,
  runMigrations,
  startEmbeddedPostgres,
  UnitOfWork,
} from '@zhongshu/platform';
import { cpuMs, formatCpu, freePort, repeatRuns } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STEADY_RATE = Number(process.env.BENCH_RATE ?? 500);
const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 6000);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);

declareEventTypes({ 'bench.order.placed': 1 });

const admin = await reachPostgres();
const redis = await reachRedis();
const backends = (process.env.BENCH_BACKENDS ?? 'postgres,redis').split(',');
try {
  const { median, count } = await repeatRuns(async (run) => {
    const figures = {};
    // pgbench runs right before each backend, so each ratio compares like with like even
    // when something else on the machine changes the load between the two.
    for (const backend of backends) {
      const pgbench = runPgbench(admin.url);
      const result = await benchBackend(backend, admin.url, backend === 'redis' ? redis.url : undefined);
      const ratio = result.drain / pgbench.tps;
      const cpuRatio = pgbench.cpuMsPerTransaction / result.cpuMsPerEvent;
      console.log(
        `run ${run} event-bus backend=${backend} steady=${STEADY_RATE}/s events=${result.steadyCount} p50=${result.p50.toFixed(1)}ms p99=${result.p99.toFixed(1)}ms max=${result.max.toFixed(1)}ms | ` +
          `drain=${result.drain.toFixed(0)} events/s (${BACKLOG} backlog) cpu/event=${formatCpu(result.cpuMsPerEvent)} | pgbench -N -c 4 -j 2 -T ${PGBENCH_SECONDS}: tps=${pgbench.tps.toFixed(0)} cpu/tx=${formatCpu(pgbench.cpuMsPerTransaction)} | ratio=${ratio.toFixed(3)} cpu_ratio=${cpuRatio.toFixed(3)}`,
      );
      console.log(
        `run ${run}   round trips per event (worker process): drain postgres=${result.drainTrips.pg.toFixed(2)} redis=${result.drainTrips.redis.toFixed(2)}; steady postgres=${result.steadyTrips.pg.toFixed(2)} redis=${result.steadyTrips.redis.toFixed(2)}`,
      );
      Object.assign(figures, {
        [`${backend}P50`]: result.p50,
        [`${backend}P99`]: result.p99,
        [`${backend}Drain`]: result.drain,
        [`${backend}Pgbench`]: pgbench.tps,
        [`${backend}Ratio`]: ratio,
        [`${backend}Cpu`]: result.cpuMsPerEvent,
        [`${backend}PgbenchCpu`]: pgbench.cpuMsPerTransaction,
        [`${backend}CpuRatio`]: cpuRatio,
        [`${backend}DrainPg`]: result.drainTrips.pg,
        [`${backend}DrainRedis`]: result.drainTrips.redis,
        [`${backend}SteadyPg`]: result.steadyTrips.pg,
        [`${backend}SteadyRedis`]: result.steadyTrips.redis,
      });
    }
    return figures;
  });
  console.log(`bench:event-bus summary, median of ${count} (goals: redis p99 < 100 ms and ratio >= 0.5; postgres p99 < 250 ms and ratio >= 0.35)`);
  for (const backend of backends) {
    const [p99Goal, ratioGoal] = backend === 'redis' ? [100, 0.5] : [250, 0.35];
    const m = (name) => median[`${backend}${name}`];
    console.log(
      `  ${backend}: p50=${m('P50').toFixed(1)}ms p99=${m('P99').toFixed(1)}ms ${m('P99') < p99Goal ? 'MET' : 'NOT MET'}; drain=${m('Drain').toFixed(0)}/s pgbench=${m('Pgbench').toFixed(0)} tps ` +
        `ratio=${m('Ratio').toFixed(3)} ${m('Ratio') >= ratioGoal ? 'MET' : 'NOT MET'}; cpu/event=${formatCpu(m('Cpu'))} pgbench cpu/tx=${formatCpu(m('PgbenchCpu'))} cpu_ratio=${m('CpuRatio').toFixed(3)}; ` +
        `round trips per event: drain postgres=${m('DrainPg').toFixed(2)} redis=${m('DrainRedis').toFixed(2)}, steady postgres=${m('SteadyPg').toFixed(2)} redis=${m('SteadyRedis').toFixed(2)}`,
    );
  }
} finally {
  await redis.stop();
  await admin.stop();
}

async function benchBackend(backend, adminUrl, redisUrl) {
  const databaseUrl = await scratchDatabase(adminUrl, `zs_bench_bus_${backend}`);
  await runMigrations(databaseUrl, ALL_MIGRATIONS);
  await withClient(databaseUrl, (client) => client.query('CREATE TABLE public.bench_effect (event_id uuid PRIMARY KEY, sequence int NOT NULL)'));
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    DEMO_MODE: 'false',
    RUN_MIGRATIONS: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
    ...(process.env.EVENT_HANDLER_CONCURRENCY ? { EVENT_HANDLER_CONCURRENCY: process.env.EVENT_HANDLER_CONCURRENCY } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const worker = await startWorker(env);
  const config = loadConfig({ ...env, RUN_WORKERS: 'false' });
  const logger = createRootLogger(config.logLevel, 'bench-event-bus');
  class BenchAppModule {}
  Module({ imports: [PlatformModule.forRoot({ config, databaseUrl, logger, applicationName: 'bench-event-bus' })] })(BenchAppModule);
  const app = await NestFactory.createApplicationContext(BenchAppModule, { logger: false });
  await app.init();
  const uow = app.get(UnitOfWork);
  const bus = app.get(EventBus);
  try {
    // Warm-up: connections, JIT, BullMQ scripts.
    const warm = await steady(uow, bus, 200, 2);
    await waitFor(() => (worker.alive(), [...warm.keys()].every((id) => worker.handled.has(id))), 60_000, 'warm-up events to be handled');
    const steadyBefore = await worker.counts();
    const committedAt = await steady(uow, bus, STEADY_RATE, STEADY_SECONDS);
    await waitFor(() => (worker.alive(), [...committedAt.keys()].every((id) => worker.handled.has(id))), 60_000, 'steady events to be handled');
    const steadyTrips = tripsPerEvent(steadyBefore, await worker.counts(), committedAt.size);
    const latencies = [...committedAt].map(([id, at]) => Math.max(0, worker.handled.get(id) - at)).sort((a, b) => a - b);

    // Drain: pause the relay, build a backlog, resume it, time until the last handler commits.
    await worker.command('pause', 'paused');
    const backlogIds = [];
    for (let start = 0; start < BACKLOG; start += 200) {
      await uow.run(async () => {
        for (let index = start; index < Math.min(start + 200, BACKLOG); index += 1) {
          backlogIds.push((await bus.emit('bench.order.placed', `order-${backend}-${index}`, {})).id);
        }
      });
    }
    const drainBefore = await worker.counts();
    const cpuBefore = cpuMs(worker.pid);
    const drainStarted = now();
    await worker.command('resume', 'resumed');
    await waitFor(() => (worker.alive(), backlogIds.every((id) => worker.handled.has(id))), 180_000, 'the backlog to drain');
    const cpu = cpuMs(worker.pid) - cpuBefore;
    const drainMs = Math.max(...backlogIds.map((id) => worker.handled.get(id))) - drainStarted;
    const drainTrips = tripsPerEvent(drainBefore, await worker.counts(), BACKLOG);
    return {
      backend,
      steadyCount: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1],
      drain: (BACKLOG / drainMs) * 1000,
      cpuMsPerEvent: cpu / BACKLOG,
      steadyTrips,
      drainTrips,
    };
  } finally {
    await app.close();
    await worker.stop();
    await dropDatabase(adminUrl, `zs_bench_bus_${backend}`);
  }
}

/** Round trips to PostgreSQL and Redis per event between two readings of the worker's counters. */
function tripsPerEvent(before, after, events) {
  return { pg: (after.pgRoundTrips - before.pgRoundTrips) / events, redis: (after.redisRoundTrips - before.redisRoundTrips) / events };
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
function now() {
  return performance.timeOrigin + performance.now();
}

async function startWorker(env) {
  const child = spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), `${root}test/bench/event-bus-worker.mjs`], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const handled = new Map();
  const seen = new Set();
  let counts;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('handled ')) {
      const [, id, at] = line.split(' ');
      handled.set(id, Number(at));
    } else if (line.startsWith('counts ')) counts = JSON.parse(line.slice('counts '.length));
    else seen.add(line);
  });
  let running = true;
  const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => {
    running = false;
  });
  // A worker that dies (say, PostgreSQL refused more connections) must fail the run
  // cleanly, so the scratch database and redis-server are still removed.
  child.stdin.on('error', () => undefined);
  const alive = () => {
    if (!running) throw new Error('the bench worker process exited; see its error above');
  };
  const expect = async (word) => {
    await waitFor(() => (alive(), seen.has(word)), 60_000, `the worker to say ${word}`);
    seen.delete(word);
  };
  await expect('ready');
  return {
    handled,
    pid: child.pid,
    async counts() {
      counts = undefined;
      child.stdin.write('counts\n');
      await waitFor(() => (alive(), counts !== undefined), 60_000, 'the worker to tell its counts');
      return counts;
    },
    async command(line, answer) {
      child.stdin.write(`${line}\n`);
      await expect(answer);
    },
    alive,
    async stop() {
      if (running) child.stdin.write('exit\n');
      await exited;
    },
  };
}

/** Emits `rate` events a second for `seconds`, each in its own transaction, on its own aggregate. */
async function steady(uow, bus, rate, seconds) {
  const committedAt = new Map();
  const tickMs = 10;
  const perTick = rate / (1000 / tickMs);
  const total = rate * seconds;
  const started = performance.now();
  const inFlight = new Set();
  let emitted = 0;
  while (emitted < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    for (; emitted < due; emitted += 1) {
      const index = emitted;
      const work = uow
        .run(() => bus.emit('bench.order.placed', `steady-${started}-${index}`, {}))
        .then((event) => committedAt.set(event.id, now()));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(inFlight);
  return committedAt;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function waitFor(done, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** pgbench -N's transactions per second, and its own CPU time per transaction (the baseline's client side). */
function runPgbench(adminUrl) {
  const url = new URL(adminUrl);
  const env = { ...process.env, PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username), PGPASSWORD: decodeURIComponent(url.password) };
  const database = 'zs_bench_pgbench';
  execFileSync('psql', ['-d', url.pathname.slice(1) || 'postgres', '-qc', `DROP DATABASE IF EXISTS ${database}`, '-c', `CREATE DATABASE ${database}`], { env, stdio: 'ignore' });
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', '1', database], { env, stdio: 'ignore' });
    // The shell reads its own /proc stat once pgbench has exited: its children's CPU
    // time (cutime, cstime) is then pgbench's.
    const output = execFileSync(
      'bash',
      ['-c', `pgbench -N -c 4 -j 2 -T ${PGBENCH_SECONDS} ${database} 2>/dev/null; cat /proc/$$/stat`],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const match = /tps = ([\d.]+)/.exec(output);
    const transactions = /number of transactions actually processed: (\d+)/.exec(output);
    if (!match || !transactions) throw new Error(`no tps in pgbench output:\n${output}`);
    const stat = output.trim().split('\n').at(-1);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const childTicks = Number(fields[13]) + Number(fields[14]);
    return { tps: Number(match[1]), cpuMsPerTransaction: (childTicks * 10) / Number(transactions[1]) };
  } finally {
    execFileSync('psql', ['-d', url.pathname.slice(1) || 'postgres', '-qc', `DROP DATABASE IF EXISTS ${database}`], { env, stdio: 'ignore' });
  }
}

async function reachPostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: `${root}.data/bench-event-bus`, port: await freePort(), database: 'postgres' });
  return { url: server.adminUrl, stop: () => server.stop() };
}

async function reachRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  const port = await freePort();
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function scratchDatabase(adminUrl, name) {
  await dropDatabase(adminUrl, name);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
