/**
 * Reads that do not depend on each other. On the pool (a DataSource, or the manager of no
 * transaction) they run side by side, each on a connection of its own. On a
 * transaction's manager they run one after another: its one connection runs one
 * statement at a time anyway, and node-postgres queues a second `query()` on a busy
 * client only with a deprecation warning today and refuses it from pg 9.
 */
export async function readTogether<T extends unknown[]>(db: object, reads: [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  if (!onOneConnection(db)) return (await Promise.all(reads.map((read) => read()))) as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as T;
}

/** A manager bound to a query runner is a transaction's (or a held connection's). */
function onOneConnection(db: object): boolean {
  return (db as { queryRunner?: unknown }).queryRunner != null;
}
