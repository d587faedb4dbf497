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

  it('seeds the demo company exactly once, even when two starts race', async () => {
    const runner = api.app.get(SeedRunner);
    const outcomes = await Promise.all([runner.seedDemoOnce(), runner.seedDemoOnce()]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await expect(runner.seedDemoOnce()).resolves.toBe(false);

    const dataSource = api.app.get(DataSource);
    const [company] = await dataSource.query('SELECT name, currency FROM platform.company_profile');
    expect(company).toEqual({ name: '华东精工', currency: 'CNY' });
    expect(await dataSource.query("SELECT name FROM platform.seed_run WHERE name = 'demo'")).toHaveLength(1);
  });

  it('keeps what users changed after the demo was seeded', async () => {
    const dataSource = api.app.get(DataSource);
    await dataSource.query("UPDATE platform.company_profile SET name = 'Renamed by admin'");
    await expect(api.app.get(SeedRunner).seedDemoOnce()).resolves.toBe(false);
    const [company] = await dataSource.query('SELECT name FROM platform.company_profile');
    expect(company.name).toBe('Renamed by admin');
  });

  it('runs the seeders of every context in their declared order', () => {
    const names = api.app.get(SeedRunner).seeders().map((entry) => entry.seeder.name);
    expect(names[0]).toBe('platform.company');
  });
});
