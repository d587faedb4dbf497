import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { PlatformPermission } from '@zhongshu/contracts';
import { newId, RequirePermission, UnitOfWork } from '@zhongshu/platform';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { testAuthorization, TestPrincipalModule } from '../harness/test-principal.module.js';

/**
 * A write that stops between its change and its commit until the test lets it go, so
 * the test can kill its database connection exactly there.
 */
const gate = {
  arrived: undefined as undefined | ((pid: number) => void),
  release: undefined as undefined | (() => void),
};

@Controller('fault-probe')
class FaultProbeController {
  constructor(private readonly uow: UnitOfWork) {}

  @RequirePermission(PlatformPermission.CompanyUpdate)
  @Post('rename')
  @HttpCode(200)
  async rename(): Promise<{ ok: true }> {
    await this.uow.run(async (manager) => {
      await manager.query(`UPDATE platform.company_profile SET name = 'Renamed under a kill', version = version + 1`);
      const [{ pid }] = (await manager.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await new Promise<void>((resolve) => {
        gate.release = resolve;
        gate.arrived?.(pid);
      });
    });
    return { ok: true };
  }
}

@Module({ controllers: [FaultProbeController] })
class FaultProbeModule {}

const writer = testAuthorization(newId(), [PlatformPermission.CompanyUpdate]);

describe('a database connection killed between the change and the commit', () => {
  let api: TestApi;
  let admin: pg.Client;

  beforeAll(async () => {
    api = await startTestApi({ extraModules: [TestPrincipalModule, FaultProbeModule] });
    admin = new pg.Client({ connectionString: api.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await api?.close();
  });

  /** What the database holds of one request: the change, and the request's own audit row. */
  async function traces(requestId: string): Promise<{ renamed: boolean; requestRows: number }> {
    const [{ name }] = (await admin.query('SELECT name FROM platform.company_profile')).rows as Array<{ name: string }>;
    const rows = await admin.query(`SELECT count(*)::int AS n FROM platform.audit_log WHERE request_id = $1 AND kind = 'request' AND outcome = 'success'`, [requestId]);
    return { renamed: name === 'Renamed under a kill', requestRows: rows.rows[0].n as number };
  }

  async function rename(kill: boolean): Promise<request.Response> {
    const arrived = new Promise<number>((resolve) => (gate.arrived = resolve));
    const answer = request(api.url).post('/api/v1/fault-probe/rename').set('authorization', writer).then((response) => response);
    const pid = await arrived;
    if (kill) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    gate.release?.();
    return answer;
  }

  it('keeps neither the change nor its audit row, and says the request can be sent again', async () => {
    await admin.query(`UPDATE platform.company_profile SET name = 'Before'`);
    const killed = await rename(true);
    expect({ status: killed.status, code: killed.body.code }).toEqual({ status: 503, code: 'platform.database-unavailable' });
    expect(killed.headers['retry-after']).toBeDefined();
    expect(await traces(killed.headers['x-request-id'])).toEqual({ renamed: false, requestRows: 0 });
  });

  it('keeps both when the connection lives', async () => {
    await admin.query(`UPDATE platform.company_profile SET name = 'Before'`);
    const done = await rename(false);
    expect(done.status).toBe(200);
    expect(await traces(done.headers['x-request-id'])).toEqual({ renamed: true, requestRows: 1 });
  });
});
