import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { sql } from '../paging/sql.js';
import { UnitOfWork } from './unit-of-work.js';
import { WriteBatch } from './write-batch.js';

describe('WriteBatch (real PostgreSQL)', () => {
  let api: TestApi;
  let uow: UnitOfWork;

  beforeAll(async () => {
    api = await startTestApi();
    uow = api.app.get(UnitOfWork);
  });
  afterAll(async () => api.close());

  const tables = async (manager: EntityManager): Promise<void> => {
    await manager.query('CREATE TEMP TABLE batch_parent (id int PRIMARY KEY, name text NOT NULL) ON COMMIT DROP');
    await manager.query('CREATE TEMP TABLE batch_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES batch_parent (id), name text) ON COMMIT DROP');
  };

  it('writes every part in one statement: a child before its parent, an update, and an effect that is only read', async () => {
    const result = await uow.run(async (manager) => {
      await tables(manager);
      await manager.query(`INSERT INTO batch_parent VALUES (1, 'old')`);
      const batch = new WriteBatch()
        .write(sql`INSERT INTO batch_child (id, parent_id, name) SELECT * FROM unnest(${[10, 11]}::int[], ${[2, 2]}::int[], ${['a', 'b']}::text[])`)
        .write(sql`INSERT INTO batch_parent (id, name) VALUES (${2}, ${'new parent'})`)
        .write(sql`UPDATE batch_parent SET name = ${'renamed'} WHERE id = ${1}`)
        .effect(sql`SELECT set_config('zhongshu.batch_probe', ${'ran'}, true)`);
      expect(batch.size).toBe(4);
      expect(batch.toSql()?.render().text).toMatch(/^WITH w0 AS \(INSERT INTO batch_child .*\$1.*\), w1 AS \(INSERT INTO batch_parent .*\$4.*\).* SELECT \(SELECT count\(\*\) FROM e0\) AS effects$/s);
      await batch.run(manager);
      return {
        parents: await manager.query('SELECT id, name FROM batch_parent ORDER BY id'),
        children: await manager.query('SELECT id, parent_id FROM batch_child ORDER BY id'),
        probe: await manager.query(`SELECT current_setting('zhongshu.batch_probe', true) AS value`),
      };
    });
    expect(result.parents).toEqual([
      { id: 1, name: 'renamed' },
      { id: 2, name: 'new parent' },
    ]);
    expect(result.children).toEqual([
      { id: 10, parent_id: 2 },
      { id: 11, parent_id: 2 },
    ]);
    expect(result.probe).toEqual([{ value: 'ran' }]);
  });

  it('writes nothing of the batch when one part fails its constraints', async () => {
    const left = await uow.run(async (manager) => {
      await tables(manager);
      const batch = new WriteBatch()
        .write(sql`INSERT INTO batch_parent (id, name) VALUES (${3}, ${'kept?'})`)
        .write(sql`INSERT INTO batch_child (id, parent_id) VALUES (${12}, ${99})`);
      await manager.query('SAVEPOINT before_batch');
      await expect(batch.run(manager)).rejects.toThrow(/foreign key/);
      await manager.query('ROLLBACK TO SAVEPOINT before_batch');
      return manager.query('SELECT count(*)::int AS n FROM batch_parent');
    });
    expect(left).toEqual([{ n: 0 }]);
  });

  it('sends a lone write as it is, and nothing at all when empty', async () => {
    const lone = sql`DELETE FROM batch_parent WHERE id = ${1}`;
    expect(new WriteBatch().write(lone).toSql()).toBe(lone);
    expect(new WriteBatch().toSql()).toBeUndefined();
    await expect(new WriteBatch().run({ query: () => Promise.reject(new Error('not called')) })).resolves.toBeUndefined();
  });
});
