import { Body, Controller, Injectable, Module, Param, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import type { EventEnvelope } from '@zhongshu/contracts';
import { EventBus, EventHandler, Public, RequestContext, ScheduledJob, UnitOfWork, type ScheduledRun } from '@zhongshu/platform';
import type { EntityManager } from 'typeorm';
import './widget-events.js';

/** Knobs the tests turn: which labels fail, and whether a handler pauses mid-transaction. */
export const widgetControl = {
  poisoned: new Set<string>(),
  /** Labels whose handler waits (inside its transaction) until released. */
  paused: new Map<string, Promise<void>>(),
  ticks: [] as Date[],
};

export const EFFECT_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS public.widget_effect (
    event_id uuid NOT NULL,
    handler text NOT NULL,
    event_type text NOT NULL,
    aggregate_id text NOT NULL,
    sequence integer NOT NULL,
    label text NOT NULL,
    correlation_id text,
    causation_id text,
    context_correlation_id text,
    context_causation_id text,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  -- Audited like a context's own table, so the tests can read the handlers' changes
  -- back from the audit trail.
  CREATE OR REPLACE TRIGGER widget_effect_audit AFTER INSERT ON public.widget_effect
    FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change()`;

/**
 * Records every delivery as a row (no unique key on purpose: a duplicate effect would
 * show as a second row), so the tests can count effects and read their order.
 */
@Injectable()
export class WidgetHandlers {
  constructor(private readonly bus: EventBus) {}

  @EventHandler(['test.widget.registered', 'test.widget.renamed'], { name: 'test.record-widget-history' })
  async recordHistory(event: EventEnvelope<'test.widget.registered' | 'test.widget.renamed'>, manager: EntityManager): Promise<void> {
    await this.record('test.record-widget-history', event, event.payload.label, manager);
    const pause = widgetControl.paused.get(event.payload.label);
    if (pause) await pause;
    if (widgetControl.poisoned.has(event.payload.label)) throw new Error(`widget "${event.payload.label}" is poison`);
    if (event.payload.label === 'needs-follow-up') {
      await this.bus.emit('test.widget.followed-up', event.aggregateId, { origin: event.id });
    }
  }

  @EventHandler('test.widget.followed-up', { name: 'test.note-follow-up' })
  async noteFollowUp(event: EventEnvelope<'test.widget.followed-up'>, manager: EntityManager): Promise<void> {
    await this.record('test.note-follow-up', event, event.payload.origin, manager);
  }

  @ScheduledJob('test.count-ticks', { everyMs: 250 })
  async countTicks(run: ScheduledRun): Promise<void> {
    widgetControl.ticks.push(run.now);
  }

  private async record(handler: string, event: EventEnvelope, label: string, manager: EntityManager): Promise<void> {
    const context = RequestContext.current();
    await manager.query(
      `INSERT INTO public.widget_effect (event_id, handler, event_type, aggregate_id, sequence, label, correlation_id, causation_id,
         context_correlation_id, context_causation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [event.id, handler, event.type, event.aggregateId, event.sequence, label, event.correlationId, event.causationId, context?.correlationId, context?.causationId],
    );
  }
}

class RegisterWidgetDto {
  @IsString()
  @MaxLength(100)
  label!: string;
}

/** A write over HTTP: the change (here only the event) commits in one transaction. */
@Controller('test/widgets')
export class WidgetController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
  ) {}

  @Public()
  @Post(':id/register')
  async register(@Param('id') id: string, @Body() body: RegisterWidgetDto): Promise<{ eventId: string; sequence: number }> {
    const event = await this.uow.run(() => this.bus.emit('test.widget.registered', id, { label: body.label }));
    return { eventId: event.id, sequence: event.sequence };
  }
}

@Module({ providers: [WidgetHandlers], controllers: [WidgetController] })
export class WidgetHandlersModule {}
