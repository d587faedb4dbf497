import type { EventPayload, EventType, EventVersion } from './event-catalogue.js';

/**
 * What travels on the bus: the payload plus everything needed to order it, trace it and
 * process it once. Built by the platform's `EventBus.emit`, never by hand.
 */
export interface EventEnvelope<T extends EventType = EventType> {
  /** UUIDv7; with the handler name it forms the job id and the idempotency key. */
  id: string;
  type: T;
  version: EventVersion<T>;
  /** ISO 8601, UTC: when the emitting transaction wrote the event. */
  occurredAt: string;
  /** The user whose action caused the event; null for system work. */
  actorId: string | null;
  /** Shared by everything done for one original request, across events and handlers. */
  correlationId: string;
  /** The event (or request) that directly caused this one. */
  causationId: string | null;
  /** `<context>.<aggregate>` of the type, e.g. `crm.contract`. */
  aggregateType: string;
  aggregateId: string;
  /** 1, 2, 3... per aggregate, in commit order; handlers apply them in this order. */
  sequence: number;
  payload: EventPayload<T>;
}
