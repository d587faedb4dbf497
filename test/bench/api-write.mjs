// bench:api-write — what the full stack costs to create a person: POST
// /api/v1/org/people as admin (JWT, session check, guard, validation, the department
// and position checked in reach, the person written with its audit change row, the
// request's audit row, the org.person.hired event in the outbox) against bare Fastify +
// pg inserting the same person row alone in one transaction, 10 connections each.
// Prints throughput (`ratio=`: ours / baseline, goal >= 0.5), the server's CPU time per
// create (`cpu_ratio=`: the baseline's over ours; judge a change by it, it moves far
// less with machine noise than throughput), and what one create asks of PostgreSQL:
// round trips, statements and writing commits (counted inside the process,
// test/bench/round-trip-counter.mjs), rows written and all transactions (the database's
// own counters). BENCH_RUNS=N repeats the
// comparison and prints medians; BENCH_VERBOSE=1 lists the statements of one create.
// Runs from the built dist (npm run build:server first). Starts its own embedded
// PostgreSQL, or uses a fresh database on DATABASE_URL's server.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuMs, formatCpu, freePort, repeatRuns, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const countedCreates = Number(process.env.BENCH_COUNTED ?? 200);
const counter = `--import=${root}test/bench/round-trip-counter.mjs`;

let databaseEnv;
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS zs_bench_api_write WITH (FORCE)');
  await admin.query('CREATE DATABASE zs_bench_api_write');
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/zs_bench_api_write';
  databaseEnv = { DATABASE_URL: url.toString() };
} else {
  // A fresh cluster each time: the people of earlier runs would only make it bigger.
  rmSync(`${root}.data/bench-api-write`, { recursive: true, force: true });
  databaseEnv = { DATA_DIR: `${root}.data/bench-api-write`, EMBEDDED_PG_PORT: String(await freePort()) };
}

// Both sides get the same pool.
const poolSize = process.env.DATABASE_POOL_SIZE ?? '10';
const apiCounts = `/tmp/zs-bench-api-write-${process.pid}-api.json`;
const bareCounts = `/tmp/zs-bench-api-write-${process.pid}-bare.json`;
const apiPort = await freePort();
const api = await startProcess(
  'zhongshu api',
  `${root}apps/api/dist/main.js`,
  {
    ...databaseEnv,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO_MODE: 'true',
    RUN_WORKERS: 'false',
    DATABASE_POOL_SIZE: poolSize,
    JWT_SECRET: 'bench-api-write-secret-0123456789abcdef',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    BENCH_COUNT_FILE: apiCounts,
  },
  `http://127.0.0.1:${apiPort}/api/ready`,
  undefined,
  `${counter} ${process.env.BENCH_API_NODE_ARGS ?? ''}`,
);

