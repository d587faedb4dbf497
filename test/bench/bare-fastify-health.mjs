// The baseline for bench:http-floor: bare Fastify answering the same JSON as /api/health,
// on a server with the same options as the API's (server-options.mjs).
import Fastify from 'fastify';
import { sameFastifyOptions } from './server-options.mjs';

const app = Fastify(process.env.BENCH_STOCK_OPTIONS === '1' ? { logger: false } : sameFastifyOptions());
app.get('/api/health', async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
