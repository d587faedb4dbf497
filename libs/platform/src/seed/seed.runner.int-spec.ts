import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { SeedRunner } from './seed.runner.js';

describe('demo seed (real PostgreSQL)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('runs each seeder exactly once, even when two starts race, and records each by name', async () => {
    const runner = api.app.get(SeedRunner);
    const outcomes = await Promise.all([runner.seedDemo(), runner.seedDemo()]);
    // Each loaded context's seeders (more as contexts land), each run by one of the two starts.
    const seeded = outcomes.flat().sort();
    expect(new Set(seeded).size).toBe(seeded.length);
    expect(seeded).toEqual(expect.arrayContaining(['oa.requests', 'org.structure', 'platform.company']));
    await expect(runner.seedDemo()).resolves.toEqual([]);

    const dataSource = api.app.get(DataSource);
    const [company] = await dataSource.query('SELECT name, currency FROM platform.company_profile');
    expect(company).toEqual({ name: '华东精工', currency: 'CNY' });
    const runs: Array<{ name: string }> = await dataSource.query('SELECT name FROM platform.seed_run ORDER BY name');
    expect(runs.map((run) => run.name).sort()).toEqual(seeded);
  });

  it('keeps what users changed after the demo was seeded', async () => {
    const dataSource = api.app.get(DataSource);
    await dataSource.query("UPDATE platform.company_profile SET name = 'Renamed by admin'");
    await expect(api.app.get(SeedRunner).seedDemo()).resolves.toEqual([]);
    const [company] = await dataSource.query('SELECT name FROM platform.company_profile');
    expect(company.name).toBe('Renamed by admin');
  });

  it('orders the seeders by what each runs after: the company before the org structure', () => {
    const names = api.app.get(SeedRunner).seeders().map((seeder) => seeder.name);
    expect(names.indexOf('platform.company')).toBeLessThan(names.indexOf('org.structure'));
  });

  it('gives the demo roles what org grants them', async () => {
    const dataSource = api.app.get(DataSource);
    const [sales] = await dataSource.query("SELECT permissions FROM org.role WHERE code = 'sales'");
    // Org's grants; other contexts' seeders add their own to the same roles.
    expect(sales.permissions).toEqual(expect.arrayContaining(['org:person:read']));
    const [hr] = await dataSource.query("SELECT permissions FROM org.role WHERE code = 'hr'");
    expect(hr.permissions).toEqual(expect.arrayContaining(['org:department:read', 'org:person:read', 'org:person:update', 'org:position:read']));
  });
});
