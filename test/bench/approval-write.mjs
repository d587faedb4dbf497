// bench:approval-write — what the full stack costs to submit an approval request:
// POST /api/v1/oa/requests as 李明 (JWT, session check, guard, validation, the form
// checked by Ajv and its references, the route resolved through ORG_DIRECTORY, the
// request, its runs, task, history and notification written in one transaction with
// the request's audit row) against bare Fastify + pg doing the same writes in one
// transaction. Prints ratio= (goal >= 0.6) and cpu_ratio= (the API's CPU per request
// over the baseline's). Starts its own embedded PostgreSQL, or uses a fresh database on
// DATABASE_URL's server.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuMs, freePort, startProcess } from './lib.mjs';

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
);

/** Requests per second and CPU per request of POSTing `body` to `url` for a window. */
async function post(url, pid, body, headers, windowSeconds) {
  const before = cpuMs(pid);
  const result = await autocannon({ url, method: 'POST', connections, duration: windowSeconds, pipelining: 1, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const cpu = cpuMs(pid) - before;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors during the run`);
  return { rps: result.requests.average, p99: result.latency.p99, cpuMsPerOp: result.requests.total > 0 ? cpu / result.requests.total : Number.NaN };
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

  await post(bareUrl, bare.child.pid, body, {}, 2);
  await post(url, api.child.pid, body, headers, 2);
  let best = { bare: { rps: 0, cpuMsPerOp: Infinity }, api: { rps: 0, cpuMsPerOp: Infinity } };
  for (let round = 1; round <= rounds; round += 1) {
    const baseline = await post(bareUrl, bare.child.pid, body, {}, seconds);
    const product = await post(url, api.child.pid, body, headers, seconds);
    console.log(
      `round ${round}: bare fastify+pg rps=${baseline.rps.toFixed(0)} p99=${baseline.p99}ms cpu=${(baseline.cpuMsPerOp * 1000).toFixed(0)}µs | zhongshu rps=${product.rps.toFixed(0)} p99=${product.p99}ms cpu=${(product.cpuMsPerOp * 1000).toFixed(0)}µs`,
    );
    if (baseline.rps > best.bare.rps) best.bare = baseline;
    if (product.rps > best.api.rps) best.api = product;
  }
  const ratio = best.api.rps / best.bare.rps;
  console.log(`bench:approval-write baseline=bare-fastify+pg rps=${best.bare.rps.toFixed(0)} zhongshu rps=${best.api.rps.toFixed(0)}`);
  console.log(`ratio=${ratio.toFixed(3)} (goal >= 0.6) ${ratio >= 0.6 ? 'MET' : 'NOT MET'}`);
  console.log(`cpu_ratio=${(best.api.cpuMsPerOp / best.bare.cpuMsPerOp).toFixed(2)} (the API's server CPU per request over the baseline's)`);
} finally {
  await bare?.stop();
  await api.stop();
}
