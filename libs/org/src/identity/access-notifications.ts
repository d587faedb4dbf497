import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

export const ACCESS_CHANNEL = 'zhongshu_org_access';
const RECONNECT_MS = 1_000;

/**
 * Listens on `zhongshu_org_access` (see the OrgAccessNotify migration) on a connection
 * of its own. While it is not connected, `live` is false and nothing may be trusted
 * from memory: callers go to the database on every request.
 */
@Injectable()
export class AccessNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccessNotifications');
  private readonly handlers = new Set<(message: string) => void>();
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  get live(): boolean {
    return this.client !== undefined;
  }

  /** `session:<id>`, `person:<id>`, `revision:<n>`, or `reset` when the connection was (re)made or lost. */
  subscribe(handler: (message: string) => void): void {
    this.handlers.add(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    try {
      await this.listen();
    } catch (error) {
      // Only when even creating a client fails (the process is going away).
      this.logger.error(`access notifications cannot start: ${String(error)}`);
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'zhongshu-access-listener' });
    let lost = false;
    const onLost = (reason: unknown): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      this.emit('reset');
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        this.logger.warn(`access notifications lost (${String(reason)}); checking every request against the database until reconnected`);
        setTimeout(() => void this.connect(), RECONNECT_MS).unref();
      }
    };
    client.on('notification', (message) => this.emit(message.payload ?? ''));
    client.on('error', onLost);
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCESS_CHANNEL}`);
      if (lost || this.stopped) return;
      this.client = client;
      this.emit('reset');
    } catch (error) {
      onLost(error);
    }
  }

  private emit(message: string): void {
    for (const handler of this.handlers) handler(message);
  }
}
