import { Module, type OnModuleInit } from '@nestjs/common';
import { sqlLiteral, type TransactionRider } from '../database/transaction-riders.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { auditSettings } from './audit-scope.js';

/**
 * Hands the acting user, request id and action to the database in the round trip that
 * begins each transaction (`set_config(..., true)` lasts for that transaction only),
 * so the change trigger writes who changed what in the very transaction that changed
 * it: no committed change without its audit row, and nothing to forget in a service.
 */
const AUDIT_SETTINGS: TransactionRider = {
  begin() {
    const settings = auditSettings();
    return settings === undefined ? undefined : `SELECT set_config('zhongshu.audit', ${sqlLiteral(settings)}, true)`;
  },
};

/**
 * Hands the request or job context to the change trigger in every transaction. The
 * API gets it through AuditModule; the worker imports it alone (no routes), so the
 * changes its event handlers make are audited with the actor and correlation id too.
 */
@Module({})
export class AuditContextModule implements OnModuleInit {
  constructor(private readonly uow: UnitOfWork) {}

  onModuleInit(): void {
    this.uow.ride(AUDIT_SETTINGS);
  }
}
