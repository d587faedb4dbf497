// One outbox relay in a process of its own, for the test that runs two of them against
// one database and one queue: the real OutboxRelay on the real BusTransport, with a
// handler declared only so the relay has somewhere to route the widget events. No
// worker consumes the queue (RUN_WORKERS=false), so every job handed over stays there
// to be counted, and each job id the queue accepted is appended to RELAY_LOG.
// Compiled with ./tsconfig.json and run by node.
import 'reflect-metadata';
import { appendFileSync } from 'node:fs';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusTransport, createRootLogger, EventHandler, handlerJobId, HandlerRegistry, loadConfig, NestPinoLogger, OutboxRelay, PlatformModule, type HandlerJob } from '@zhongshu/platform';
import { DataSource } from 'typeorm';
import '../widget-events.js';

@Injectable()
class RoutedHandler {
  @EventHandler('test.widget.registered', { name: 'test.count-relayed' })
  async count(): Promise<void> {
    throw new Error('no worker runs in a relay process');
  }
}

@Module({ providers: [RoutedHandler] })
class RoutedModule {}

const log = process.env.RELAY_LOG;
if (!log) throw new Error('RELAY_LOG: the file this relay appends the job ids it handed over to');
const config = loadConfig();
if (config.runWorkers) throw new Error('RUN_WORKERS must be false: this process runs the relay alone');
const logger = createRootLogger(config.logLevel, 'relay-process');
const app = await NestFactory.createApplicationContext(
  {
    module: class RelayProcessModule {},
    imports: [PlatformModule.forRoot({ config, databaseUrl: config.databaseUrl!, logger, applicationName: 'relay-process' }), RoutedModule],
  },
  { logger: new NestPinoLogger(logger) },
);
await app.init();

const transport = app.get(BusTransport);
const recording = {
  // Recorded once the queue has accepted the jobs, as the relay then marks them published.
  async enqueue(jobs: HandlerJob[]): Promise<void> {
    await transport.enqueue(jobs);
    appendFileSync(log, jobs.map((job) => `${handlerJobId(job.envelope.id, job.handler)}\n`).join(''));
  },
};
const relay = new OutboxRelay(app.get(DataSource), app.get(HandlerRegistry), recording, config, config.databaseUrl!);
relay.start();
process.stdout.write('READY\n');
process.on('SIGTERM', () => void relay.stop().then(() => app.close()).then(() => process.exit(0)));
