import type { EntityManager } from 'typeorm';
import { joinSql, rawSql, sql, type Sql } from '../paging/sql.js';

/**
 * Writes that go to the database as one statement, one round trip: each becomes a part
 * of a single `WITH` (PostgreSQL runs every data-modifying part exactly once, referenced
 * or not). An action that collected its rows in memory (a request, its node runs, tasks,
 * history, notifications) writes them all at its end instead of a statement each.
 *
 * What one statement means for the parts:
 * - they see the same snapshot, taken before any of them: no part sees another's rows,
 *   so a row is written by one part only (insert it with its final values rather than
 *   inserting and then updating it);
 * - constraints are checked, and row triggers fire, when the whole statement is done:
 *   a child row may be in a part before its parent's;
 * - if any part fails, nothing of the batch is written.
 */
export class WriteBatch {
  private readonly writes: Sql[] = [];
  private readonly effects: Sql[] = [];

  /** An INSERT, UPDATE or DELETE (no RETURNING is read). */
  write(statement: Sql): this {
    this.writes.push(statement);
    return this;
  }

  /**
   * A SELECT run for what it does, such as `pg_notify`: unlike a data-modifying part, a
   * SELECT part runs only when read, so the statement reads its rows.
   */
  effect(statement: Sql): this {
    this.effects.push(statement);
    return this;
  }

  get size(): number {
    return this.writes.length + this.effects.length;
  }

  /** The one statement, or undefined when there is nothing to write. */
  toSql(): Sql | undefined {
    if (this.size === 0) return undefined;
    if (this.size === 1 && this.writes.length === 1) return this.writes[0];
    const parts = [...this.writes.map((statement, index) => sql`w${rawSql(String(index))} AS (${statement})`)];
    parts.push(...this.effects.map((statement, index) => sql`e${rawSql(String(index))} AS (${statement})`));
    const counts = this.effects.map((_, index) => rawSql(`(SELECT count(*) FROM e${index})`));
    return sql`WITH ${joinSql(parts, ', ')} SELECT ${counts.length > 0 ? joinSql(counts, ' + ') : rawSql('0')} AS effects`;
  }

  /** Sends the batch on this manager (the caller's transaction); nothing when it is empty. */
  async run(manager: Pick<EntityManager, 'query'>): Promise<void> {
    const statement = this.toSql();
    if (!statement) return;
    const { text, values } = statement.render();
    await manager.query(text, values);
  }
}
