import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { CompanyProfile } from '../company/company-profile.entity.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from './ids.js';
import { readTogether } from './read-together.js';
import { saveVersioned } from './save-versioned.js';
import { UnitOfWork } from './unit-of-work.js';

describe('UnitOfWork and optimistic locking (real PostgreSQL)', () => {
  let api: TestApi;
  let uow: UnitOfWork;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    uow = api.app.get(UnitOfWork);
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => api.close());

  const companyName = async (): Promise<string> =>
    (await dataSource.getRepository(CompanyProfile).find({ take: 1 }))[0].name;

  it('rolls back every write of a failed unit of work', async () => {
    const before = await companyName();
    await expect(
      uow.run(async (manager) => {
        await manager.query("UPDATE platform.company_profile SET name = 'Half written'");
        await manager.query("INSERT INTO platform.seed_run (name) VALUES ('rollback-probe')");
        throw new Error('business rule failed after two writes');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await companyName()).toBe(before);
    const probe = await dataSource.query("SELECT 1 FROM platform.seed_run WHERE name = 'rollback-probe'");
    expect(probe).toHaveLength(0);
  });

  it('lets a nested unit of work join the outer transaction', async () => {
    await expect(
      uow.run(async () => {
        await uow.run(async (inner) => inner.query("INSERT INTO platform.seed_run (name) VALUES ('nested-probe')"));
        expect(uow.inTransaction).toBe(true);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await dataSource.query("SELECT 1 FROM platform.seed_run WHERE name = 'nested-probe'")).toHaveLength(0);
  });

  it('runs after-commit callbacks only once the transaction committed', async () => {
    const calls: string[] = [];
    await uow.run(async () => {
      uow.afterCommit(() => {
        calls.push('committed');
      });
      calls.push('work');
    });
    await expect(
      uow.run(async () => {
        uow.afterCommit(() => {
          calls.push('never');
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    expect(calls).toEqual(['work', 'committed']);
  });

  it('refuses a stale version, and lets one of two concurrent writers win', async () => {
    const read = async () => (await dataSource.getRepository(CompanyProfile).find({ take: 1 }))[0];
    const first = await read();
    const second = await read();
    const actor = newId();
    first.name = 'First writer';
    await RequestContext.run({ requestId: 'r1', correlationId: 'c1', actorId: actor }, () =>
      uow.run((manager) => saveVersioned(manager, first, second.version)),
    );
    expect(first.version).toBe(second.version + 1);
    expect((await read()).updatedBy).toBe(actor);

    second.name = 'Second writer';
    await expect(uow.run((manager) => saveVersioned(manager, second, second.version))).rejects.toMatchObject({
      status: 409,
      code: 'version-conflict',
    });

    const [a, b] = [await read(), await read()];
    a.name = 'A';
    b.name = 'B';
    const results = await Promise.allSettled([
      uow.run((manager) => saveVersioned(manager, a, a.version)),
      uow.run((manager) => saveVersioned(manager, b, b.version)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(['A', 'B']).toContain(await companyName());
  });

  describe('what rides with BEGIN and COMMIT', () => {
    /** The round trips node-postgres makes while `work` runs (it has no pipelining: one query, one trip). */
    const roundTrips = async (work: () => Promise<unknown>): Promise<string[]> => {
      const sent: string[] = [];
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
        const [config] = args as [string | { text?: string }];
        sent.push(typeof config === 'string' ? config : (config?.text ?? ''));
        return (query as (...rest: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      try {
        await work();
      } finally {
        pg.Client.prototype.query = query;
      }
      return sent;
    };
    const context = { requestId: 'rider-request', correlationId: 'rider-flow', actorId: newId(), action: 'platform:rider:probe' };

    it('begins in the round trip of the first statement, which already sees the audit context', async () => {
      let seen: string | undefined;
      const sent = await roundTrips(() =>
        RequestContext.run({ ...context }, () =>
          uow.run(async (manager) => {
            [{ setting: seen }] = await manager.query(`SELECT current_setting('zhongshu.audit', true) AS setting WHERE $1::int = 1`, [1]);
            await manager.query("INSERT INTO platform.seed_run (name) VALUES ('rider-probe')");
          }),
        ),
      );
      expect(JSON.parse(seen as string)).toMatchObject({ requestId: 'rider-request', correlationId: 'rider-flow', actorId: context.actorId, action: 'platform:rider:probe' });
      expect(sent).toHaveLength(3);
      expect(sent[0]).toMatch(/^START TRANSACTION;\nSELECT set_config\('zhongshu.audit', .*;\nSELECT current_setting\('zhongshu.audit', true\) AS setting WHERE '1'::int = 1$/s);
      expect(sent[2]).toBe('COMMIT');
      expect(await dataSource.query("SELECT 1 FROM platform.seed_run WHERE name = 'rider-probe'")).toHaveLength(1);
    });

    it('sends a statement added for COMMIT with it, hands it its rows, and sends nothing for an empty transaction', async () => {
      let returned: unknown;
      const sent = await roundTrips(() =>
        uow.run(async (manager) => {
          await manager.query("INSERT INTO platform.seed_run (name) VALUES ('commit-probe')");
          uow.atCommit({ sql: "SELECT count(*)::int AS n FROM platform.seed_run WHERE name = 'commit-probe'", returned: (rows) => (returned = rows) });
        }),
      );
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatch(/SELECT count\(\*\)::int AS n .*;\nCOMMIT$/s);
      expect(returned).toEqual([{ n: 1 }]);
      expect(await roundTrips(() => uow.run(async () => undefined))).toEqual([]);
    });

    it('rolls everything back when a statement carried with COMMIT fails', async () => {
      await expect(
        uow.run(async (manager) => {
          await manager.query("INSERT INTO platform.seed_run (name) VALUES ('failed-commit-probe')");
          uow.atCommit({ sql: 'SELECT 1 / 0' });
        }),
      ).rejects.toThrow('division by zero');
      expect(await dataSource.query("SELECT 1 FROM platform.seed_run WHERE name = 'failed-commit-probe'")).toHaveLength(0);
      // The connection went back to the pool usable, not stuck in an aborted transaction.
      await expect(uow.run((manager) => manager.query('SELECT 1 AS one WHERE $1::int = 1', [1]))).resolves.toEqual([{ one: 1 }]);
    });

    it('answers a failed first statement as TypeORM does, and leaves nothing begun behind', async () => {
      await expect(uow.run((manager) => manager.query('SELECT 1 / $1::int', [0]))).rejects.toBeInstanceOf(QueryFailedError);
      await expect(uow.run((manager) => manager.query('SELECT 2 AS two'))).resolves.toEqual([{ two: 2 }]);
    });

    it('refuses a statement for COMMIT outside a unit of work', () => {
      expect(() => uow.atCommit({ sql: 'SELECT 1' })).toThrow('inside UnitOfWork.run()');
    });
  });
  it('reads together side by side on the pool, and one statement at a time inside a transaction', async () => {
    // How many statements each connection was asked to run at once, the most seen.
    const busiest = async (run: (manager: EntityManager) => Promise<unknown>, manager?: EntityManager) => {
      const target = manager ?? dataSource.manager;
      const pids: number[] = [];
      const slow = () => target.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.15)').then((rows: Array<{ pid: number }>) => pids.push(rows[0].pid));
      let inFlight = 0;
      let most = 0;
      const runner = target.queryRunner;
      const original = runner?.query.bind(runner);
      if (runner && original) {
        runner.query = (async (...args: Parameters<typeof original>) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await original(...args);
          } finally {
            inFlight -= 1;
          }
        }) as typeof runner.query;
      }
      await run(target);
      await readTogether(target, [slow, slow, slow]);
      if (runner && original) runner.query = original;
      return { pids, most };
    };
    const pooled = await busiest(async () => undefined);
    // Three connections of the pool at once.
    expect(new Set(pooled.pids).size).toBe(3);
    const inside = await uow.run((manager) => busiest(async () => undefined, manager));
    expect(new Set(inside.pids).size).toBe(1);
    expect(inside.most).toBe(1);
  });
});
