// bench:api-read — what the full stack costs on the most common read: an
// authenticated, data-scoped, paged list of people (JWT, session check, permission
// guard, validation, scope filter, query, DTO mapping, serialisation) against bare
// Fastify + pg running the same SQL, on this machine, in this run. Prints throughput
// (`ratio=`: ours / baseline) and the server's CPU time per request (`cpu_ratio=`:
// baseline CPU per request / ours), which moves far less with machine noise; the
// baseline process does no work but the SQL round trips and JSON, so cpu_ratio says
// how much of our CPU is the framework's. Goal: ratio >= 0.6. BENCH_RUNS=N repeats
// the comparison and prints medians; BENCH_API_NODE_ARGS="--cpu-prof ..." profiles the API.
// Starts its own embedded PostgreSQL, or uses a fresh database on DATABASE_URL's server.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { formatCpu, freePort, measure, measureWithCpu, repeatRuns, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const extraPeople = Number(process.env.BENCH_PEOPLE ?? 5000);
const viewer = 'salesmgr';

let databaseEnv;
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS zs_bench_api_read WITH (FORCE)');
  await admin.query('CREATE DATABASE zs_bench_api_read');
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/zs_bench_api_read';
  databaseEnv = { DATABASE_URL: url.toString() };
} else {
  databaseEnv = { DATA_DIR: `${root}.data/bench-api-read`, EMBEDDED_PG_PORT: String(await freePort()) };
}

// Both sides get the same pool (the API's default grew with the handler concurrency,
// which a process without workers does not use).
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
    JWT_SECRET: 'bench-api-read-secret-0123456789abcdefgh',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  },
  `http://127.0.0.1:${apiPort}/api/ready`,
  undefined,
  process.env.BENCH_API_NODE_ARGS,
);

let bare;
try {
  const base = `http://127.0.0.1:${apiPort}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: viewer, password: 'Demo@2026' }),
  });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { accessToken } = await login.json();
  const me = await (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json();

  // The embedded server's credentials are the platform's fixed loopback-only ones.
  const databaseUrl = databaseEnv.DATABASE_URL ?? `postgres://postgres:zhongshu-embedded@127.0.0.1:${databaseEnv.EMBEDDED_PG_PORT}/zhongshu`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM org.person')).rows;
  if (n < extraPeople) {
    // A company of realistic size: extra people spread over every department, so the
    // scope filter has something to filter.
    await client.query(
      `INSERT INTO org.person (id, employee_no, name, username, main_department_id, status)
       SELECT gen_random_uuid(), 'B' || g, '员工' || lpad(g::text, 5, '0'), 'bench.' || g,
              (SELECT id FROM org.department ORDER BY code OFFSET (g % (SELECT count(*) FROM org.department)) LIMIT 1), 'active'
         FROM generate_series(1, $1) AS g`,
      [extraPeople],
    );
    await client.query('ANALYZE org.person');
  }
  await client.end();

  const url = `${base}/api/v1/org/people?page=1&pageSize=20`;
  const headers = { authorization: `Bearer ${accessToken}` };
  const sample = await (await fetch(url, { headers })).json();
  const barePort = await freePort();
  bare = await startProcess(
    'bare fastify + pg',
    `${root}test/bench/bare-fastify-people.mjs`,
    {
      PORT: String(barePort),
      BENCH_DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: poolSize,
      BENCH_USER_ID: me.profile.id,
      BENCH_DEPARTMENT_IDS: JSON.stringify(me.dataScope.permissions.find((entry) => entry.permission === 'org:person:read').departmentIds),
    },
    `http://127.0.0.1:${barePort}/health`,
  );
  const bareUrl = `http://127.0.0.1:${barePort}/api/v1/org/people`;
  const bareSample = await (await fetch(bareUrl)).json();
  // Both must answer the same page, or the comparison means nothing.
  if (bareSample.total !== sample.total || JSON.stringify(bareSample.items) !== JSON.stringify(sample.items)) {
    throw new Error(`the baseline does not answer the same page:\n${JSON.stringify(bareSample.items[0])}\n${JSON.stringify(sample.items[0])}`);
  }
  console.log(`viewer=${viewer} scope=${me.dataScope.grants.map((grant) => grant.kind).join('+')} visible=${sample.total} of ${n < extraPeople ? n + extraPeople : n} people`);

  const servers = {
    bare: { url: bareUrl, pid: bare.child.pid, headers: {} },
    zhongshu: { url, pid: api.child.pid, headers },
  };
  // Warm both up (JIT, connection pools, caches) before anything is counted.
  for (const server of Object.values(servers)) await measure(server.url, { seconds: 2, headers: server.headers });
  const { runs, median, count } = await repeatRuns(async (run) => {
    const best = { bareRps: 0, zhongshuRps: 0, bareCpu: Infinity, zhongshuCpu: Infinity };
    // Interleaved rounds, best of each, so a noisy moment hurts neither side alone.
    for (let round = 1; round <= rounds; round += 1) {
      const line = [];
      for (const [name, server] of Object.entries(servers)) {
        const result = await measureWithCpu(server.url, server.pid, { seconds, headers: server.headers });
        best[`${name}Rps`] = Math.max(best[`${name}Rps`], result.rps);
        best[`${name}Cpu`] = Math.min(best[`${name}Cpu`], result.cpuMsPerOp);
        line.push(`${name} rps=${result.rps.toFixed(0)} cpu/req=${formatCpu(result.cpuMsPerOp)} p99=${result.p99}ms`);
      }
      console.log(`run ${run} round ${round}: ${line.join(' | ')}`);
    }
    return { ...best, ratio: best.zhongshuRps / best.bareRps, cpuRatio: best.bareCpu / best.zhongshuCpu };
  });
  if (count > 1) for (const [index, run] of runs.entries()) console.log(`run ${index + 1}: ratio=${run.ratio.toFixed(3)} cpu_ratio=${run.cpuRatio.toFixed(3)}`);
  const m = median;
  console.log(
    `bench:api-read (median of ${count}) bare-fastify+pg rps=${m.bareRps.toFixed(0)} cpu/req=${formatCpu(m.bareCpu)} | zhongshu rps=${m.zhongshuRps.toFixed(0)} cpu/req=${formatCpu(m.zhongshuCpu)}`,
  );
  console.log(`ratio=${m.ratio.toFixed(3)} (zhongshu / bare fastify+pg; goal >= 0.6) ${m.ratio >= 0.6 ? 'MET' : 'NOT MET'}`);
  console.log(`cpu_ratio=${m.cpuRatio.toFixed(3)} (bare fastify+pg cpu/req / zhongshu)`);
} finally {
  await bare?.stop();
  await api.stop();
}
