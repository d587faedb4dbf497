import type { EntitySubscriberInterface, TransactionStartEvent } from 'typeorm';
import { auditSettings } from './audit-scope.js';

/**
 * Hands the acting user, request id and action to the database at the start of each
 * transaction (`set_config(..., true)` lasts for that transaction only), so the
 * change trigger can write who changed what in the very transaction that changed it:
 * no committed change without its audit row, and nothing to forget in a service.
 */
export class AuditSettingsSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const settings = auditSettings();
    if (settings === undefined) return;
    await event.queryRunner.query(`SELECT set_config('zhongshu.audit', $1, true)`, [settings]);
  }
}
