// The baseline for bench:http-floor: bare Fastify answering the same JSON as /api/health.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
