// bench:http-floor — how much of bare Fastify's speed the full Zhongshu HTTP stack keeps
// on the cheapest route: requests per second of GET /api/health (Nest, guard, request
// context, security headers, CORS, problem filter, versioning) against a bare Fastify server
// answering the same JSON, on this machine, in this run. Goal: ratio >= 0.85.
import { fileURLToPath } from 'node:url';
import { freePort, measure, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

const barePort = await freePort();
const nestPort = await freePort();
const apiPort = await freePort();
const bare = await startProcess('bare fastify', `${root}test/bench/bare-fastify-health.mjs`, { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/api/health`);
const nest = await startProcess('plain nest', `${root}test/bench/bare-nest-health.mjs`, { PORT: String(nestPort) }, `http://127.0.0.1:${nestPort}/api/health`);
const apiEnv = {
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  DEMO_MODE: 'false',
  ...(process.env.DATABASE_URL ? {} : { DATA_DIR: `${root}.data/bench`, EMBEDDED_PG_PORT: String(await freePort()) }),
};
const api = await startProcess('zhongshu api', `${root}apps/api/dist/main.js`, apiEnv, `http://127.0.0.1:${apiPort}/api/ready`);

try {
  // Warm both up (JIT, connection pools) before anything is counted.
  await measure(`http://127.0.0.1:${barePort}/api/health`, { seconds: 2 });
  await measure(`http://127.0.0.1:${nestPort}/api/health`, { seconds: 2 });
  await measure(`http://127.0.0.1:${apiPort}/api/health`, { seconds: 2 });
  let bestBare = 0;
  let bestNest = 0;
  let bestApi = 0;
  // Interleaved rounds, best of each, so a noisy moment hurts neither side alone.
  for (let round = 1; round <= rounds; round += 1) {
    const baseline = await measure(`http://127.0.0.1:${barePort}/api/health`, { seconds });
    const plainNest = await measure(`http://127.0.0.1:${nestPort}/api/health`, { seconds });
    const product = await measure(`http://127.0.0.1:${apiPort}/api/health`, { seconds });
    console.log(
      `round ${round}: bare-fastify rps=${baseline.rps.toFixed(0)} p99=${baseline.p99}ms | plain-nest rps=${plainNest.rps.toFixed(0)} p99=${plainNest.p99}ms | zhongshu rps=${product.rps.toFixed(0)} p99=${product.p99}ms`,
    );
    bestBare = Math.max(bestBare, baseline.rps);
    bestNest = Math.max(bestNest, plainNest.rps);
    bestApi = Math.max(bestApi, product.rps);
  }
  const ratio = bestApi / bestBare;
  console.log(`bench:http-floor baseline=bare-fastify rps=${bestBare.toFixed(0)} plain-nest rps=${bestNest.toFixed(0)} zhongshu rps=${bestApi.toFixed(0)}`);
  console.log(`nest-share: plain Nest keeps ${(bestNest / bestBare).toFixed(3)} of bare Fastify; Zhongshu keeps ${(bestApi / bestNest).toFixed(3)} of plain Nest`);
  console.log(`ratio=${ratio.toFixed(3)} (zhongshu / bare fastify; goal >= 0.85) ${ratio >= 0.85 ? 'MET' : 'NOT MET'}`);
} finally {
  await api.stop();
  await nest.stop();
  await bare.stop();
}
