// The consuming side of bench:event-bus, in a process of its own and composed as
// apps/worker runs in production: the worker module (the platform, the audit context,
// every context's handlers and scheduled jobs) plus one bench handler that writes a
// row. After each handler transaction commits it prints `handled <eventId> <epoch ms>`;
// on stdin it takes `pause` and `resume` (of the relay), answering `paused` / `resumed`,
// and `counts`, answering `counts <json>`: the round trips this process has made to
// PostgreSQL and Redis so far (round-trip-counter.mjs, loaded first).
import { snapshot } from './round-trip-counter.mjs';
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Injectable, Module } from '@nestjs/common';
import { declareEventTypes } from '@zhongshu/contracts';
import { EventHandler, OutboxRelay, UnitOfWork, createRootLogger, loadConfig } from '@zhongshu/platform';
import { createWorker } from '@zhongshu/worker';

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
class BenchHandlerModule {}
Module({ providers: [BenchHandler] })(BenchHandlerModule);

const config = loadConfig({ ...process.env, RUN_WORKERS: 'true' });
const logger = createRootLogger(config.logLevel, 'bench-event-bus-worker');
const app = await createWorker({ config, databaseUrl: config.databaseUrl, logger, extraModules: [BenchHandlerModule] });
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
  } else if (line === 'counts') {
    process.stdout.write(`counts ${JSON.stringify({ ...snapshot(), byStatement: undefined })}\n`);
  } else if (line === 'exit') {
    flush();
    await app.close();
    process.exit(0);
  }
});
process.stdout.write('ready\n');
