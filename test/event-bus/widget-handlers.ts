import { Body, Controller, Injectable, Module, Param, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import type { EventEnvelope } from '@zhongshu/contracts';
import { EventBus, EventHandler, Public, RequestContext, ScheduledJob, UnitOfWork, type ScheduledRun } from '@zhongshu/platform';
import type { EntityManager } from 'typeorm';
import './widget-events.js';

/** A handler held inside its transaction until the test lets it go. */
export interface HeldHandler {
  /** Settles once the handler has written its effect and is waiting to be released. */
  entered: Promise<void>;
  release(): void;
}

/**
 * What the tests make the widget handlers do: fail, or wait mid-transaction. One per
 * app, and every setting is keyed by a widget (aggregate) id, which each test makes
 * itself: no test can see, or has to undo, what another set.
 */
@Injectable()
export class WidgetControls {
  private readonly poisoned = new Set<string>();
  private readonly held = new Map<string, { entered(): void; released: Promise<void> }>();
  /** The clock's time of every run of the scheduled job, in run order. */
  readonly ticks: Date[] = [];

  /** Every delivery of this widget's events fails until `cure`. */
  poison(widget: string): void {
    this.poisoned.add(widget);
  }

  cure(widget: string): void {
    this.poisoned.delete(widget);
  }

  isPoisoned(widget: string): boolean {
    return this.poisoned.has(widget);
  }

  /** The next delivery of this widget's events waits, inside its transaction, until released. */
  hold(widget: string): HeldHandler {
    let entered!: () => void;
    let release!: () => void;
    const enteredSignal = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held.set(widget, { entered, released });
    return { entered: enteredSignal, release };
  }

  async waitIfHeld(widget: string): Promise<void> {
    const hold = this.held.get(widget);
    if (!hold) return;
    this.held.delete(widget);
    hold.entered();
    await hold.released;
  }
}

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
    -- The whole RequestContext the handler ran in.
    context jsonb,
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
  constructor(
    private readonly bus: EventBus,
    private readonly controls: WidgetControls,
  ) {}

  @EventHandler(['test.widget.registered', 'test.widget.renamed'], { name: 'test.record-widget-history' })
  async recordHistory(event: EventEnvelope<'test.widget.registered' | 'test.widget.renamed'>, manager: EntityManager): Promise<void> {
    await this.record('test.record-widget-history', event, event.payload.label, manager);
    await this.controls.waitIfHeld(event.aggregateId);
    this.failIfPoisoned(event, event.payload.label);
    if (event.payload.label === 'needs-follow-up') {
      await this.bus.emit('test.widget.followed-up', event.aggregateId, { origin: event.id });
    }
  }

  @EventHandler('test.widget.followed-up', { name: 'test.note-follow-up' })
  async noteFollowUp(event: EventEnvelope<'test.widget.followed-up'>, manager: EntityManager): Promise<void> {
    await this.record('test.note-follow-up', event, event.payload.origin, manager);
  }

  /** A handler of its own for the metrics test, so its counts are that test's alone. */
  @EventHandler('test.widget.weighed', { name: 'test.record-widget-weight' })
  async recordWeight(event: EventEnvelope<'test.widget.weighed'>, manager: EntityManager): Promise<void> {
    await this.record('test.record-widget-weight', event, event.payload.label, manager);
    this.failIfPoisoned(event, event.payload.label);
  }

  @ScheduledJob('test.count-ticks', { everyMs: 250 })
  async countTicks(run: ScheduledRun): Promise<void> {
    this.controls.ticks.push(run.now);
  }

  private failIfPoisoned(event: EventEnvelope, label: string): void {
    if (this.controls.isPoisoned(event.aggregateId)) throw new Error(`widget "${label}" is poison`);
  }

  private async record(handler: string, event: EventEnvelope, label: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO public.widget_effect (event_id, handler, event_type, aggregate_id, sequence, label, correlation_id, causation_id, context)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [event.id, handler, event.type, event.aggregateId, event.sequence, label, event.correlationId, event.causationId, JSON.stringify(RequestContext.current() ?? null)],
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

@Module({ providers: [WidgetControls, WidgetHandlers], controllers: [WidgetController] })
export class WidgetHandlersModule {}
