// bench:approval-write — what the full stack costs to submit an approval request:
// POST /api/v1/oa/requests as 李明 (JWT, session check, guard, validation, the form
// checked by Ajv and its references, the route resolved through ORG_DIRECTORY, the
// request, its runs, task, history and notification written in one transaction with
// the request's audit row) against bare Fastify + pg doing the same writes in one
// transaction. Prints ratio= (goal >= 0.6) and cpu_ratio= (the baseline's server CPU per
// request over the API's), and, to show both sides write the same, the rows each
// submission added and the writing transactions it took.
// BENCH_RUNS=N repeats the comparison and prints medians. Starts its own embedded
// PostgreSQL, or uses a fresh database on DATABASE_URL's server.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuMs, formatCpu, freePort, repeatRuns, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);

let databaseEnv;
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS zs_bench_approval_write WITH (FORCE)');
  await admin.query('CREATE DATABASE zs_bench_approval_write');
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/zs_bench_approval_write';
  databaseEnv = { DATABASE_URL: url.toString() };
} else {
  databaseEnv = { DATA_DIR: `${root}.data/bench-approval-write`, EMBEDDED_PG_PORT: String(await freePort()) };
}

const poolSize = process.env.DATABASE_POOL_SIZE ?? '10';
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
    JWT_SECRET: 'bench-approval-write-secret-0123456789ab',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  },
  `http://127.0.0.1:${apiPort}/api/ready`,
  undefined,
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API process.
  process.env.BENCH_API_NODE_ARGS,
);

let stats;
// Every table a submission writes, the change rows its triggers add and the request's audit row included.
const WRITTEN_TABLES = ['oa.request', 'oa.node_run', 'oa.task', 'oa.history', 'platform.notification', 'platform.audit_log'];

/**
 * The rows in the tables a submission writes, and the next transaction id (one is
 * assigned to every transaction that writes): exact, unlike PostgreSQL's statistics,
 * which an idle backend reports up to ten seconds late.
 */
async function databaseCounts() {
  const [row] = (
    await stats.query(`SELECT ${WRITTEN_TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS rows, pg_snapshot_xmax(pg_current_snapshot())::text AS next_xid`)
  ).rows;
  return { inserted: Number(row.rows), commits: Number(row.next_xid) };
}

