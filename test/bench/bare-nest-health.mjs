// A second reference point for bench:http-floor: NestJS on Fastify with nothing of ours
// (no hooks, guard, pipes or filters), answering the same JSON, on a Fastify server
// with the same options as the API's (server-options.mjs). The gap between this and
// bare Fastify is Nest's own; the gap between this and Zhongshu is ours.
import 'reflect-metadata';
import { Controller, Get, Module, VERSION_NEUTRAL } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { sameFastifyOptions } from './server-options.mjs';

class HealthController {
  health() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
Controller({ version: VERSION_NEUTRAL })(HealthController);
Get('health')(HealthController.prototype, 'health', Object.getOwnPropertyDescriptor(HealthController.prototype, 'health'));

class BenchModule {}
Module({ controllers: [HealthController] })(BenchModule);

const app = await NestFactory.create(BenchModule, new FastifyAdapter(process.env.BENCH_STOCK_OPTIONS === '1' ? {} : sameFastifyOptions()), { logger: false });
app.setGlobalPrefix('api');
await app.listen(Number(process.env.PORT), '127.0.0.1');
// A profile (--cpu-prof) is written on a normal exit only.
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
