import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusTransport } from './bus-transport.js';
import { Clock, SystemClock } from './clock.js';
import { DeadLetter } from './dead-letter.entity.js';
import { DeadLetters } from './dead-letters.service.js';
import { DeadLettersController, EventBusController } from './event-bus.controller.js';
import { EventBusMetrics } from './event-bus-metrics.js';
import { EventBusRuntime } from './event-bus.runtime.js';
import { EventBus } from './event-bus.js';
import { DATABASE_URL } from './event-bus.tokens.js';
import { EventConsumer } from './event-consumer.js';
import { EventLogPruning } from './event-log-pruning.js';
import { HandlerRegistry } from './handler-registry.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxSignal } from './outbox-signal.js';
import { Redelivery } from './redelivery.js';
import { ScheduledJobs } from './scheduled-jobs.js';

/**
 * The event bus: `EventBus.emit` for every context, and, in a process with
 * RUN_WORKERS, the relay, the handlers' workers and the scheduled jobs.
 */
@Global()
@Module({})
export class EventBusModule {
  static forRoot(options: { databaseUrl: string }): DynamicModule {
    return {
      module: EventBusModule,
      imports: [DiscoveryModule, TypeOrmModule.forFeature([DeadLetter])],
      controllers: [DeadLettersController, EventBusController],
      providers: [
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: Clock, useClass: SystemClock },
        EventBus,
        HandlerRegistry,
        BusTransport,
        OutboxRelay,
        OutboxSignal,
        EventConsumer,
        ScheduledJobs,
        Redelivery,
        EventLogPruning,
        DeadLetters,
        EventBusMetrics,
        EventBusRuntime,
      ],
      exports: [EventBus, Clock, ScheduledJobs, EventBusMetrics, HandlerRegistry, BusTransport, OutboxRelay, EventConsumer],
    };
  }
}
