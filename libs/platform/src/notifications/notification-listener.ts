import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { decodeSignals, NOTIFICATION_CHANNEL, type NotificationSignal } from './notification-signal.js';

const RECONNECT_MS = 1_000;

/** What the listener tells: signals as they arrive, or `reset` when some may have been missed. */
export type ListenerMessage = { kind: 'signals'; signals: NotificationSignal[] } | { kind: 'reset' };

/**
 * The API process's one LISTEN connection on `zhongshu_notification`, of its own (a
 * pooled connection cannot wait for notifications). Lost, it is made again after a
 * second; `reset` is told each time it is (re)made, since whatever was announced
 * meanwhile never arrived.
 */
@Injectable()
export class NotificationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationListener');
  private readonly handlers = new Set<(message: ListenerMessage) => void>();
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  get live(): boolean {
    return this.client !== undefined;
  }

  subscribe(handler: (message: ListenerMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'zhongshu-notification-listener' });
    let lost = false;
    const onLost = (reason: unknown): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        this.logger.warn(`notification listener lost (${String(reason)}); connecting again`);
        setTimeout(() => void this.listen(), RECONNECT_MS).unref();
      }
    };
    client.on('notification', (message) => {
      const signals = decodeSignals(message.payload ?? '');
      if (signals.length > 0) this.tell({ kind: 'signals', signals });
    });
    client.on('error', onLost);
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      if (lost || this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.tell({ kind: 'reset' });
    } catch (error) {
      onLost(error);
    }
  }

  private tell(message: ListenerMessage): void {
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch (error) {
        this.logger.error(`notification handler failed: ${String(error)}`);
      }
    }
  }
}
