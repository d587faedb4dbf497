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
   * A grant run in a few statements whatever the company's size: brings each (person,
   * type) grant of the year to its amount, making the balances that are missing and
   * posting the differences with their ledger entries.
   */
  async grantMany(year: number, grants: ReadonlyArray<{ personId: string; leaveTypeId: string; amount: Decimal; source: string; note: string }>, actorId: string | null): Promise<number> {
    if (grants.length === 0) return 0;
    const current: Array<{ person_id: string; leave_type_id: string; total: string }> = await this.uow.manager.query(
      `SELECT b.person_id, b.leave_type_id, coalesce(sum(e.granted_delta), 0)::text AS total
         FROM oa.leave_balance b LEFT JOIN oa.leave_ledger e ON e.balance_id = b.id AND e.source = ANY($2::text[])
        WHERE b.year = $1 AND b.person_id = ANY($3::uuid[]) AND b.leave_type_id = ANY($4::uuid[])
        GROUP BY b.person_id, b.leave_type_id`,
      [year, [...new Set(grants.map((grant) => grant.source))], [...new Set(grants.map((grant) => grant.personId))], [...new Set(grants.map((grant) => grant.leaveTypeId))]],
    );
    const known = new Map(current.map((row) => [`${row.person_id}/${row.leave_type_id}`, new Decimal(row.total)]));
    const changes = grants
      .map((grant) => ({ ...grant, exists: known.has(`${grant.personId}/${grant.leaveTypeId}`), delta: grant.amount.minus(known.get(`${grant.personId}/${grant.leaveTypeId}`) ?? 0) }))
      .filter((grant) => !grant.delta.isZero());
    if (changes.length === 0) return 0;
    const missing = changes.filter((grant) => !grant.exists);
    if (missing.length > 0) {
      await this.uow.manager.query(
        `INSERT INTO oa.leave_balance (id, person_id, leave_type_id, year) SELECT id, person_id, leave_type_id, $4 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS i(id, person_id, leave_type_id)
         ON CONFLICT (person_id, leave_type_id, year) DO NOTHING`,
        [missing.map(() => newId()), missing.map((grant) => grant.personId), missing.map((grant) => grant.leaveTypeId), year],
      );
    }
    await this.uow.manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[], $5::text[], $6::uuid[]) AS i(person_id, leave_type_id, delta, source, note, entry_id)
       ), moved AS (
         UPDATE oa.leave_balance b SET granted = b.granted + i.delta, version = b.version + 1, updated_at = now(), updated_by = $8
           FROM input i WHERE b.person_id = i.person_id AND b.leave_type_id = i.leave_type_id AND b.year = $7
         RETURNING b.id AS balance_id, i.entry_id
       )
       INSERT INTO oa.leave_ledger (id, balance_id, kind, granted_delta, source, note, at, created_by)
       SELECT i.entry_id, m.balance_id, 'grant', i.delta, i.source, i.note, $9, $8 FROM input i JOIN moved m ON m.entry_id = i.entry_id`,
      [
        changes.map((grant) => grant.personId),
        changes.map((grant) => grant.leaveTypeId),
        changes.map((grant) => grant.delta.toString()),
        changes.map((grant) => grant.source),
        changes.map((grant) => grant.note),
        changes.map(() => newId()),
        year,
        actorId,
        this.clock.now(),
      ],
    );
    return changes.length;
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
