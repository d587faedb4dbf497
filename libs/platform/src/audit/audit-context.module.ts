import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditSettingsSubscriber } from './audit-settings.subscriber.js';

/**
 * Hands the request or job context to the change trigger in every transaction. The
 * API gets it through AuditModule; the worker imports it alone (no routes), so the
 * changes its event handlers make are audited with the actor and correlation id too.
 */
@Module({})
export class AuditContextModule implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.some((subscriber) => subscriber instanceof AuditSettingsSubscriber)) {
      this.dataSource.subscribers.push(new AuditSettingsSubscriber());
    }
  }
}
