import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { CrmContractSignedPayload } from '@zhongshu/contracts';
import { EventBus, UnitOfWork, newId } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, personId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * ERP follows CRM's contract events (emitted here as CRM would: the contract context's
 * own tests run them from its routes): a signed version becomes an order waiting for its
 * review, the review's outcome confirms or cancels it, signing again makes the next one.
 */
describe('ERP sales orders made from signed contracts', () => {
  let api: TestApi;
  let admin: Tokens;
  let sales: Tokens;
  let salesmgr: Tokens;
  let finance: Tokens;
  let ids: { sales: string; heJun: string; salesDept: string; eastDept: string };
  let products: Array<{ id: string; code: string; name: string; unit: string }>;

  beforeAll(async () => {
    api = await startDemoApi({ RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' });
    [admin, sales, salesmgr, finance] = await Promise.all(['admin', 'sales', 'salesmgr', 'finance'].map((username) => signIn(api, username)));
    ids = { sales: await personId(api, 'sales'), heJun: await personId(api, 'he.jun'), salesDept: await departmentId(api, 'SALES'), eastDept: await departmentId(api, 'SALES-EAST') };
    products = await sql(api, `SELECT id, code, name, unit FROM erp.product WHERE code IN ('CNC-V850', 'SV-INSTALL') ORDER BY code`);
  });
  afterAll(async () => api?.close());

  const emit = <T extends 'crm.contract.signed' | 'crm.contract.approved' | 'crm.contract.revision-requested' | 'crm.contract.terminated'>(
    type: T,
    contractId: string,
    payload: Parameters<EventBus['emit']>[2] & object,
  ) => api.app.get(UnitOfWork).run(() => api.app.get(EventBus).emit(type, contractId, payload as never));

  const signed = (contractId: string, version: number, owner = ids.sales, department = ids.salesDept, customerId = newId()): CrmContractSignedPayload => ({
    contractId,
    number: `HT-2026-${contractId.slice(-6)}`,
    title: '年度设备采购合同',
    version,
    customer: { customerId, name: '苏州精工机械有限公司', address: '江苏省苏州市工业园区星湖街 88 号' },
    ownerId: owner,
    departmentId: department,
    signedById: owner,
    signedAt: '2026-12-01T02:00:00.000Z',
    currency: 'CNY',
    totalExclTax: '262600.00',
    taxTotal: '33976.00',
    total: '296576.00',
    paymentTerms: 'net-60',
    startDate: '2026-12-01',
    endDate: '2027-11-30',
    lines: [
      { lineNo: 1, productId: products[0].id, productCode: products[0].code, productName: products[0].name, unit: products[0].unit, quantity: '1', unitPrice: '268000.00', discountRate: '5', taxRate: '13', amountExclTax: '254600.00', taxAmount: '33098.00', amount: '287698.00' },
      { lineNo: 2, productId: products[1].id, productCode: products[1].code, productName: products[1].name, unit: products[1].unit, quantity: '1', unitPrice: '8000.00', discountRate: '0', taxRate: '6', amountExclTax: '8000.00', taxAmount: '480.00', amount: '8480.00' },
    ],
    instalments: [{ instalmentNo: 1, dueDate: '2027-01-31', amount: '296576.00' }],
  });
  const decision = (contractId: string, version: number) => ({ contractId, number: `HT-2026-${contractId.slice(-6)}`, version, approvalId: newId(), approvalNumber: 'OA-2026-000001', decidedById: null, at: '2026-12-02T02:00:00.000Z', comment: '价格偏低' });
  const ordersOf = (contractId: string) => sql<{ id: string; contract_version: number; status: string; number: string }>(api, 'SELECT id, contract_version, status, number FROM erp.sales_order WHERE contract_id = $1 ORDER BY contract_version', [contractId]);
  const until = (contractId: string, statuses: string[]) =>
    eventually(async () => {
      const orders = await ordersOf(contractId);
      return JSON.stringify(orders.map((order) => order.status)) === JSON.stringify(statuses) ? orders : undefined;
    }, `orders ${statuses.join(', ')}`);

  it('signed → pending_approval with its lines, decimal totals and the customer’s terms; approved → confirmed; each with its event', async () => {
    const contractId = newId();
    await emit('crm.contract.signed', contractId, signed(contractId, 1));
    const [order] = await until(contractId, ['pending_approval']);
    expect(order.number).toMatch(/^SO-2026-\d{6}$/);
    const detail = await request(api.url).get(`/api/v1/erp/sales-orders/${order.id}`).set('authorization', bearer(sales)).expect(200);
    expect(detail.body).toMatchObject({
      contractId,
      contractVersion: 1,
      status: 'pending_approval',
      totalExclTax: '262600.00',
      taxTotal: '33976.00',
      total: '296576.00',
      ownerName: '孙丽',
      customerName: '苏州精工机械有限公司',
      shipTo: '江苏省苏州市工业园区星湖街 88 号',
      paymentTerms: 'net-60',
      overCreditLimit: false,
      orderedOn: '2026-12-01',
    });
    expect(detail.body.lines).toEqual([
      expect.objectContaining({ lineNo: 1, productCode: 'CNC-V850', quantity: '1', unitPrice: '268000.00', discountRate: '5', taxRate: '13', amount: '287698.00' }),
      expect.objectContaining({ lineNo: 2, productCode: 'SV-INSTALL', taxRate: '6', amount: '8480.00' }),
    ]);
    await emit('crm.contract.approved', contractId, decision(contractId, 1));
    await until(contractId, ['confirmed']);
    const events = await sql<{ type: string }>(api, `SELECT type FROM platform.outbox_event WHERE aggregate_id = $1 ORDER BY sequence`, [order.id]);
    expect(events.map((event) => event.type)).toEqual(['erp.sales-order.created', 'erp.sales-order.confirmed']);
  });

  it('rejected → cancelled; signing again makes the next version’s order, which the next review confirms; a repeated event changes nothing twice', async () => {
    const contractId = newId();
    const customerId = newId();
    await emit('crm.contract.signed', contractId, signed(contractId, 1, ids.sales, ids.salesDept, customerId));
    await emit('crm.contract.revision-requested', contractId, { ...decision(contractId, 1), outcome: 'rejected' });
    await emit('crm.contract.signed', contractId, signed(contractId, 2, ids.sales, ids.salesDept, customerId));
    // Delivered again (a relay crash after enqueueing): a new event id, the same facts.
    await emit('crm.contract.signed', contractId, signed(contractId, 2, ids.sales, ids.salesDept, customerId));
    await emit('crm.contract.approved', contractId, decision(contractId, 2));
    await emit('crm.contract.approved', contractId, decision(contractId, 2));
    const orders = await until(contractId, ['cancelled', 'confirmed']);
    const [first] = await sql<{ cancel_reason: string }>(api, 'SELECT cancel_reason FROM erp.sales_order WHERE id = $1', [orders[0].id]);
    expect(first.cancel_reason).toBe('contract review rejected: 价格偏低');
    await eventually(async () => ((await sql(api, `SELECT 1 FROM platform.processed_event WHERE handler = 'erp.follow-contract' AND event_id IN (SELECT id FROM platform.outbox_event WHERE aggregate_id = $1)`, [contractId])).length === 6 ? true : undefined), 'all six deliveries');
    const types = await sql<{ type: string }>(api, `SELECT type FROM platform.outbox_event WHERE aggregate_id = ANY($1::text[]) ORDER BY occurred_at, sequence`, [orders.map((order) => order.id)]);
    expect(types.map((event) => event.type).sort()).toEqual(['erp.sales-order.cancelled', 'erp.sales-order.confirmed', 'erp.sales-order.created', 'erp.sales-order.created']);
    const detail = await request(api.url).get(`/api/v1/erp/sales-orders/${orders[1].id}`).set('authorization', bearer(sales)).expect(200);
    expect(detail.body.versions.map((version: { contractVersion: number; status: string }) => [version.contractVersion, version.status])).toEqual([
      [1, 'cancelled'],
      [2, 'confirmed'],
    ]);
  });

  it('terminating the contract cancels its confirmed order; the credit limit flags an order past it', async () => {
    const contractId = newId();
    const customerId = newId();
    await emit('crm.contract.signed', contractId, signed(contractId, 1, ids.sales, ids.salesDept, customerId));
    await until(contractId, ['pending_approval']);
    const terms = await request(api.url).get(`/api/v1/erp/trading-terms/${customerId}`).set('authorization', bearer(salesmgr)).expect(200);
    expect(terms.body).toMatchObject({ paymentTerms: 'net-30', creditLimit: '0.00', openOrders: '296576.00' });
    await request(api.url).patch(`/api/v1/erp/trading-terms/${customerId}`).set('authorization', bearer(salesmgr)).send({ version: terms.body.version, creditLimit: '400000' }).expect(200);
    const next = newId();
    await emit('crm.contract.signed', next, signed(next, 1, ids.sales, ids.salesDept, customerId));
    const [flagged] = await until(next, ['pending_approval']);
    expect((await request(api.url).get(`/api/v1/erp/sales-orders/${flagged.id}`).set('authorization', bearer(finance)).expect(200)).body).toMatchObject({ overCreditLimit: true, creditLimit: '400000.00' });

    await emit('crm.contract.approved', contractId, decision(contractId, 1));
    await until(contractId, ['confirmed']);
    await emit('crm.contract.terminated', contractId, { contractId, number: 'HT', version: 1, reason: '客户破产', byId: null, at: '2026-12-03T00:00:00.000Z' });
    await until(contractId, ['cancelled']);
  });

  it('reads stay in the data scope: another rep’s order is a 404 to sales, visible to their manager; bad queries are 400 problems', async () => {
    const contractId = newId();
    await emit('crm.contract.signed', contractId, signed(contractId, 1, ids.heJun, ids.salesDept));
    const [order] = await until(contractId, ['pending_approval']);
    const hidden = await request(api.url).get(`/api/v1/erp/sales-orders/${order.id}`).set('authorization', bearer(sales));
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.url).get(`/api/v1/erp/sales-orders/${order.id}`).set('authorization', bearer(salesmgr)).expect(200);
    const mine = await request(api.url).get('/api/v1/erp/sales-orders').query({ pageSize: 100 }).set('authorization', bearer(sales)).expect(200);
    expect(mine.body.items.every((item: { ownerId: string }) => item.ownerId === ids.sales)).toBe(true);
    const all = await request(api.url).get('/api/v1/erp/sales-orders').query({ contractId }).set('authorization', bearer(admin)).expect(200);
    expect(all.body.items).toHaveLength(1);
    const found = await request(api.url).get('/api/v1/erp/sales-orders').query({ search: order.number.slice(-6), status: 'pending_approval' }).set('authorization', bearer(admin)).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([order.id]);
    const bad = await request(api.url).get('/api/v1/erp/sales-orders').query({ status: 'shipped' }).set('authorization', bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('status');
    const employee = await signIn(api, 'employee');
    expect((await request(api.url).get('/api/v1/erp/sales-orders').set('authorization', bearer(employee))).status).toBe(403);
    // Trading terms follow the same scope, and a stale edit is a 409.
    const [terms] = await sql<{ id: string; version: number }>(api, 'SELECT id, version FROM erp.trading_terms WHERE id = (SELECT customer_id FROM erp.sales_order WHERE id = $1)', [order.id]);
    expect((await request(api.url).get(`/api/v1/erp/trading-terms/${terms.id}`).set('authorization', bearer(sales))).status).toBe(404);
    const edited = await request(api.url).patch(`/api/v1/erp/trading-terms/${terms.id}`).set('authorization', bearer(salesmgr)).send({ version: terms.version, paymentTerms: 'prepaid' }).expect(200);
    expect(edited.body).toMatchObject({ paymentTerms: 'prepaid', version: terms.version + 1 });
    expect((await request(api.url).patch(`/api/v1/erp/trading-terms/${terms.id}`).set('authorization', bearer(salesmgr)).send({ version: terms.version, paymentTerms: 'net-90' })).status).toBe(409);
    expect((await request(api.url).patch(`/api/v1/erp/trading-terms/${terms.id}`).set('authorization', bearer(salesmgr)).send({ version: terms.version + 1, creditLimit: '-5' })).status).toBe(400);
  });

  it("trading terms follow CRM's customers: a new customer gets its row with the snapshot, a merge moves orders and terms to the survivor", async () => {
    const create = async (name: string) =>
      (
        await request(api.url)
          .post('/api/v1/crm/customers')
          .set('authorization', bearer(sales))
          .send({ name, province: '浙江省', city: '杭州市', address: '文一西路 998 号', allowDuplicates: true })
          .expect(201)
      ).body as { id: string; version: number };
    const survivor = await create(`杭州数控设备有限公司-${newId().slice(-4)}`);
    const merged = await create(`杭州数控设备公司-${newId().slice(-4)}`);
    const terms = await eventually(async () => {
      const answer = await request(api.url).get(`/api/v1/erp/trading-terms/${merged.id}`).set('authorization', bearer(sales));
      return answer.status === 200 ? answer.body : undefined;
    }, 'the terms of a new customer');
    expect(terms).toMatchObject({ customerAddress: '浙江省杭州市文一西路 998 号', ownerId: ids.sales, paymentTerms: 'net-30', creditLimit: '0.00' });
    await request(api.url).patch(`/api/v1/erp/trading-terms/${merged.id}`).set('authorization', bearer(salesmgr)).send({ version: terms.version, paymentTerms: 'net-90', creditLimit: '800000' }).expect(200);
    // An order of the customer that will be merged away.
    const contractId = newId();
    await emit('crm.contract.signed', contractId, signed(contractId, 1, ids.sales, ids.salesDept, merged.id));
    await until(contractId, ['pending_approval']);

    const current = (id: string) => request(api.url).get(`/api/v1/crm/customers/${id}`).set('authorization', bearer(salesmgr)).expect(200);
    const [survivorNow, mergedNow] = await Promise.all([current(survivor.id), current(merged.id)]);
    await request(api.url)
      .post(`/api/v1/crm/customers/${survivor.id}/merge`)
      .set('authorization', bearer(admin))
      .send({ mergedId: merged.id, version: survivorNow.body.version, mergedVersion: mergedNow.body.version })
      .expect(200);
    const moved = await eventually(async () => {
      const [order] = await sql<{ customer_id: string }>(api, 'SELECT customer_id FROM erp.sales_order WHERE contract_id = $1', [contractId]);
      return order.customer_id === survivor.id ? order : undefined;
    }, 'the order moved to the survivor');
    expect(moved.customer_id).toBe(survivor.id);
    // The survivor had set nothing of its own: it takes the merged customer's terms; the merged one is gone from the list.
    const after = await request(api.url).get(`/api/v1/erp/trading-terms/${survivor.id}`).set('authorization', bearer(salesmgr)).expect(200);
    expect(after.body).toMatchObject({ paymentTerms: 'net-90', creditLimit: '800000.00', openOrders: '296576.00' });
    expect((await request(api.url).get(`/api/v1/erp/trading-terms/${merged.id}`).set('authorization', bearer(salesmgr))).status).toBe(404);
  });
});
