import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from '@jest/globals';
import { declareEventTypes, type EventEnvelope } from '@zhongshu/contracts';
import { EventHandler } from './event-handler.decorator.js';
import { HandlerRegistry } from './handler-registry.js';
import { ScheduledJob } from './scheduled-job.decorator.js';

declare module '@zhongshu/contracts' {
  interface EventCatalogue {
    'spec.invoice.issued': { version: 1; payload: { invoiceId: string } };
    'spec.invoice.voided': { version: 1; payload: { invoiceId: string } };
  }
}
// 'spec.invoice.voided' is in the type catalogue but its run-time declaration is
// missing: the start-up check must catch exactly that drift.
declareEventTypes({ 'spec.invoice.issued': 1 });

@Injectable()
class Billing {
  @EventHandler('spec.invoice.issued', { name: 'spec.book-revenue' })
  async bookRevenue(_event: EventEnvelope<'spec.invoice.issued'>): Promise<void> {}

  @ScheduledJob('spec.remind-overdue', { cron: '0 9 * * *' })
  async remindOverdue(): Promise<void> {}
}

@Injectable()
class SecondBilling {
  @EventHandler('spec.invoice.issued', { name: 'spec.book-revenue' })
  async alsoBookRevenue(_event: EventEnvelope<'spec.invoice.issued'>): Promise<void> {}
}

@Injectable()
class Voids {
  @EventHandler('spec.invoice.voided', { name: 'spec.reverse-revenue' })
  async reverse(_event: EventEnvelope<'spec.invoice.voided'>): Promise<void> {}
}

@Injectable()
class BadlyNamed {
  @EventHandler('spec.invoice.issued', { name: 'Book Revenue' })
  async book(_event: EventEnvelope<'spec.invoice.issued'>): Promise<void> {}
}

async function start(...providers: Type[]): Promise<HandlerRegistry> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [HandlerRegistry, ...providers] }).compile();
  await moduleRef.init();
  return moduleRef.get(HandlerRegistry);
}

describe('HandlerRegistry', () => {
  it('finds decorated handlers and scheduled jobs, routed to the queue of their name’s context', async () => {
    const registry = await start(Billing);
    expect(registry.handlersFor('spec.invoice.issued').map((handler) => [handler.name, handler.context])).toEqual([['spec.book-revenue', 'spec']]);
    expect(registry.scheduledJob('spec.remind-overdue')).toMatchObject({ context: 'spec', schedule: { cron: '0 9 * * *' } });
    expect(registry.consumingContexts()).toEqual(['spec']);
  });

  it('refuses to start when two handlers share a name', async () => {
    await expect(start(Billing, SecondBilling)).rejects.toThrow('event handler "spec.book-revenue" is declared twice');
  });

  it('refuses to start when a handler listens for a type no context declared', async () => {
    await expect(start(Voids)).rejects.toThrow('handles "spec.invoice.voided", which no context declared');
  });

  it('refuses to start on a malformed handler name', async () => {
    await expect(start(BadlyNamed)).rejects.toThrow('a name is <context>.<what-it-does>');
  });
});
