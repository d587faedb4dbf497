// The Fastify server options the API runs with (libs/platform/src/http/configure-http.ts,
// createFastifyAdapter), for the baselines of bench:http-floor: a pino logger at the
// API's level writing JSON to stdout synchronously, the same body limit, no proxy
// trust, Fastify's own 503 while closing off (the API answers those in its request
// hook). What is not here is Zhongshu's own code (the request id, the lazy request
// logger, the level-aware log controller): the cost the floor measures.
import { pino } from 'pino';

export function sameFastifyOptions() {
  return {
    loggerInstance: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination({ dest: 1, sync: true })),
    bodyLimit: 1_048_576,
    trustProxy: false,
    // The API answers what arrives while it drains from its request hook, as problem+json.
    return503OnClosing: false,
  };
}
