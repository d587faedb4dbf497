import { HttpStatus, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { LeaveLedgerKind } from '@zhongshu/contracts';
import { Clock, UnitOfWork, newId } from '@zhongshu/platform';
import { OaError, OaErrorCode } from '../oa-error.js';

export interface LedgerEntry {
  kind: LeaveLedgerKind;
  granted?: Decimal.Value;
  held?: Decimal.Value;
  used?: Decimal.Value;
  leaveId?: string | null;
  overtimeId?: string | null;
  /** What a grant stands for ('statutory-annual:2026'): a grant run recomputes it by this. */
  source?: string | null;
  note?: string | null;
}

export interface BalanceRow {
  id: string;
  person_id: string;
  leave_type_id: string;
  year: number;
  granted: string;
  held: string;
  used: string;
  carried: string;
}

/**
 * 假期账本: the balance of a person's leave type in a year, changed only by posting a
 * ledger entry that says how each bucket moved (granted, held, used). Every method
 * runs in the caller's transaction, one conditional UPDATE on the balance row then
 * the entry, so a balance always equals the sum of its ledger and two holds at once
 * are decided by the row's lock: the second sees what the first left.
 */
@Injectable()
export class LeaveBook {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The balance row of a person's type in a year, made (empty) when it is the first. */
  async ensure(personId: string, leaveTypeId: string, year: number): Promise<string> {
    await this.uow.manager.query(
      `INSERT INTO oa.leave_balance (id, person_id, leave_type_id, year) VALUES ($1, $2, $3, $4) ON CONFLICT (person_id, leave_type_id, year) DO NOTHING`,
      [newId(), personId, leaveTypeId, year],
    );
    const [row] = await this.uow.manager.query('SELECT id FROM oa.leave_balance WHERE person_id = $1 AND leave_type_id = $2 AND year = $3', [personId, leaveTypeId, year]);
    return row.id as string;
  }

  /** Posts an entry: moves the buckets and records why. */
  async post(balanceId: string, entry: LedgerEntry, actorId: string | null): Promise<void> {
    const granted = new Decimal(entry.granted ?? 0);
    const held = new Decimal(entry.held ?? 0);
    const used = new Decimal(entry.used ?? 0);
    await this.uow.manager.query(
      `UPDATE oa.leave_balance SET granted = granted + $2, held = held + $3, used = used + $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1`,
      [balanceId, granted.toString(), held.toString(), used.toString(), actorId],
    );
    await this.insertEntry(balanceId, entry, granted, held, used, actorId);
  }

  /**
   * 冻结: holds `days` for a leave being approved. Refused when the balance has less
   * available, unless the type allows going below zero: the check is the UPDATE's own
   * WHERE, so of two submissions racing for the last day exactly one wins.
   */
  async hold(balanceId: string, days: Decimal, allowNegative: boolean, leaveId: string, actorId: string): Promise<void> {
    const [, changed] = await this.uow.manager.query(
      `UPDATE oa.leave_balance SET held = held + $2, version = version + 1, updated_at = now(), updated_by = $4
        WHERE id = $1 AND ($3 OR granted - held - used >= $2)`,
      [balanceId, days.toString(), allowNegative, actorId],
    );
    if (!changed) {
      const [balance] = await this.uow.manager.query('SELECT (granted - held - used)::text AS available FROM oa.leave_balance WHERE id = $1', [balanceId]);
      const available = new Decimal(balance.available as string);
      throw new OaError(OaErrorCode.InsufficientBalance, HttpStatus.UNPROCESSABLE_ENTITY, `Not enough leave left: ${available.toString()} day(s) available, ${days.toString()} asked`, [
        { field: 'endDate', message: `only ${available.toString()} day(s) available` },
      ]);
    }
    await this.insertEntry(balanceId, { kind: 'hold', leaveId }, new Decimal(0), days, new Decimal(0), actorId);
  }

  /**
   * Brings a grant to what it should be: the entries with this source add up to
   * `amount` afterwards (a grant run repeated changes nothing; a recomputed one, after
   * a person left, posts the difference).
   */
  async grantTo(balanceId: string, source: string, amount: Decimal, note: string, actorId: string | null): Promise<boolean> {
    const [row] = await this.uow.manager.query(`SELECT coalesce(sum(granted_delta), 0)::text AS total FROM oa.leave_ledger WHERE balance_id = $1 AND source = $2`, [balanceId, source]);
    const difference = amount.minus(row.total as string);
    if (difference.isZero()) return false;
    await this.post(balanceId, { kind: 'grant', granted: difference, source, note }, actorId);
    return true;
  }

  async balance(balanceId: string): Promise<BalanceRow> {
    const [row] = await this.uow.manager.query(
      `SELECT id, person_id, leave_type_id, year, granted::text, held::text, used::text, carried::text FROM oa.leave_balance WHERE id = $1`,
      [balanceId],
    );
    return row as BalanceRow;
  }

  private async insertEntry(balanceId: string, entry: LedgerEntry, granted: Decimal, held: Decimal, used: Decimal, actorId: string | null): Promise<void> {
    await this.uow.manager.query(
      `INSERT INTO oa.leave_ledger (id, balance_id, kind, granted_delta, held_delta, used_delta, leave_id, overtime_id, source, note, at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [newId(), balanceId, entry.kind, granted.toString(), held.toString(), used.toString(), entry.leaveId ?? null, entry.overtimeId ?? null, entry.source ?? null, entry.note ?? null, this.clock.now(), actorId],
    );
  }
}
