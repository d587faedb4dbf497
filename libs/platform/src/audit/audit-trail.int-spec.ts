import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { RequestContext } from '../context/request-context.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditScope } from './audit-scope.js';
import { AuditTrail } from './audit-trail.service.js';

describe('audit trail in the database (real PostgreSQL)', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => api.close());

  it('writes change rows in the transaction of the change, with the context of the request', async () => {
    const uow = api.app.get(UnitOfWork);
    await RequestContext.run({ requestId: 'int-req-1', correlationId: 'int-cor-1', actorId: '019ab000-0000-7000-8000-0000000000aa', ip: '10.1.2.3' }, () =>
      AuditScope.run({ action: 'test:department:create', actorUsername: 'tester' }, () =>
        uow.run((manager) => manager.query(`INSERT INTO org.department (id, code, name) VALUES ('019ab000-0000-7000-8000-0000000000d1', 'INT', '集成')`)),
      ),
    );
    const [row] = await dataSource.query(`SELECT * FROM platform.audit_log WHERE request_id = 'int-req-1'`);
    expect(row).toMatchObject({
      kind: 'change',
      action: 'test:department:create',
      operation: 'insert',
      actor_id: '019ab000-0000-7000-8000-0000000000aa',
      actor_username: 'tester',
      ip: '10.1.2.3',
      correlation_id: 'int-cor-1',
      entity_type: 'org.department',
      entity_id: '019ab000-0000-7000-8000-0000000000d1',
    });
    expect(row.changes.code).toEqual({ old: null, new: 'INT' });
  });

  it('writes nothing for a change that rolls back', async () => {
    const uow = api.app.get(UnitOfWork);
    await expect(
      RequestContext.run({ requestId: 'int-req-2', correlationId: 'int-cor-2' }, () =>
        uow.run(async (manager) => {
          await manager.query(`INSERT INTO org.department (id, code, name) VALUES ('019ab000-0000-7000-8000-0000000000d2', 'INT2', '回滚')`);
          throw new Error('rule broken after the write');
        }),
      ),
    ).rejects.toThrow('rule broken');
    expect(await dataSource.query(`SELECT 1 FROM platform.audit_log WHERE request_id = 'int-req-2'`)).toHaveLength(0);
  });

  it('records request rows and pages through them newest first', async () => {
    const trail = api.app.get(AuditTrail);
    for (const outcome of ['success', 'failure', 'success'] as const) {
      await RequestContext.run({ requestId: `int-page-${outcome}`, correlationId: 'c' }, () => trail.record({ kind: 'request', action: 'test:page:probe', outcome }));
    }
    const page = await trail.search({ pageSize: 2, action: 'test:page:probe' } as never);
    expect(page).toMatchObject({ total: 3, totalIsEstimate: false, nextCursor: expect.any(String) });
    expect(page.items).toHaveLength(2);
    expect(Number(page.items[0].id)).toBeGreaterThan(Number(page.items[1].id));
    const rest = await trail.search({ pageSize: 2, action: 'test:page:probe', after: page.nextCursor } as never);
    expect(rest.items.map((entry) => entry.requestId)).toEqual(['int-page-success']);
    expect(rest.nextCursor).toBeNull();
    const failures = await trail.search({ pageSize: 10, action: 'test:page:probe', outcome: 'failure' } as never);
    expect(failures.items.map((entry) => entry.requestId)).toEqual(['int-page-failure']);
  });
});
