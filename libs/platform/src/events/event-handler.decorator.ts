import type { EventEnvelope, EventType } from '@zhongshu/contracts';
import type { EntityManager } from 'typeorm';

export const EVENT_HANDLER = Symbol('zhongshu:event-handler');

export interface EventHandlerOptions {
  /**
   * Stable, unique name `<consuming-context>.<what-it-does>` (`erp.open-sales-order`).
   * It keys the idempotency records and dead letters, so never rename a live handler.
   * The first segment picks the queue the handler's jobs run on.
   */
  name: string;
  /** Attempts before the event is parked in dead letters; default EVENT_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

export interface EventHandlerMetadata extends EventHandlerOptions {
  types: string[];
}

/**
 * Marks a provider method as the handler of one or more event types. It runs in its
 * own transaction (the `manager` it receives), together with the record that makes a
 * repeat delivery a no-op; anything it emits joins that transaction. Events of one
 * aggregate reach one handler in sequence order, across all the types it lists.
 */
export function EventHandler<T extends EventType>(type: T | readonly T[], options: EventHandlerOptions) {
  return <M extends (event: EventEnvelope<T>, manager: EntityManager) => Promise<unknown>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const metadata: EventHandlerMetadata = { ...options, types: typeof type === 'string' ? [type] : [...(type as readonly T[])] };
    Reflect.defineMetadata(EVENT_HANDLER, metadata, target, key);
    void descriptor;
  };
}
