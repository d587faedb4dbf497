import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { CompanyProfile } from '../company/company-profile.entity.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from './ids.js';
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
});
