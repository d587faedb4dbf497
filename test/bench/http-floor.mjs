// bench:http-floor — how much of plain Nest's (and bare Fastify's) speed the full
// Zhongshu HTTP stack keeps on the cheapest route: GET /api/health through Nest, the
// guard, the request context, security headers, CORS, the problem filter and
// versioning, against plain Nest on Fastify serving the same route and against a bare
// Fastify server, on this machine, in this run. Both baselines run on a Fastify server
// with the API's own options (server-options.mjs: a pino logger at the same level, body
// limit, proxy trust, no 503 on closing); BENCH_STOCK_OPTIONS=1 runs them with Fastify's
// defaults instead (no logger at all), as before 2026-12-01. Prints throughput (`ratio=`) and the
// server's CPU time per request (`cpu_ratio=`: baseline CPU per request / ours), which
// moves far less with machine noise. Goals: ratio >= 0.9 and cpu_ratio >= 0.9 against
// plain Nest. BENCH_RUNS=N repeats the comparison and prints medians;
// BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API process.
import { fileURLToPath } from 'node:url';
import { formatCpu, freePort, measure, measureWithCpu, repeatRuns, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

const barePort = await freePort();
const nestPort = await freePort();
const apiPort = await freePort();
const stock = process.env.BENCH_STOCK_OPTIONS === '1';
if (stock) console.log('baselines on stock Fastify options (no logger)');
const bare = await startProcess('bare fastify', `${root}test/bench/bare-fastify-health.mjs`, { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/api/health`);
const nest = await startProcess('plain nest', `${root}test/bench/bare-nest-health.mjs`, { PORT: String(nestPort) }, `http://127.0.0.1:${nestPort}/api/health`);
const apiEnv = {
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  DEMO_MODE: 'false',
  // The event relay and workers poll in the background: their CPU is not the route's,
  // and counted per request it would only add noise (api-read runs without them too).
  RUN_WORKERS: 'false',
  ...(process.env.DATABASE_URL ? {} : { DATA_DIR: `${root}.data/bench`, EMBEDDED_PG_PORT: String(await freePort()) }),
};
const api = await startProcess('zhongshu api', `${root}apps/api/dist/main.js`, apiEnv, `http://127.0.0.1:${apiPort}/api/ready`, undefined, process.env.BENCH_API_NODE_ARGS);
const servers = {
  bare: { url: `http://127.0.0.1:${barePort}/api/health`, pid: bare.child.pid },
  nest: { url: `http://127.0.0.1:${nestPort}/api/health`, pid: nest.child.pid },
  zhongshu: { url: `http://127.0.0.1:${apiPort}/api/health`, pid: api.child.pid },
};

try {
  // Warm all up (JIT, connection pools) before anything is counted.
  for (const server of Object.values(servers)) await measure(server.url, { seconds: 2 });
  const { runs, median, count } = await repeatRuns(async (run) => {
    const best = { bareRps: 0, nestRps: 0, zhongshuRps: 0, bareCpu: Infinity, nestCpu: Infinity, zhongshuCpu: Infinity };
    // Interleaved rounds, best of each, so a noisy moment hurts neither side alone.
    for (let round = 1; round <= rounds; round += 1) {
      const line = [];
      for (const [name, server] of Object.entries(servers)) {
        const result = await measureWithCpu(server.url, server.pid, { seconds });
        best[`${name}Rps`] = Math.max(best[`${name}Rps`], result.rps);
        best[`${name}Cpu`] = Math.min(best[`${name}Cpu`], result.cpuMsPerOp);
        line.push(`${name} rps=${result.rps.toFixed(0)} cpu/req=${formatCpu(result.cpuMsPerOp)} p99=${result.p99}ms`);
      }
      console.log(`run ${run} round ${round}: ${line.join(' | ')}`);
    }
    return {
      ...best,
      ratio: best.zhongshuRps / best.nestRps,
      cpuRatio: best.nestCpu / best.zhongshuCpu,
      ratioBare: best.zhongshuRps / best.bareRps,
      cpuRatioBare: best.bareCpu / best.zhongshuCpu,
    };
  });
  if (count > 1) for (const [index, run] of runs.entries()) console.log(`run ${index + 1}: ratio=${run.ratio.toFixed(3)} cpu_ratio=${run.cpuRatio.toFixed(3)}`);
  const m = median;
  console.log(
    `bench:http-floor (median of ${count}) bare-fastify rps=${m.bareRps.toFixed(0)} cpu/req=${formatCpu(m.bareCpu)} | plain-nest rps=${m.nestRps.toFixed(0)} cpu/req=${formatCpu(m.nestCpu)} | zhongshu rps=${m.zhongshuRps.toFixed(0)} cpu/req=${formatCpu(m.zhongshuCpu)}`,
  );
  console.log(`against bare fastify: ratio=${m.ratioBare.toFixed(3)} cpu_ratio=${m.cpuRatioBare.toFixed(3)}`);
  console.log(`ratio=${m.ratio.toFixed(3)} (zhongshu / plain nest; goal >= 0.9) ${m.ratio >= 0.9 ? 'MET' : 'NOT MET'}`);
  console.log(`cpu_ratio=${m.cpuRatio.toFixed(3)} (plain nest cpu/req / zhongshu; goal >= 0.9) ${m.cpuRatio >= 0.9 ? 'MET' : 'NOT MET'}`);
} finally {
  await api.stop();
  await nest.stop();
  await bare.stop();
}
