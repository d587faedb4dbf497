import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, Page } from '@zhongshu/contracts';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { PlatformError } from '../errors/domain-error.js';
import { paginate } from '../paging/paging.js';
import { BusTransport } from './bus-transport.js';
import { DeadLetter } from './dead-letter.entity.js';
import type { DeadLetterQueryDto } from './dead-letter.dto.js';
import { EventConsumer } from './event-consumer.js';
import { HandlerRegistry } from './handler-registry.js';

/**
 * What an administrator can do with a parked delivery: look at it, send it to its
 * handler again (after fixing the cause), or discard it, which records it as handled so
 * later events of the same aggregate are no longer held back behind it.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly transport: BusTransport,
    private readonly registry: HandlerRegistry,
    private readonly consumer: EventConsumer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: DeadLetterQueryDto): Promise<Page<DeadLetter>> {
    const builder = this.uow.repo(DeadLetter).createQueryBuilder('letter');
    if (query.handler) builder.andWhere('letter.handler = :handler', { handler: query.handler });
    if (query.eventType) builder.andWhere('letter.event_type = :eventType', { eventType: query.eventType });
    return paginate(builder, query, { createdAt: 'letter.created_at', updatedAt: 'letter.updated_at', handler: 'letter.handler' }, [
      { column: 'letter.created_at', direction: 'DESC' },
    ]);
  }

  async get(id: string): Promise<DeadLetter> {
    const letter = await this.uow.repo(DeadLetter).findOneBy({ id });
    if (!letter) throw PlatformError.notFound('Dead letter', id);
    return letter;
  }

  /** Enqueues a fresh job with a full set of attempts; the row goes once the handler succeeds. */
  async retry(id: string): Promise<DeadLetter> {
    return this.uow.run(async (manager) => {
      const letter = await this.locked(id);
      const handler = this.registry.handler(letter.handler);
      if (!handler) throw PlatformError.notFound('Event handler', letter.handler);
      await this.transport.requeue({
        context: handler.context,
        handler: handler.name,
        envelope: letter.envelope as unknown as EventEnvelope,
        attempts: handler.maxAttempts ?? this.config.eventMaxAttempts,
      });
      letter.status = 'retrying';
      return manager.save(letter);
    });
  }

  async discard(id: string): Promise<void> {
    const letter = await this.uow.run(async (manager) => {
      const letter = await this.locked(id);
      await manager.query(
        `WITH delivered AS (DELETE FROM platform.pending_delivery WHERE event_id = $1 AND handler = $2)
         INSERT INTO platform.processed_event (event_id, handler, outcome) VALUES ($1, $2, 'discarded') ON CONFLICT DO NOTHING`,
        [letter.eventId, letter.handler],
      );
      await manager.remove(letter);
      return letter;
    });
    const handler = this.registry.handler(letter.handler);
    if (handler) await this.consumer.wakeSuccessor(handler, letter.envelope as unknown as EventEnvelope);
  }

  private async locked(id: string): Promise<DeadLetter> {
    const letter = await this.uow.repo(DeadLetter).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!letter) throw PlatformError.notFound('Dead letter', id);
    return letter;
  }
}