/** Requests per second, CPU per request, rows inserted and commits per request of POSTing `body` to `url` for a window. */
async function post(url, pid, body, headers, windowSeconds, count = false) {
  const rowsBefore = count ? await databaseCounts() : undefined;
  const before = cpuMs(pid);
  const result = await autocannon({ url, method: 'POST', connections, duration: windowSeconds, pipelining: 1, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const cpu = cpuMs(pid) - before;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the run`);
  const total = result.requests.total;
  const rowsAfter = count ? await databaseCounts() : undefined;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuMsPerOp: total > 0 ? cpu / total : Number.NaN,
    rowsPerOp: count ? (rowsAfter.inserted - rowsBefore.inserted) / total : Number.NaN,
    // Transactions that wrote (the readings' own write nothing).
    commitsPerOp: count ? (rowsAfter.commits - rowsBefore.commits) / total : Number.NaN,
  };
}

let bare;
try {
  const base = `http://127.0.0.1:${apiPort}`;
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'employee', password: 'Demo@2026' }) });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  const catalogue = await (await fetch(`${base}/api/v1/oa/catalogue`, { headers })).json();
  const general = catalogue.flatMap((category) => category.types).find((type) => type.code === 'general');
  const body = { requestTypeId: general.id, formData: { subject: '申请采购办公椅', content: '部门新入职两人，需采购办公椅两把。' } };
  const first = await fetch(`${base}/api/v1/oa/requests`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (first.status !== 201) throw new Error(`submitting answered ${first.status}: ${await first.text()}`);
  const { id } = await first.json();

  const databaseUrl = databaseEnv.DATABASE_URL ?? `postgres://postgres:zhongshu-embedded@127.0.0.1:${databaseEnv.EMBEDDED_PG_PORT}/zhongshu`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [facts] = (
    await client.query(
      `SELECT r.request_type_id, r.type_version_id, r.applicant_id, r.applicant_department_id, r.title, t.assignee_id, t.node_id
         FROM oa.request r JOIN oa.task t ON t.request_id = r.id WHERE r.id = $1`,
      [id],
    )
  ).rows;
  await client.end();

  const barePort = await freePort();
  bare = await startProcess('bare fastify + pg', `${root}test/bench/bare-fastify-approval.mjs`, { PORT: String(barePort), BENCH_DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: poolSize, BENCH_FACTS: JSON.stringify(facts) }, `http://127.0.0.1:${barePort}/health`);
  const bareUrl = `http://127.0.0.1:${barePort}/api/v1/oa/requests`;
  const url = `${base}/api/v1/oa/requests`;

  stats = new pg.Client({ connectionString: databaseUrl });
  await stats.connect();
  await post(bareUrl, bare.child.pid, body, {}, 2);
  await post(url, api.child.pid, body, headers, 2);
  const { runs, median, count } = await repeatRuns(async (run) => {
    const best = { bareRps: 0, apiRps: 0, bareCpu: Infinity, apiCpu: Infinity, bareRows: 0, apiRows: 0, bareCommits: 0, apiCommits: 0 };
    // Interleaved rounds, best of each, so a noisy moment hurts neither side alone.
    for (let round = 1; round <= rounds; round += 1) {
      const baseline = await post(bareUrl, bare.child.pid, body, {}, seconds, round === 1);
      const product = await post(url, api.child.pid, body, headers, seconds, round === 1);
      console.log(
        `run ${run} round ${round}: bare fastify+pg rps=${baseline.rps.toFixed(0)} p99=${baseline.p99}ms cpu/req=${formatCpu(baseline.cpuMsPerOp)} | zhongshu rps=${product.rps.toFixed(0)} p99=${product.p99}ms cpu/req=${formatCpu(product.cpuMsPerOp)}`,
      );
      if (round === 1) {
        console.log(`run ${run}: per submission bare fastify+pg added ${baseline.rowsPerOp.toFixed(2)} rows in ${baseline.commitsPerOp.toFixed(2)} writing transactions | zhongshu ${product.rowsPerOp.toFixed(2)} rows in ${product.commitsPerOp.toFixed(2)}`);
        Object.assign(best, { bareRows: baseline.rowsPerOp, apiRows: product.rowsPerOp, bareCommits: baseline.commitsPerOp, apiCommits: product.commitsPerOp });
      }
      best.bareRps = Math.max(best.bareRps, baseline.rps);
      best.apiRps = Math.max(best.apiRps, product.rps);
      best.bareCpu = Math.min(best.bareCpu, baseline.cpuMsPerOp);
      best.apiCpu = Math.min(best.apiCpu, product.cpuMsPerOp);
    }
    return { ...best, ratio: best.apiRps / best.bareRps, cpuRatio: best.bareCpu / best.apiCpu };
  });
  if (count > 1) for (const [index, run] of runs.entries()) console.log(`run ${index + 1}: ratio=${run.ratio.toFixed(3)} cpu_ratio=${run.cpuRatio.toFixed(3)}`);
  const m = median;
  console.log(
    `bench:approval-write (median of ${count}) bare-fastify+pg rps=${m.bareRps.toFixed(0)} cpu/req=${formatCpu(m.bareCpu)} | zhongshu rps=${m.apiRps.toFixed(0)} cpu/req=${formatCpu(m.apiCpu)}`,
  );
  console.log(`per submission: bare-fastify+pg ${m.bareRows.toFixed(2)} rows added in ${m.bareCommits.toFixed(2)} writing transactions | zhongshu ${m.apiRows.toFixed(2)} rows in ${m.apiCommits.toFixed(2)}`);
  console.log(`ratio=${m.ratio.toFixed(3)} (zhongshu / bare fastify+pg; goal >= 0.6) ${m.ratio >= 0.6 ? 'MET' : 'NOT MET'}`);
  console.log(`cpu_ratio=${m.cpuRatio.toFixed(3)} (bare fastify+pg server cpu/req / zhongshu's)`);
} finally {
  await stats?.end();
  await bare?.stop();
  await api.stop();
}
