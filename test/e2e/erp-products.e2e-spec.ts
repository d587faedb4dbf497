import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { PRODUCT_CATALOGUE, type ProductCatalogue } from '@zhongshu/contracts';
import { UnitOfWork } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

describe('ERP products: the catalogue over HTTP and through its port', () => {
  let api: TestApi;
  let admin: Tokens;
  let planner: Tokens;
  let sales: Tokens;
  let employee: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    [admin, planner, sales, employee] = await Promise.all(['admin', 'planner', 'sales', 'employee'].map((username) => signIn(api, username)));
  });
  afterAll(async () => api?.close());

  const products = (tokens: Tokens) => request(api.url).get('/api/v1/erp/products').set('authorization', bearer(tokens));

  it('the demo catalogue reads in pinyin order, searches part of a code or name, filters by category and state', async () => {
    const all = await products(sales).query({ pageSize: 100 }).expect(200);
    expect(all.body.total).toBe(14);
    const names: string[] = all.body.items.map((item: { name: string }) => item.name);
    // 安装 (an) < 操作 (cao) < 齿轮… pinyin, not code point order.
    expect(names.indexOf('安装调试服务')).toBeLessThan(names.indexOf('操作培训'));
    expect(names.indexOf('操作培训')).toBeLessThan(names.indexOf('卧式加工中心 H630'));
    const lathe = all.body.items.find((item: { code: string }) => item.code === 'CNC-T460');
    expect(lathe).toMatchObject({ name: '数控车床 T460', unit: '台', listPrice: '142000.00', taxRate: '13', category: '数控机床', active: true, version: 1 });

    const found = await products(sales).query({ search: '加工中心' }).expect(200);
    expect(found.body.items.map((item: { code: string }) => item.code).sort()).toEqual(['CNC-H630', 'CNC-V1160', 'CNC-V640', 'CNC-V850']);
    const byCode = await products(sales).query({ search: 'spindle' }).expect(200);
    expect(byCode.body.items.map((item: { code: string }) => item.code)).toEqual(['SP-SPINDLE-12K']);
    const services = await products(sales).query({ category: '服务', sort: '-listPrice' }).expect(200);
    expect(services.body.items.map((item: { listPrice: string }) => item.listPrice)).toEqual(['24000.00', '8000.00', '1500.00']);
    const inactive = await products(sales).query({ active: 'false' }).expect(200);
    expect(inactive.body.items.map((item: { code: string }) => item.code)).toEqual(['CNC-V640']);
    const categories = await request(api.url).get('/api/v1/erp/products/categories').set('authorization', bearer(sales)).expect(200);
    expect(categories.body).toEqual(expect.arrayContaining(['数控机床', '备品备件', '服务']));
  });

  it('creates a product with a decimal price; a code taken in any case is a 409 on the field; bad input is a 400 naming it', async () => {
    const created = await request(api.url)
      .post('/api/v1/erp/products')
      .set('authorization', bearer(planner))
      .send({ code: 'SP-GUIDE-35', name: '直线导轨 35mm', unit: '根', listPrice: '1899.9', taxRate: '13', category: '备品备件' })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'SP-GUIDE-35', listPrice: '1899.90', taxRate: '13', active: true, version: 1 });

    const duplicate = await request(api.url).post('/api/v1/erp/products').set('authorization', bearer(planner)).send({ code: 'sp-guide-35', name: 'x', unit: '根', listPrice: '1', taxRate: '13' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(duplicate.body).toMatchObject({ code: 'erp.duplicate', errors: [{ field: 'code' }] });

    for (const [field, value] of [
      ['listPrice', '12.345'],
      ['listPrice', '-1'],
      ['listPrice', 12],
      ['taxRate', '17'],
    ] as const) {
      const refused = await request(api.url).post('/api/v1/erp/products').set('authorization', bearer(planner)).send({ code: `BAD-${field}`, name: 'x', unit: '个', listPrice: '1.00', taxRate: '13', [field]: value });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(await sql(api, `SELECT 1 FROM erp.product WHERE code LIKE 'BAD-%'`)).toHaveLength(0);
  });

  it('two people creating the same code at once: one wins, the other gets the 409, one row', async () => {
    const create = () => request(api.url).post('/api/v1/erp/products').set('authorization', bearer(planner)).send({ code: 'RACE-1', name: '并发', unit: '个', listPrice: '10', taxRate: '0' });
    const answers = await Promise.all([create(), create()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await sql(api, `SELECT 1 FROM erp.product WHERE code = 'RACE-1'`)).toHaveLength(1);
  });

  it('changes name the version read: the second of two edits of one version is a 409 and changes nothing; every change is audited', async () => {
    const [row] = await sql<{ id: string }>(api, `SELECT id FROM erp.product WHERE code = 'SV-TRAINING'`);
    const first = await request(api.url).patch(`/api/v1/erp/products/${row.id}`).set('authorization', bearer(admin)).send({ version: 1, listPrice: '1680.00' }).expect(200);
    expect(first.body).toMatchObject({ listPrice: '1680.00', version: 2 });
    const stale = await request(api.url).patch(`/api/v1/erp/products/${row.id}`).set('authorization', bearer(admin)).send({ version: 1, active: false });
    expect(stale.status).toBe(409);
    expect((await request(api.url).get(`/api/v1/erp/products/${row.id}`).set('authorization', bearer(sales)).expect(200)).body).toMatchObject({ active: true, listPrice: '1680.00' });
    const [audit] = await sql<{ changes: Record<string, { old: unknown; new: unknown }> }>(
      api,
      `SELECT changes FROM platform.audit_log WHERE kind = 'change' AND entity_type = 'erp.product' AND entity_id = $1 AND operation = 'update'`,
      [row.id],
    );
    expect(audit.changes.list_price).toEqual({ old: 1500, new: 1680 });
  });

  it('reading needs erp:product:read, writing erp:product:manage; a missing product is a 404', async () => {
    expect((await products(employee)).status).toBe(403);
    const refused = await request(api.url).post('/api/v1/erp/products').set('authorization', bearer(sales)).send({ code: 'NOPE', name: 'x', unit: '个', listPrice: '1', taxRate: '0' });
    expect(refused.status).toBe(403);
    const missing = await request(api.url).get('/api/v1/erp/products/0190d5a8-0000-7000-8000-000000000000').set('authorization', bearer(sales));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('platform.not-found');
  });

  it('the PRODUCT_CATALOGUE port sees the caller’s uncommitted product and prices as decimal strings', async () => {
    const catalogue = api.app.get<symbol, ProductCatalogue>(PRODUCT_CATALOGUE, { strict: false });
    const uow = api.app.get(UnitOfWork);
    const seen = await uow
      .run(async (manager) => {
        await manager.query(`INSERT INTO erp.product (id, code, name, unit, list_price, tax_rate) VALUES ('0190d5a8-1111-7000-8000-000000000001', 'TX-ONLY', '事务内产品', '个', 99.5, 9)`);
        const found = await catalogue.search('事务内', 5);
        const byId = await catalogue.products(['0190d5a8-1111-7000-8000-000000000001']);
        throw Object.assign(new Error('roll back'), { found, byId });
      })
      .catch((error: { found: unknown; byId: unknown }) => error);
    expect(seen.found).toEqual([expect.objectContaining({ code: 'TX-ONLY', listPrice: '99.50', taxRate: '9', active: true })]);
    expect(seen.byId).toEqual(seen.found);
    // Inactive products are not offered by search, but are read by id.
    expect((await catalogue.search('V640', 5)).length).toBe(0);
    const [discontinued] = await sql<{ id: string }>(api, `SELECT id FROM erp.product WHERE code = 'CNC-V640'`);
    expect(await catalogue.products([discontinued.id])).toEqual([expect.objectContaining({ active: false })]);
  });
});
