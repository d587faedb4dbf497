import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SeedRunner } from '@zhongshu/platform';
import { TEST_JWT_SECRET, bearer, signIn, sql } from '../e2e/org-fixtures.js';
import { eventually, FAST_BUS_ENV, withDatabase } from '../event-bus/event-bus-app.js';
import { compileProcess, NodeProcess } from '../harness/node-process.js';
import { createTestDatabase } from '../harness/test-database.js';
import { startTestApi, type TestApi } from '../harness/test-api.js';
import { LAB_SCHEMA_SQL, LabContext } from './lab/lab.context.js';

const ENV = { JWT_SECRET: TEST_JWT_SECRET, RUN_WORKERS: 'false' };

describe('a context that lands later plugs in from its own folder (real PostgreSQL, a separate worker process)', () => {
  let databaseUrl: string;
  let api: TestApi;
  let worker: { process: NodeProcess; pid: number; port: number } | undefined;
  const seeded: string[][] = [];

  beforeAll(async () => {
    compileProcess(new URL('./lab', import.meta.url));
    databaseUrl = await createTestDatabase();
    // Yesterday's product: the demo company without the lab context.
    const before = await startTestApi({ databaseUrl, env: ENV });
    seeded.push(await before.app.get(SeedRunner).seedDemo());
    await before.close();
    // The release that brings the lab context: its migration, then two starts.
    await withDatabase(databaseUrl, (client) => client.query(LAB_SCHEMA_SQL));
    for (let start = 0; start < 2; start++) {
      const next = await startTestApi({ databaseUrl, env: ENV, extraModules: [LabContext.forApi()] });
      seeded.push(await next.app.get(SeedRunner).seedDemo());
      if (start === 0) await next.close();
      else api = next;
    }
    // The real worker app with the lab context loaded for the worker, as a process of its own.
    const started = await NodeProcess.start(new URL('./lab/dist/worker-main.js', import.meta.url), { ...FAST_BUS_ENV, DATABASE_URL: databaseUrl });
    const [, pid, port] = await started.waitFor(/READY pid=(\d+) port=(\d+)/);
    worker = { process: started, pid: Number(pid), port: Number(port) };
  }, 180_000);

  afterAll(async () => {
    await worker?.process.kill('SIGTERM');
    await api?.close();
  });

  it('seeds its demo data into the existing demo database once, after org', async () => {
    // The landed contexts' seeds ran at the first start (org first); the lab's alone at the second; none at the third.
    expect(seeded[0].slice(0, 2)).toEqual(['platform.company', 'org.structure']);
    expect(seeded[0]).toEqual(expect.arrayContaining(['oa.requests', 'crm.customers']));
    expect(seeded.slice(1)).toEqual([['lab.samples'], []]);
    const samples = await sql<{ label: string }>(api, 'SELECT label FROM lab.sample WHERE seeded ORDER BY label');
    expect(samples.map((sample) => sample.label)).toEqual(['钢样 A-01', '钢样 A-02']);
    const runs = await sql<{ name: string }>(api, 'SELECT name FROM platform.seed_run ORDER BY applied_at, name');
    expect(runs.map((run) => run.name)).toEqual([...seeded[0], 'lab.samples']);
  });

  it('grants its permission to the demo role it names, and only that one', async () => {
    const sales = await signIn(api, 'sales');
    await request(api.url).get('/api/v1/lab/samples').set('Authorization', bearer(sales)).expect(200);
    await request(api.url).post('/api/v1/lab/samples').set('Authorization', bearer(sales)).send({ label: 'x' }).expect(403);
    const employee = await signIn(api, 'employee');
    await request(api.url).get('/api/v1/lab/samples').set('Authorization', bearer(employee)).expect(403);
    const [role] = await sql<{ permissions: string[] }>(api, "SELECT permissions FROM org.role WHERE code = 'sales'");
    // Other landed contexts grant the sales role their own permissions; of the lab's, only read.
    expect(role.permissions.filter((code) => code.startsWith('lab:') || code.startsWith('org:'))).toEqual(['lab:sample:read', 'org:person:read']);
  });

  it('adds its menu section to /me for those who may open it, in its declared place', async () => {
    const sales = await signIn(api, 'sales');
    const me = await request(api.url).get('/api/v1/me').set('Authorization', bearer(sales)).expect(200);
    const keys = (me.body.menus as Array<{ key: string }>).map((node) => node.key);
    expect(keys.filter((key) => ['dashboard', 'notifications', 'oa', 'lab', 'org'].includes(key))).toEqual(['dashboard', 'notifications', 'oa', 'lab', 'org']);
    expect((me.body.menus as Array<{ key: string }>).find((node) => node.key === 'lab')).toEqual({
      key: 'lab',
      title: 'menu.lab',
      icon: 'Box',
      children: [{ key: 'lab-samples', title: 'menu.labSamples', path: '/lab/samples', permission: 'lab:sample:read' }],
    });
    const employee = await signIn(api, 'employee');
    const theirs = await request(api.url).get('/api/v1/me').set('Authorization', bearer(employee)).expect(200);
    expect((theirs.body.menus as Array<{ key: string }>).map((node) => node.key)).not.toContain('lab');
  });

  it('offers its permissions on the roles screen with their labels', async () => {
    const admin = await signIn(api, 'admin');
    const catalogue = await request(api.url).get('/api/v1/org/permissions').set('Authorization', bearer(admin)).expect(200);
    expect(catalogue.body).toContainEqual({ code: 'lab:sample:create', context: 'lab', label: { zhCN: '登记样品', en: 'Register samples' } });
  });

  it('handles an event emitted through the API in the worker process, which serves none of its routes', async () => {
    const admin = await signIn(api, 'admin');
    const created = await request(api.url).post('/api/v1/lab/samples').set('Authorization', bearer(admin)).send({ label: '钢样 B-07' }).expect(201);
    const [handled] = await eventually(
      async () => {
        const rows = await sql<{ handled_by_pid: number; label: string }>(api, 'SELECT handled_by_pid, label FROM lab.sample_handled WHERE event_id = $1', [created.body.eventId]);
        return rows.length > 0 ? rows : undefined;
      },
      'the worker process to handle lab.sample.registered',
      60_000,
    );
    expect(handled).toEqual({ handled_by_pid: worker!.pid, label: '钢样 B-07' });
    expect(worker!.pid).not.toBe(process.pid);
    const probe = await fetch(`http://127.0.0.1:${worker!.port}/api/v1/lab/samples`);
    expect(probe.status).toBe(404);
  });
});
