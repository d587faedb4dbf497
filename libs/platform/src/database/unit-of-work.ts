import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import { addCommitStatement, carryRiders, type CommitStatement, type TransactionRider } from './transaction-riders.js';

interface Transaction {
  manager: EntityManager;
  afterCommit: Array<() => void | Promise<void>>;
  afterRollback: Array<() => void | Promise<void>>;
}

const current = new AsyncLocalStorage<Transaction>();

/**
 * One service call, one transaction: every repository obtained through `repo()` and
 * the outbox write inside `run()` share the same connection, so they commit or roll
 * back together. A nested `run()` joins the outer transaction rather than opening a
 * second one, which lets services compose without knowing who started the work.
 */
@Injectable()
export class UnitOfWork {
  private readonly riders: TransactionRider[];

  constructor(private readonly dataSource: DataSource) {
    this.riders = carryRiders(dataSource);
  }

  /**
   * Adds statements to every transaction of the data source from now on: those run
   * here, and any other `dataSource.transaction()` (the relay, sign-in).
   */
  ride(rider: TransactionRider): void {
    if (!this.riders.includes(rider)) this.riders.push(rider);
  }

  /**
   * At the server's default isolation (READ COMMITTED), which it is not told again:
   * naming it would cost every transaction an extra `SET TRANSACTION` round trip.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const outer = current.getStore();
    if (outer) return work(outer.manager);
    const transaction: Transaction = { manager: this.dataSource.manager, afterCommit: [], afterRollback: [] };
    let result: T;
    try {
      result = await this.dataSource.transaction((manager) => {
        transaction.manager = manager;
        return current.run(transaction, () => work(manager));
      });
    } catch (error) {
      for (const callback of transaction.afterRollback) await Promise.resolve().then(callback).catch(() => undefined);
      throw error;
    }
    for (const callback of transaction.afterCommit) await callback();
    return result;
  }

  /**
   * Sends `statement` with the running transaction's COMMIT, in that round trip (an
   * outbox row that nothing reads before the commit). Only inside `run()`.
   */
  atCommit(statement: CommitStatement): void {
    const transaction = current.getStore();
    if (!transaction) throw new Error('UnitOfWork.atCommit() must run inside UnitOfWork.run()');
    addCommitStatement(transaction.manager.queryRunner, statement);
  }

  /** The manager of the running transaction, or the pooled one outside any. */
  get manager(): EntityManager {
    return current.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return current.getStore() !== undefined;
  }

  repo<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  /**
   * Runs `callback` once the surrounding transaction has committed (for nudging a
   * relay or a cache), or at once when there is none. Never for anything that must
   * not be lost: that belongs in the outbox.
   */
  afterCommit(callback: () => void | Promise<void>): void {
    const transaction = current.getStore();
    if (transaction) transaction.afterCommit.push(callback);
    else void callback();
  }

  /**
   * Runs `callback` if the surrounding transaction rolls back (to take away what it wrote
   * outside the database, such as a stored file's bytes); nothing when there is no
   * transaction. Best effort: a failing callback does not hide the transaction's error.
   */
  afterRollback(callback: () => void | Promise<void>): void {
    current.getStore()?.afterRollback.push(callback);
  }
}