let bare;
let client;
try {
  const base = `http://127.0.0.1:${apiPort}`;
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }) });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

  // The embedded server's credentials are the platform's fixed loopback-only ones.
  const databaseUrl = databaseEnv.DATABASE_URL ?? `postgres://postgres:zhongshu-embedded@127.0.0.1:${databaseEnv.EMBEDDED_PG_PORT}/zhongshu`;
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [place] = (
    await client.query(`SELECT d.id AS department_id, (SELECT id FROM org.position ORDER BY code LIMIT 1) AS position_id
                          FROM org.department d WHERE d.status = 'active' ORDER BY d.code LIMIT 1`)
  ).rows;
  await client.query('CREATE SCHEMA IF NOT EXISTS bench');
  await client.query('DROP TABLE IF EXISTS bench.person');
  await client.query('CREATE TABLE bench.person (LIKE org.person INCLUDING ALL, FOREIGN KEY (main_department_id) REFERENCES org.department (id))');
  // The counters' reader stays in one transaction, so reading them commits nothing.
  await client.query('BEGIN');

  let serial = 0;
  const tag = Date.now().toString(36);
  const newPerson = () => {
    serial += 1;
    return {
      employeeNo: `W${tag}${serial}`,
      name: `压测员工${serial}`,
      username: `w${tag}.${serial}`,
      email: `w${tag}.${serial}@example.com`,
      mobile: '13800138000',
      mainDepartmentId: place.department_id,
      positionId: place.position_id,
      hireDate: '2026-12-01',
    };
  };

  const probe = await fetch(`${base}/api/v1/org/people`, { method: 'POST', headers, body: JSON.stringify(newPerson()) });
  if (probe.status !== 201) throw new Error(`creating a person answered ${probe.status}: ${await probe.text()}`);
  const created = await probe.json();

  const barePort = await freePort();
  bare = await startProcess(
    'bare fastify + pg',
    `${root}test/bench/bare-fastify-person.mjs`,
    { PORT: String(barePort), BENCH_DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: poolSize, BENCH_COUNT_FILE: bareCounts },
    `http://127.0.0.1:${barePort}/health`,
    undefined,
    counter,
  );
  const bareBase = `http://127.0.0.1:${barePort}`;
  const bareProbe = await fetch(`${bareBase}/api/v1/org/people`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(newPerson()) });
  if (bareProbe.status !== 201) throw new Error(`the baseline answered ${bareProbe.status}: ${await bareProbe.text()}`);
  const bareCreated = await bareProbe.json();
  // Both must answer the same shape, or the comparison means nothing.
  if (JSON.stringify(Object.keys(bareCreated).sort()) !== JSON.stringify(Object.keys(created).sort())) {
    throw new Error(`the baseline answers another shape:\n${JSON.stringify(bareCreated)}\n${JSON.stringify(created)}`);
  }

  const servers = {
    bare: { url: `${bareBase}/api/v1/org/people`, pid: bare.child.pid, headers: { 'content-type': 'application/json' }, counts: bareCounts },
    zhongshu: { url: `${base}/api/v1/org/people`, pid: api.child.pid, headers, counts: apiCounts },
  };

  /** POSTs a new person per request: for `seconds`, or `amount` requests. */
  const post = async (server, { seconds: duration, amount }) => {
    const result = await autocannon({
      url: server.url,
      connections,
      pipelining: 1,
      ...(amount ? { amount } : { duration }),
      requests: [{ method: 'POST', headers: server.headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(newPerson()) }) }],
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the run`);
    return result;
  };

  // What one create asks of the database, on each side: a counted batch, from inside the
  // process (round trips, statements) and from the database (commits, rows written).
  const perCreate = {};
  for (const [name, server] of Object.entries(servers)) {
    await post(server, { amount: 100 });
    const before = { process: await processCounts(server), database: await databaseCounts(client) };
    await post(server, { amount: countedCreates });
    const after = { process: await processCounts(server), database: await databaseCounts(client) };
    const per = (value) => value / countedCreates;
    perCreate[name] = {
      roundTrips: per(after.process.pgRoundTrips - before.process.pgRoundTrips),
      statements: per(after.process.pgStatements - before.process.pgStatements),
      commits: per(after.process.pgWriteCommits - before.process.pgWriteCommits),
      transactions: per(after.database.commits - before.database.commits),
      rows: per(after.database.rows - before.database.rows),
    };
    const p = perCreate[name];
    console.log(
      `${name}: per create ${p.roundTrips.toFixed(2)} round trips, ${p.statements.toFixed(2)} statements, ${p.commits.toFixed(2)} writing commits ` +
        `(${p.transactions.toFixed(2)} transactions by the database's count, reads and relay wake-ups included), ${p.rows.toFixed(2)} rows written`,
    );
    if (process.env.BENCH_VERBOSE) {
      for (const [table, rows] of Object.entries(after.database.byTable)) {
        const delta = rows - (before.database.byTable[table] ?? 0);
        if (delta > 0) console.log(`  ${(delta / countedCreates).toFixed(2)} rows  ${table}`);
      }
      for (const [text, calls] of Object.entries(after.process.byStatement).sort((a, b) => b[1] - a[1])) {
        const delta = calls - (before.process.byStatement[text] ?? 0);
        if (delta > 0) console.log(`  ${(delta / countedCreates).toFixed(2)}  ${text}`);
      }
    }
  }

  const { runs, median, count } = await repeatRuns(async (run) => {
    const best = { bareRps: 0, zhongshuRps: 0, bareCpu: Infinity, zhongshuCpu: Infinity };
    // Interleaved rounds, best of each, so a noisy moment hurts neither side alone.
    for (let round = 1; round <= rounds; round += 1) {
      const line = [];
      for (const [name, server] of Object.entries(servers)) {
        const cpuBefore = cpuMs(server.pid);
        const result = await post(server, { seconds });
        const cpu = (cpuMs(server.pid) - cpuBefore) / result.requests.total;
        best[`${name}Rps`] = Math.max(best[`${name}Rps`], result.requests.average);
        best[`${name}Cpu`] = Math.min(best[`${name}Cpu`], cpu);
        line.push(`${name} creates/s=${result.requests.average.toFixed(0)} cpu/create=${formatCpu(cpu)} p99=${result.latency.p99}ms`);
      }
      console.log(`run ${run} round ${round}: ${line.join(' | ')}`);
    }
    return { ...best, ratio: best.zhongshuRps / best.bareRps, cpuRatio: best.bareCpu / best.zhongshuCpu };
  });
  if (count > 1) for (const [index, run] of runs.entries()) console.log(`run ${index + 1}: ratio=${run.ratio.toFixed(3)} cpu_ratio=${run.cpuRatio.toFixed(3)}`);
  const m = median;
  const z = perCreate.zhongshu;
  console.log(
    `bench:api-write (median of ${count}, ${connections} connections) bare-fastify+pg creates/s=${m.bareRps.toFixed(0)} cpu/create=${formatCpu(m.bareCpu)} | zhongshu creates/s=${m.zhongshuRps.toFixed(0)} cpu/create=${formatCpu(m.zhongshuCpu)}`,
  );
  console.log(`ratio=${m.ratio.toFixed(3)} (zhongshu / bare fastify+pg; goal >= 0.5) ${m.ratio >= 0.5 ? 'MET' : 'NOT MET'}`);
  console.log(`cpu_ratio=${m.cpuRatio.toFixed(3)} (bare fastify+pg cpu/create / zhongshu)`);
  console.log(
    `statements_per_create=${z.statements.toFixed(2)} round_trips_per_create=${z.roundTrips.toFixed(2)} commits_per_create=${z.commits.toFixed(2)} rows_per_create=${z.rows.toFixed(2)} ` +
      `(baseline: ${perCreate.bare.statements.toFixed(2)} statements, ${perCreate.bare.commits.toFixed(2)} commits, ${perCreate.bare.rows.toFixed(2)} rows)`,
  );
} finally {
  await client?.end();
  await bare?.stop();
  await api.stop();
}

/** The counters of a process (round-trip-counter.mjs), which writes them on SIGUSR2. */
async function processCounts(server) {
  rmSync(server.counts, { force: true });
  process.kill(server.pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!existsSync(server.counts)) {
    if (Date.now() > deadline) throw new Error(`process ${server.pid} did not write its counts`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  return JSON.parse(readFileSync(server.counts, 'utf8'));
}

/**
 * The database's commit and written-row counters. A backend that committed less than
 * a second after its last report holds its counts until it has been idle for 10 s
 * (PostgreSQL's PGSTAT_IDLE_INTERVAL), so wait that out first. Read inside one open
 * transaction, so the readings add no commits of their own.
 */
async function databaseCounts(db) {
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const [row] = (
    await db.query(`SELECT pg_stat_clear_snapshot(), xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = current_database()`)
  ).rows;
  const tables = (
    await db.query(`SELECT schemaname || '.' || relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS rows FROM pg_stat_user_tables`)
  ).rows;
  const byTable = Object.fromEntries(tables.map((table) => [table.name, Number(table.rows)]));
  return { commits: Number(row.commits), rows: Object.values(byTable).reduce((sum, rows) => sum + rows, 0), byTable };
}
