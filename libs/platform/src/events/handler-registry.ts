import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { declaredEventVersion, type EventEnvelope } from '@zhongshu/contracts';
import type { EntityManager } from 'typeorm';
import { EVENT_HANDLER, type EventHandlerMetadata } from './event-handler.decorator.js';
import { SCHEDULED_JOB, type ScheduledJobMetadata, type ScheduledRun, type ScheduleOptions } from './scheduled-job.decorator.js';

/** `<context>.<name>`: lower-case words, dots and hyphens; the first segment is the queue. */
const HANDLER_NAME = /^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$/;

export interface RegisteredHandler {
  name: string;
  /** The consuming context, whose queue carries this handler's jobs. */
  context: string;
  types: string[];
  maxAttempts: number | undefined;
  invoke(event: EventEnvelope, manager: EntityManager): Promise<unknown>;
}

export interface RegisteredScheduledJob {
  name: string;
  context: string;
  schedule: ScheduleOptions;
  run(run: ScheduledRun): Promise<unknown>;
}

export class EventBusDeclarationError extends Error {
  constructor(problems: string[]) {
    super(`The event bus cannot start:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EventBusDeclarationError';
  }
}

/**
 * Finds every `@EventHandler` and `@ScheduledJob` once at start-up and refuses to
 * start when two share a name, a name is malformed, or a handler listens for a type no
 * context declared: all three would otherwise surface as silently lost events.
 */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly scheduled = new Map<string, RegisteredScheduledJob>();
  private readonly byType = new Map<string, RegisteredHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        const handler = Reflect.getMetadata(EVENT_HANDLER, prototype, key) as EventHandlerMetadata | undefined;
        if (handler) this.addHandler(handler, instance, key, problems);
        const job = Reflect.getMetadata(SCHEDULED_JOB, prototype, key) as ScheduledJobMetadata | undefined;
        if (job) this.addScheduledJob(job, instance, key, problems);
      }
    }
    if (problems.length > 0) throw new EventBusDeclarationError(problems);
  }

  handlersFor(type: string): readonly RegisteredHandler[] {
    return this.byType.get(type) ?? [];
  }

  handler(name: string): RegisteredHandler | undefined {
    return this.handlers.get(name);
  }

  scheduledJob(name: string): RegisteredScheduledJob | undefined {
    return this.scheduled.get(name);
  }

  allHandlers(): RegisteredHandler[] {
    return [...this.handlers.values()];
  }

  allScheduledJobs(): RegisteredScheduledJob[] {
    return [...this.scheduled.values()];
  }

  /** Every context that has a queue to consume: handlers' and scheduled jobs'. */
  consumingContexts(): string[] {
    return [...new Set([...this.handlers.values(), ...this.scheduled.values()].map((entry) => entry.context))].sort();
  }

  private addHandler(metadata: EventHandlerMetadata, instance: Record<string, unknown>, key: string, problems: string[]): void {
    const before = problems.length;
    this.check(metadata.name, metadata.types, problems);
    if (problems.length > before) return;
    const method = instance[key] as (event: EventEnvelope, manager: EntityManager) => Promise<unknown>;
    this.index({
      name: metadata.name,
      context: contextOf(metadata.name),
      types: metadata.types,
      maxAttempts: metadata.maxAttempts,
      invoke: (event, manager) => method.call(instance, event, manager),
    });
  }

  private addScheduledJob(metadata: ScheduledJobMetadata, instance: Record<string, unknown>, key: string, problems: string[]): void {
    if (!HANDLER_NAME.test(metadata.name)) problems.push(`scheduled job "${metadata.name}": a name is <context>.<job>, lower-case`);
    else if (this.handlers.has(metadata.name) || this.scheduled.has(metadata.name)) problems.push(`"${metadata.name}" is declared twice`);
    else {
      const method = instance[key] as (run: ScheduledRun) => Promise<unknown>;
      this.scheduled.set(metadata.name, {
        name: metadata.name,
        context: contextOf(metadata.name),
        schedule: metadata.schedule,
        run: (run) => method.call(instance, run),
      });
    }
  }

  private check(name: string, types: string[], problems: string[]): void {
    if (!HANDLER_NAME.test(name)) problems.push(`event handler "${name}": a name is <context>.<what-it-does>, lower-case`);
    if (this.handlers.has(name) || this.scheduled.has(name)) problems.push(`event handler "${name}" is declared twice`);
    if (types.length === 0) problems.push(`event handler "${name}" handles no event type`);
    for (const type of types) {
      if (declaredEventVersion(type) === undefined) {
        problems.push(`event handler "${name}" handles "${type}", which no context declared in @zhongshu/contracts`);
      }
    }
  }

  private index(handler: RegisteredHandler): void {
    this.handlers.set(handler.name, handler);
    for (const type of handler.types) this.byType.set(type, [...(this.byType.get(type) ?? []), handler]);
  }
}

function contextOf(name: string): string {
  return name.slice(0, name.indexOf('.'));
}
