import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORG_DIRECTORY, type OrgDirectory } from '@zhongshu/contracts';
import { newId, UnitOfWork } from '@zhongshu/platform';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { startTestApi, type TestApi } from '../harness/test-api.js';

/**
 * A query port is called by another context inside that context's transaction. It must
 * answer on that transaction's connection: it then sees the caller's uncommitted
 * changes, and it never asks the pool for a second connection, which would wait forever
 * once the callers hold them all.
 */
describe.each([
  ['a pool with connections to spare', undefined],
  ['a pool of one connection, held by the caller', '1'],
])('the ORG_DIRECTORY port inside the caller’s transaction, on %s', (_pool, poolSize) => {
  let api: TestApi;
  let directory: OrgDirectory;
  let uow: UnitOfWork;
  let pool: pg.Pool;

  beforeAll(async () => {
    api = await startTestApi({ env: poolSize ? { DATABASE_POOL_SIZE: poolSize } : {} });
    directory = api.app.get<symbol, OrgDirectory>(ORG_DIRECTORY, { strict: false });
    uow = api.app.get(UnitOfWork);
    pool = (api.app.get(DataSource).driver as unknown as { master: pg.Pool }).master;
  });
  afterAll(async () => api?.close());

  /**
   * Runs `work` in a transaction of its own, failing it the moment anything waits for a
   * pool connection (on the pool of one, the only one is this transaction's): the
   * transaction then rolls back, the waiting query gets the connection, and the test
   * ends instead of hanging.
   */
  const inTransaction = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    let done = false;
    return uow.run(async (manager) => {
      const secondConnection = (async (): Promise<never> => {
        while (!done) {
          if (pool.waitingCount > 0) throw new Error('a query inside the transaction waited for a second pool connection');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return new Promise<never>(() => undefined);
      })();
      try {
        return await Promise.race([work(manager), secondConnection]);
      } finally {
        done = true;
      }
    });
  };

  /** A small committed org: HQ led by the GM, Sales below it led by a lead, and a rep in Sales. */
  const committedOrg = async () => {
    const tag = newId().slice(-12);
    const ids = { hq: newId(), sales: newId(), planner: newId(), gm: newId(), lead: newId(), rep: newId() };
    await uow.run(async (manager) => {
      await manager.query(
        `INSERT INTO org.department (id, parent_id, code, name) VALUES ($1, NULL, $3, 'HQ'), ($2, $1, $4, 'Sales')`,
        [ids.hq, ids.sales, `HQ-${tag}`, `SALES-${tag}`],
      );
      await manager.query(`INSERT INTO org.position (id, code, name) VALUES ($1, $2, 'Planner')`, [ids.planner, `PLAN-${tag}`]);
      await manager.query(
        `INSERT INTO org.person (id, employee_no, name, username, main_department_id, manager_id, position_id) VALUES
           ($1, $4, 'A GM', $7, $10, NULL, NULL),
           ($2, $5, 'B Lead', $8, $11, $1, NULL),
           ($3, $6, 'C Rep', $9, $11, $2, $12)`,
        [ids.gm, ids.lead, ids.rep, `G-${tag}`, `L-${tag}`, `R-${tag}`, `gm.${tag}`, `lead.${tag}`, `rep.${tag}`, ids.hq, ids.sales, ids.planner],
      );
      await manager.query(`UPDATE org.department SET leader_id = CASE id WHEN $1::uuid THEN $3::uuid ELSE $4::uuid END WHERE id IN ($1, $2)`, [
        ids.hq,
        ids.sales,
        ids.gm,
        ids.lead,
      ]);
    });
    return { ...ids, tag };
  };

  const leaderNames = async (personId: string): Promise<Array<[number, string, string | null]>> =>
    (await directory.departmentLeaders(personId, 1)).map((leader) => [leader.level, leader.departmentName, leader.leaderName]);
  const chainNames = async (personId: string): Promise<string[]> => (await directory.managerChain(personId)).map((person) => person.name);
  const holderNames = async (departmentId: string, positionId: string): Promise<string[]> =>
    (await directory.holdersOfPosition(departmentId, positionId)).map((person) => person.name);

  it('sees the caller’s uncommitted changes to people and departments, and nothing of them once rolled back', async () => {
    const org = await committedOrg();
    let seen: unknown;
    const changeAndRollBack = inTransaction(async (manager) => {
      // Hire a new lead, make them the leader of Sales and the rep's manager, and give
      // them a part-time Planner post in Sales: none of it committed.
      const newLead = newId();
      await manager.query(
        `INSERT INTO org.person (id, employee_no, name, username, main_department_id, manager_id) VALUES ($1, $2, 'B New Lead', $3, $4, $5)`,
        [newLead, `N-${org.tag}`, `newlead.${org.tag}`, org.hq, org.gm],
      );
      await manager.query('UPDATE org.department SET leader_id = $1 WHERE id = $2', [newLead, org.sales]);
      await manager.query('UPDATE org.person SET manager_id = $1 WHERE id = $2', [newLead, org.rep]);
      await manager.query('INSERT INTO org.part_time_post (id, person_id, department_id, position_id) VALUES ($1, $2, $3, $4)', [
        newId(),
        newLead,
        org.sales,
        org.planner,
      ]);
      seen = { leaders: await leaderNames(org.rep), chain: await chainNames(org.rep), holders: await holderNames(org.sales, org.planner) };
      throw new Error('the caller gives up: roll back');
    });
    await expect(changeAndRollBack).rejects.toThrow('the caller gives up');
    expect(seen).toEqual({
      leaders: [
        [0, 'Sales', 'B New Lead'],
        [1, 'HQ', 'A GM'],
      ],
      chain: ['B New Lead', 'A GM'],
      holders: ['B New Lead', 'C Rep'],
    });
    // Those were the transaction's own: after the rollback the port answers from the committed org.
    await expect(leaderNames(org.rep)).resolves.toEqual([
      [0, 'Sales', 'B Lead'],
      [1, 'HQ', 'A GM'],
    ]);
    await expect(chainNames(org.rep)).resolves.toEqual(['B Lead', 'A GM']);
    await expect(holderNames(org.sales, org.planner)).resolves.toEqual(['C Rep']);
  });

  it('answers the profile, department, role and position questions from the caller’s uncommitted changes too', async () => {
    const org = await committedOrg();
    let seen: unknown;
    const changeAndRollBack = inTransaction(async (manager) => {
      const roleId = newId();
      await manager.query(`UPDATE org.position SET level = 7 WHERE id = $1`, [org.planner]);
      await manager.query(`UPDATE org.person SET position_id = $1 WHERE id = $2`, [org.planner, org.lead]);
      await manager.query(`UPDATE org.department SET name = 'Sales (new)' WHERE id = $1`, [org.sales]);
      await manager.query(`UPDATE org.person SET hire_date = '2016-03-01' WHERE id = $1`, [org.rep]);
      await manager.query(`INSERT INTO org.role (id, code, name) VALUES ($1, $2, 'Checker')`, [roleId, `chk-${org.tag}`.toLowerCase()]);
      await manager.query('INSERT INTO org.person_role (person_id, role_id) VALUES ($1, $2)', [org.rep, roleId]);
      const [lead] = await directory.people([org.lead]);
      const [sales] = await directory.departments([org.sales]);
      seen = {
        lead: [lead.level, lead.positionId === org.planner, lead.departmentId === org.sales, lead.status],
        sales: [sales.name, sales.leaderName],
        role: (await directory.holdersOfRole(`chk-${org.tag}`.toLowerCase())).map((person) => person.name),
        anywhere: (await directory.holdersOfPositionAnywhere(org.planner)).map((person) => person.name),
        hired: (await directory.employees([org.rep])).map((person) => person.hireDate),
        everyone: (await directory.employees()).some((person) => person.id === org.rep && person.hireDate === '2016-03-01'),
      };
      throw new Error('the caller gives up: roll back');
    });
    await expect(changeAndRollBack).rejects.toThrow('the caller gives up');
    expect(seen).toEqual({ lead: [7, true, true, 'active'], sales: ['Sales (new)', 'B Lead'], role: ['C Rep'], anywhere: ['B Lead', 'C Rep'], hired: ['2016-03-01'], everyone: true });
    const [lead] = await directory.people([org.lead]);
    expect(lead.level).toBeNull();
    await expect(directory.holdersOfPositionAnywhere(org.planner)).resolves.toEqual([expect.objectContaining({ name: 'C Rep' })]);
  });

  it('answers inside the transaction without waiting for another connection', async () => {
    const org = await committedOrg();
    await expect(
      inTransaction(async () => ({ leaders: await leaderNames(org.rep), chain: await chainNames(org.rep), holders: await holderNames(org.sales, org.planner) })),
    ).resolves.toEqual({
      leaders: [
        [0, 'Sales', 'B Lead'],
        [1, 'HQ', 'A GM'],
      ],
      chain: ['B Lead', 'A GM'],
      holders: ['C Rep'],
    });
  });
});
