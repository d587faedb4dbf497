// A second reference point for bench:http-floor: NestJS on Fastify with nothing of ours
// (no hooks, guard, pipes or filters), answering the same JSON. The gap between this
// and bare Fastify is Nest's own; the gap between this and Zhongshu is ours.
import 'reflect-metadata';
import { Controller, Get, Module, VERSION_NEUTRAL } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HealthController {
  health() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
Controller({ version: VERSION_NEUTRAL })(HealthController);
Get('health')(HealthController.prototype, 'health', Object.getOwnPropertyDescriptor(HealthController.prototype, 'health'));

class BenchModule {}
Module({ controllers: [HealthController] })(BenchModule);

const app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
app.setGlobalPrefix('api');
await app.listen(Number(process.env.PORT), '127.0.0.1');
