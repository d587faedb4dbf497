import { expect } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import type { OaPeople } from './oa-fixtures.js';
import { sql } from './org-fixtures.js';

/** Polls until `probe` answers, for what the workers do after a request has answered. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const value = await probe().catch((error: unknown) => ((last = error), undefined));
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export interface DraftContract {
  id: string;
  version: number;
  total: string;
  status: string;
  number: string;
}

/**
 * The headline flow's steps as a sales rep and the approvers take them over HTTP on the
 * demo company: draft a contract (finding the plan's total as a person would), sign it,
 * and wait for OA's review and ERP's orders.
 */
export async function dealFixtures(api: TestApi, people: OaPeople) {
  const products = new Map((await sql<{ code: string; id: string }>(api, `SELECT code, id FROM erp.product`)).map((row) => [row.code, row.id]));
  const customers = await sql<{ id: string; name: string }>(
    api,
    `SELECT c.id, c.name FROM crm.customer c JOIN org.person p ON p.id = c.owner_id WHERE p.username = 'sales' AND c.status = 'active' ORDER BY c.name`,
  );
  const as = async (username: string) => people.token(username);
  const body = (customerId: string, quantity: string, instalments: Array<{ dueDate: string; amount: string }>) => ({
    customerId,
    title: '立式加工中心采购合同',
    lines: [
      { productId: products.get('CNC-V850'), quantity, discountRate: '5' },
      { productId: products.get('SV-INSTALL'), quantity: '1' },
    ],
    overallDiscountRate: '2',
    paymentTerms: '验收后 60 天内付清',
    startDate: '2026-12-01',
    endDate: '2027-11-30',
    instalments,
  });
  const draft = async (customerId: string, quantity: string): Promise<DraftContract> => {
    const created = await request(api.url).post('/api/v1/crm/contracts').set('authorization', await as('sales')).send(body(customerId, quantity, [{ dueDate: '2027-01-31', amount: '1' }]));
    // The plan must add up: the answer names the total, the test then splits it as a person would.
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({ code: 'crm.plan-mismatch', errors: [{ field: 'instalments' }] });
    const total = /the contract total is ([\d.]+)/.exec(created.body.detail)?.[1] as string;
    const rest = (BigInt(Math.round(Number(total) * 100)) - 10_000_000n).toString().replace(/(\d\d)$/, '.$1');
    const made = await request(api.url)
      .post('/api/v1/crm/contracts')
      .set('authorization', await as('sales'))
      .send(body(customerId, quantity, [{ dueDate: '2026-12-31', amount: '100000.00' }, { dueDate: '2027-03-31', amount: rest }]))
      .expect(201);
    return made.body as DraftContract;
  };
  const contract = async (id: string) => (await request(api.url).get(`/api/v1/crm/contracts/${id}`).set('authorization', await as('sales')).expect(200)).body;
  const sign = async (id: string) => {
    const read = await contract(id);
    return request(api.url).post(`/api/v1/crm/contracts/${id}/sign`).set('authorization', await as('sales')).send({ version: read.version });
  };
  /** The contract as sent back, revised as the rep does after 折扣过大: no line discount, one instalment of the new total. */
  const revise = async (id: string, sentBack: { version: number; title: string; startDate: string; endDate: string }) =>
    request(api.url)
      .patch(`/api/v1/crm/contracts/${id}`)
      .set('authorization', await as('sales'))
      .send({
        version: sentBack.version,
        title: sentBack.title,
        lines: [{ productId: products.get('CNC-V850'), quantity: '1' }, { productId: products.get('SV-INSTALL'), quantity: '1' }],
        overallDiscountRate: '0',
        startDate: sentBack.startDate,
        endDate: sentBack.endDate,
        instalments: [{ dueDate: '2027-01-31', amount: '311320.00' }],
      });
  const reviewOf = (id: string, version: number) =>
    eventually(async () => (await sql<{ id: string }>(api, `SELECT id FROM oa.request WHERE business_type = 'crm.contract' AND business_id = $1`, [`${id}:${version}`]))[0]?.id, `the review of v${version}`);
  const ordersOf = (id: string) => sql<{ contract_version: number; status: string }>(api, 'SELECT contract_version, status FROM erp.sales_order WHERE contract_id = $1 ORDER BY contract_version', [id]);
  const until = async (id: string, contractStatus: string, orders: string[]) =>
    eventually(async () => {
      const now = await contract(id);
      const statuses = (await ordersOf(id)).map((order) => order.status);
      return now.status === contractStatus && JSON.stringify(statuses) === JSON.stringify(orders) ? now : undefined;
    }, `contract ${contractStatus} with orders ${orders.join(', ')}`);
  return { products, customers, as, draft, contract, sign, revise, reviewOf, ordersOf, until };
}
