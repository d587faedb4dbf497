import { describe, expect, it } from '@jest/globals';
import { declareEventTypes, declaredEventVersion, type EventEnvelope, type EventPayload, type EventType } from '@zhongshu/contracts';
import type { EntityManager } from 'typeorm';
import type { EventBus } from './event-bus.js';
import { EventHandler } from './event-handler.decorator.js';

// The compile-time half of this spec is checked by `npx tsc -p tsconfig.check.json`:
// each `@ts-expect-error` below fails the type check if the line it guards compiles.
declare module '@zhongshu/contracts' {
  interface EventCatalogue {
    'spec.parcel.shipped': { version: 1; payload: { parcelId: string; weightGrams: number } };
  }
}
declareEventTypes({ 'spec.parcel.shipped': 1 });

function emitChecks(bus: EventBus): void {
  void bus.emit('spec.parcel.shipped', 'p-1', { parcelId: 'p-1', weightGrams: 1200 });
  // @ts-expect-error an undeclared event type does not compile
  void bus.emit('spec.parcel.lost', 'p-1', { parcelId: 'p-1' });
  // @ts-expect-error a payload field of the wrong type does not compile
  void bus.emit('spec.parcel.shipped', 'p-1', { parcelId: 'p-1', weightGrams: '1200' });
  // @ts-expect-error a missing payload field does not compile
  void bus.emit('spec.parcel.shipped', 'p-1', { parcelId: 'p-1' });
}

class ParcelHandlers {
  @EventHandler('spec.parcel.shipped', { name: 'spec.weigh-parcel' })
  async weigh(event: EventEnvelope<'spec.parcel.shipped'>, manager: EntityManager): Promise<void> {
    const grams: number = event.payload.weightGrams;
    void grams;
    void manager;
  }

  // @ts-expect-error a handler whose parameter expects another payload does not compile
  @EventHandler('spec.parcel.shipped', { name: 'spec.count-parcel' })
  async count(event: EventEnvelope<'spec.parcel.shipped'> & { payload: { pieces: number } }): Promise<void> {
    void event;
  }

  // @ts-expect-error a handler for an undeclared type does not compile
  @EventHandler('spec.parcel.vanished', { name: 'spec.search-parcel' })
  async search(): Promise<void> {}
}

// @ts-expect-error declaring a version that is not the catalogue's does not compile
const wrongVersion = () => declareEventTypes({ 'spec.parcel.shipped': 2 });
// @ts-expect-error an undeclared type is not an EventType
const undeclared: EventType = 'spec.parcel.lost';
const payload: EventPayload<'spec.parcel.shipped'> = { parcelId: 'p-2', weightGrams: 10 };

describe('the event catalogue', () => {
  it('records declared versions at run time, for the start-up check of handlers', () => {
    expect(declaredEventVersion('spec.parcel.shipped')).toBe(1);
    expect(declaredEventVersion('spec.parcel.lost')).toBeUndefined();
    expect(() => declareEventTypes({ 'spec.parcel.shipped': 3 } as never)).toThrow('declared twice, as version 1 and 3');
    expect(() => declareEventTypes({ 'Spec.Parcel': 1 } as never)).toThrow('is not <context>.<aggregate>.<past-tense>');
    expect([typeof emitChecks, typeof ParcelHandlers, typeof wrongVersion, undeclared, payload.weightGrams]).toEqual(['function', 'function', 'function', 'spec.parcel.lost', 10]);
  });
});
