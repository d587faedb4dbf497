import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from './event-bus.tokens.js';
import { OutboxRelay } from './outbox-relay.js';

/**
 * Wakes a relay once events have committed. A relay in this process is nudged in
 * memory; otherwise one NOTIFY goes out after the commit, never inside the emitting
 * transaction: PostgreSQL serialises the commits of all transactions that notified on
 * one lock, their WAL flush included, so a NOTIFY in every writing transaction made
 * every write wait for every other one's commit. At most one NOTIFY is in flight;
 * commits meanwhile share the next, so under load it costs a round trip per batch, not
 * per event. The relay's poll covers a NOTIFY that is lost.
 */
@Injectable()
export class OutboxSignal {
  private sending = false;
  private again = false;
  private readonly log = new Logger('OutboxSignal');

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  committed(): void {
    if (this.relay.isRunning) {
      this.relay.nudge();
      return;
    }
    if (this.sending) {
      this.again = true;
      return;
    }
    this.send();
  }

  private send(): void {
    this.sending = true;
    this.again = false;
    this.dataSource
      .query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`)
      .catch((error: unknown) => this.log.debug(`could not announce committed events, relays will poll: ${(error as Error).message}`))
      .finally(() => {
        this.sending = false;
        if (this.again && this.dataSource.isInitialized) this.send();
      });
  }
}
