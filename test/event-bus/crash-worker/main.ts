// A worker process for the crash test: the real event bus (relay, BullMQ worker) with
// one handler that can be told to stop half-way through its transaction, so the test
// can SIGKILL the process there. Compiled with ./tsconfig.json and run by node, because
// a SIGKILL needs a process of its own.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventEnvelope } from '@zhongshu/contracts';
import { createRootLogger, EventHandler, loadConfig, NestPinoLogger, PlatformModule } from '@zhongshu/platform';
import type { EntityManager } from 'typeorm';
import '../widget-events.js';

@Injectable()
class CrashProneHandler {
  @EventHandler('test.widget.registered', { name: 'test.apply-once' })
  async apply(event: EventEnvelope<'test.widget.registered'>, manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO public.crash_effect (event_id, label) VALUES ($1, $2)', [event.id, event.payload.label]);
    if (event.payload.label === process.env.CRASH_ON_LABEL) {
      process.stdout.write(`IN_HANDLER ${event.id}\n`);
      // Hold the transaction open until the test kills this process.
      await new Promise(() => undefined);
    }
  }
}

@Module({ providers: [CrashProneHandler] })
class CrashProneModule {}

const config = loadConfig();
const logger = createRootLogger(config.logLevel, 'crash-worker');
const app = await NestFactory.createApplicationContext(
  {
    module: class CrashWorkerModule {},
    imports: [PlatformModule.forRoot({ config, databaseUrl: config.databaseUrl!, logger, applicationName: 'crash-worker' }), CrashProneModule],
  },
  { logger: new NestPinoLogger(logger) },
);
await app.init();
process.stdout.write('READY\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
