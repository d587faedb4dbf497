import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestRedis, type TestRedis } from '../harness/redis-server.js';
import type { TestApi } from '../harness/test-api.js';
import { dealFixtures } from './deal-fixtures.js';
import { act, OaPeople, openTaskOf } from './oa-fixtures.js';
import { sql, startDemoApi } from './org-fixtures.js';

/**
 * The headline flow over HTTP with the real workers: 签单 in CRM starts the contract
 * review in OA and a sales order in ERP from one event; the review's outcome confirms or
 * cancels the order; the deal reads back as one thread. On both event-bus backends.
 */
describe.each(['postgres', 'redis'] as const)('the deal flow on the %s backend', (backend) => {
  let api: TestApi;
  let people: OaPeople;
  let redis: TestRedis | undefined;
  let deal: Awaited<ReturnType<typeof dealFixtures>>;

  beforeAll(async () => {
    if (backend === 'redis') redis = await startTestRedis();
    api = await startDemoApi({ RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4', ...(redis ? { REDIS_URL: redis.url } : {}) });
    people = await OaPeople.start(api);
    deal = await dealFixtures(api, people);
  }, 240_000);
  afterAll(async () => {
    await api?.close();
  }, 60_000);

  it('signed above 200 000: under approval, a review by the sales leader then finance, an order waiting; approved: active and confirmed; the thread holds every step', async () => {
    const made = await deal.draft(deal.customers[0].id, '1');
    expect(made.status).toBe('draft');
    const signed = await deal.sign(made.id);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'under_approval', signedVersion: 1 });
    // Signed means frozen: no change, no second signing.
    expect((await deal.sign(made.id)).status).toBe(409);
    const requestId = await deal.reviewOf(made.id, 1);
    await deal.until(made.id, 'under_approval', ['pending_approval']);
    const [form] = await sql<{ form_data: { amount: string; customer: string }; applicant_id: string }>(api, 'SELECT form_data, applicant_id FROM oa.request WHERE id = $1', [requestId]);
    expect(form.form_data).toMatchObject({ amount: signed.body.total, customer: deal.customers[0].name });
    expect(form.applicant_id).toBe(await people.id('sales'));

    const first = await act(api, people, 'salesmgr', await openTaskOf(api, requestId, 'salesmgr'), 'approve', { comment: '价格已核' });
    expect(first.status).toBe(200);
    await act(api, people, 'finance', await openTaskOf(api, requestId, 'finance'), 'approve', { comment: '同意' });
    await deal.until(made.id, 'active', ['confirmed']);

    const thread = await request(api.url).get(`/api/v1/deals/${made.id}/thread`).set('authorization', await deal.as('sales')).expect(200);
    const kinds = thread.body.steps.map((step: { context: string; kind: string }) => `${step.context}:${step.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['crm:contract.created', 'crm:contract.signed', 'oa:approval.submit', 'oa:approval.approve', 'erp:order.created', 'crm:contract.activated', 'erp:order.confirmed']),
    );
    expect(kinds.indexOf('crm:contract.signed')).toBeLessThan(kinds.indexOf('erp:order.created'));
    expect(kinds.indexOf('crm:contract.activated')).toBeLessThan(kinds.indexOf('erp:order.confirmed'));
    const approvers = thread.body.steps.filter((step: { kind: string }) => step.kind === 'approval.approve').map((step: { actorName: string }) => step.actorName);
    expect(approvers).toEqual(['张伟', '林静']);
    expect(thread.body.orders).toEqual([expect.objectContaining({ contractVersion: 1, status: 'confirmed' })]);
    expect(thread.body.approvals).toEqual([expect.objectContaining({ requestId, status: 'approved', signedVersion: 1 })]);
    // The signing's flow and the decision's flow: two correlation ids, each in the audit trail.
    expect(thread.body.correlationIds.length).toBeGreaterThanOrEqual(2);
    const audited = await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM platform.audit_log WHERE correlation_id = ANY($1::text[])', [thread.body.correlationIds]);
    expect(audited[0].n).toBeGreaterThan(0);
    // Someone without the contract in reach gets a 404 for its thread.
    expect((await request(api.url).get(`/api/v1/deals/${made.id}/thread`).set('authorization', await deal.as('he.jun'))).status).toBe(404);
  }, 180_000);

  it('rejected: needs revision and the order cancelled; revised and signed again: a new review and a new order version, which the approval confirms', async () => {
    const made = await deal.draft(deal.customers[1].id, '1');
    await deal.sign(made.id).then((answer) => expect(answer.status).toBe(200));
    const firstReview = await deal.reviewOf(made.id, 1);
    const rejected = await act(api, people, 'salesmgr', await openTaskOf(api, firstReview, 'salesmgr'), 'reject', { comment: '折扣过大，请调整' });
    expect(rejected.status).toBe(200);
    const sentBack = await deal.until(made.id, 'needs_revision', ['cancelled']);
    expect(sentBack.reviewComment).toBe('折扣过大，请调整');

    // Revised (the line discount removed), then signed again.
    const revised = await deal.revise(made.id, sentBack);
    expect(revised.status).toBe(200);
    expect(revised.body.total).toBe('311320.00');
    await deal.sign(made.id).then((answer) => expect(answer.body).toMatchObject({ status: 'under_approval', signedVersion: 2 }));
    const secondReview = await deal.reviewOf(made.id, 2);
    expect(secondReview).not.toBe(firstReview);
    await deal.until(made.id, 'under_approval', ['cancelled', 'pending_approval']);
    await act(api, people, 'salesmgr', await openTaskOf(api, secondReview, 'salesmgr'), 'approve', {});
    await act(api, people, 'finance', await openTaskOf(api, secondReview, 'finance'), 'approve', {});
    await deal.until(made.id, 'active', ['cancelled', 'confirmed']);
    const orders = await sql<{ total: string; contract_version: number }>(api, 'SELECT total::text AS total, contract_version FROM erp.sales_order WHERE contract_id = $1 ORDER BY contract_version', [made.id]);
    expect(orders[1]).toEqual({ total: '311320.00', contract_version: 2 });

    const thread = await request(api.url).get(`/api/v1/deals/${made.id}/thread`).set('authorization', await deal.as('salesmgr')).expect(200);
    expect(thread.body.approvals.map((approval: { signedVersion: number; status: string }) => [approval.signedVersion, approval.status])).toEqual([
      [1, 'rejected'],
      [2, 'approved'],
    ]);
    const kinds = thread.body.steps.map((step: { kind: string }) => step.kind);
    expect(kinds.filter((kind: string) => kind === 'contract.signed')).toHaveLength(2);
    expect(kinds).toEqual(expect.arrayContaining(['approval.reject', 'contract.revision-requested', 'order.cancelled', 'order.confirmed']));
  }, 240_000);

  it('two signings of one contract at once: one wins, the other is told 409, and one review and one order follow', async () => {
    const made = await deal.draft(deal.customers[2]?.id ?? deal.customers[0].id, '1');
    const read = await deal.contract(made.id);
    const token = await deal.as('sales');
    const answers = await Promise.all([1, 2].map(() => request(api.url).post(`/api/v1/crm/contracts/${made.id}/sign`).set('authorization', token).send({ version: read.version })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    await deal.reviewOf(made.id, 1);
    await deal.until(made.id, 'under_approval', ['pending_approval']);
    expect(await sql(api, `SELECT id FROM oa.request WHERE business_type = 'crm.contract' AND business_id LIKE $1`, [`${made.id}:%`])).toHaveLength(1);
    expect(await sql(api, 'SELECT 1 FROM crm.contract_signing WHERE contract_id = $1', [made.id])).toHaveLength(1);
  }, 120_000);

  it('bad input answers problems and writes nothing; the data scope hides other reps’ contracts', async () => {
    const before = await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM crm.contract');
    const token = await deal.as('sales');
    const inactive = await request(api.url)
      .post('/api/v1/crm/contracts')
      .set('authorization', token)
      .send({ customerId: deal.customers[0].id, title: 'x', lines: [{ productId: deal.products.get('CNC-V640'), quantity: '1' }], startDate: '2026-12-01', endDate: '2027-01-01', instalments: [{ dueDate: '2026-12-31', amount: '1' }] });
    expect(inactive.status).toBe(422);
    expect(inactive.body.errors[0].field).toBe('lines[0].productId');
    const malformed = await request(api.url).post('/api/v1/crm/contracts').set('authorization', token).send({ customerId: deal.customers[0].id, title: 'x', lines: [{ productId: deal.products.get('CNC-V850'), quantity: '-1' }], startDate: '2026-12-01', endDate: '2027-01-01', instalments: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM crm.contract'))[0].n).toBe(before[0].n);
    const [other] = await sql<{ id: string }>(api, `SELECT c.id FROM crm.contract c JOIN org.person p ON p.id = c.owner_id WHERE p.username = 'sales' LIMIT 1`);
    expect((await request(api.url).get(`/api/v1/crm/contracts/${other.id}`).set('authorization', await deal.as('he.jun'))).status).toBe(404);
    expect((await request(api.url).post(`/api/v1/crm/contracts/${other.id}/sign`).set('authorization', await deal.as('he.jun')).send({ version: 1 })).status).toBe(404);
    expect((await request(api.url).get('/api/v1/crm/contracts').set('authorization', await deal.as('employee'))).status).toBe(403);
  }, 60_000);
});
