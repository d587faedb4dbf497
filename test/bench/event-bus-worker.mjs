// The consuming side of bench:event-bus, in a process of its own as apps/worker runs in
// production: the relay, the BullMQ worker and one handler that writes a row. After each
// handler transaction commits it prints `handled <eventId> <epoch ms>`; on stdin it
// takes `pause` and `resume` (of the relay), answering `paused` / `resumed`.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { declareEventTypes } from '@zhongshu/contracts';
import { createRootLogger, EventHandler, loadConfig, OutboxRelay, PlatformModule, UnitOfWork } from '@zhongshu/platform';

declareEventTypes({ 'bench.order.placed': 1 });

let uow;
const now = () => performance.timeOrigin + performance.now();
let pending = [];
const flush = () => {
  if (pending.length > 0) process.stdout.write(pending.join(''));
  pending = [];
};
setInterval(flush, 2).unref();

class BenchHandler {
  async record(event, manager) {
    await manager.query('INSERT INTO public.bench_effect (event_id, sequence) VALUES ($1, $2)', [event.id, event.sequence]);
    uow.afterCommit(() => {
      pending.push(`handled ${event.id} ${now()}\n`);
    });
  }
}
// Decorators applied as plain functions: this file is JavaScript run by node as is.
Injectable()(BenchHandler);
EventHandler('bench.order.placed', { name: 'bench.record-order' })(BenchHandler.prototype, 'record', Object.getOwnPropertyDescriptor(BenchHandler.prototype, 'record'));
class BenchWorkerModule {}

const config = loadConfig({ ...process.env, RUN_WORKERS: 'true' });
const logger = createRootLogger(config.logLevel, 'bench-event-bus-worker');
Module({
  imports: [PlatformModule.forRoot({ config, databaseUrl: config.databaseUrl, logger, applicationName: 'bench-event-bus-worker' })],
  providers: [BenchHandler],
})(BenchWorkerModule);
const app = await NestFactory.createApplicationContext(BenchWorkerModule, { logger: false });
await app.init();
uow = app.get(UnitOfWork);
const relay = app.get(OutboxRelay);
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line === 'pause') {
    await relay.stop();
    process.stdout.write('paused\n');
  } else if (line === 'resume') {
    relay.start();
    process.stdout.write('resumed\n');
  } else if (line === 'exit') {
    flush();
    await app.close();
    process.exit(0);
  }
});
process.stdout.write('ready\n');
