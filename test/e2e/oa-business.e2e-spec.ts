import { Injectable, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { declareEventTypes, type EventEnvelope } from '@zhongshu/contracts';
import { OaRequests } from '@zhongshu/oa';
import { EventBus, EventHandler, UnitOfWork, newId } from '@zhongshu/platform';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { approveAs, OaPeople, statusOf } from './oa-fixtures.js';

// A business event of a context that does not exist yet (CRM lands later), declared in test code.
declare module '@zhongshu/contracts' {
  interface EventCatalogue {
    'oatest.contract.signed': { version: 1; payload: { contractId: string; applicantId: string; customer: string; amount: string } };
  }
}
declareEventTypes({ 'oatest.contract.signed': 1 });

/** Stands in for OA's own handler of `crm.contract.signed`: starts the bound approval in its transaction. */
@Injectable()
class StartContractReview {
  constructor(private readonly oa: OaRequests) {}

  @EventHandler('oatest.contract.signed', { name: 'oa.test-start-contract-review' })
  async start(event: EventEnvelope<'oatest.contract.signed'>): Promise<void> {
    await this.oa.startForBusiness({
      businessType: 'crm.contract',
      businessId: event.payload.contractId,
      applicantId: event.payload.applicantId,
      title: `合同评审：${event.payload.customer}`,
      formData: { customer: event.payload.customer, amount: event.payload.amount },
    });
  }
}

/** Stands in for CRM's handler of the outcome. */
@Injectable()
class RecordOutcome {
  @EventHandler('oa.approval.completed', { name: 'oatest.record-outcome' })
  async record(event: EventEnvelope<'oa.approval.completed'>, manager: EntityManager): Promise<void> {
    if (event.payload.businessType !== 'crm.contract') return;
    await manager.query('INSERT INTO public.oatest_outcome (business_id, outcome, event_id) VALUES ($1, $2, $3)', [event.payload.businessId, event.payload.outcome, event.id]);
  }
}

@Module({ providers: [StartContractReview, RecordOutcome] })
class BindingTestModule {}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('OA used by another context: a business type bound to a request type', () => {
  let api: OaTestApi;
  let people: OaPeople;

  beforeAll(async () => {
    api = await startOaApi({ env: { RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' }, modules: [BindingTestModule] });
    await sql(api, 'CREATE TABLE public.oatest_outcome (business_id text, outcome text, event_id uuid PRIMARY KEY)');
    people = await OaPeople.start(api);
  });
  afterAll(async () => api?.close());

  it('the binding is an admin API', async () => {
    const bindings = await request(api.url).get('/api/v1/oa/business-bindings').set('authorization', await people.token('admin')).expect(200);
    const [contractType] = await sql<{ id: string }>(api, `SELECT id FROM oa.request_type WHERE code = 'contract'`);
    // OA's own business records (leave, 销假, overtime, expense claims) are bound beside it.
    expect(bindings.body.bindings).toEqual(expect.arrayContaining([{ businessType: 'crm.contract', requestTypeId: contractType.id }]));
    expect(bindings.body.bindings.map((binding: { businessType: string }) => binding.businessType)).toEqual(expect.arrayContaining(['oa.leave', 'oa.leave-cancellation', 'oa.overtime']));
    const refused = await request(api.url).put('/api/v1/oa/business-bindings').set('authorization', await people.token('admin')).send({ bindings: [{ businessType: 'crm.contract', requestTypeId: newId() }] });
    expect(refused.status).toBe(422);
    expect((await request(api.url).put('/api/v1/oa/business-bindings').set('authorization', await people.token('employee')).send({ bindings: [] })).status).toBe(403);
  });

  it('a type bound to a business record is not filed by hand: not in the catalogue, and a hand submission is refused', async () => {
    const [contractType] = await sql<{ id: string }>(api, `SELECT id FROM oa.request_type WHERE code = 'contract'`);
    const catalogue = await request(api.url).get('/api/v1/oa/catalogue').set('authorization', await people.token('sales')).expect(200);
    const listed = (catalogue.body as Array<{ types: Array<{ id: string; code: string }> }>).flatMap((category) => category.types);
    expect(listed.map((type) => type.code)).toEqual(expect.arrayContaining(['general', 'vehicle', 'seal']));
    expect(listed.map((type) => type.id)).not.toContain(contractType.id);

    const before = await sql(api, `SELECT id FROM oa.request WHERE request_type_id = $1`, [contractType.id]);
    const refused = await request(api.url)
      .post('/api/v1/oa/requests')
      .set('authorization', await people.token('sales'))
      .send({ requestTypeId: contractType.id, formData: { customer: '华东重工', amount: '250000.00' } })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'oa.started-by-business' });
    expect(refused.body.errors).toEqual([{ field: 'requestTypeId', message: expect.stringContaining('crm.contract') }]);
    expect(await sql(api, `SELECT id FROM oa.request WHERE request_type_id = $1`, [contractType.id])).toEqual(before);
  });

  it('a handler starts the bound request once per business key; its end comes back as oa.approval.completed with the business key, once', async () => {
    const contractId = newId();
    const sales = await people.id('sales');
    const emit = () =>
      api.app.get(UnitOfWork).run(() => api.app.get(EventBus).emit('oatest.contract.signed', contractId, { contractId, applicantId: sales, customer: '华东重工', amount: '250000.00' }));
    await emit();
    await emit();
    const requestId = await eventually(async () => (await sql<{ id: string }>(api, `SELECT id FROM oa.request WHERE business_type = 'crm.contract' AND business_id = $1`, [contractId]))[0]?.id, 'the bound request');
    // The second event found the request the first started.
    await eventually(async () => ((await sql(api, `SELECT 1 FROM platform.processed_event WHERE handler = 'oa.test-start-contract-review'`)).length >= 2 ? true : undefined), 'both deliveries');
    expect(await sql(api, `SELECT id FROM oa.request WHERE business_id = $1`, [contractId])).toHaveLength(1);
    // 合同审批: 张伟 (the sales department's leader) reviews; above 200 000 finance approves.
    await approveAs(api, people, 'salesmgr', requestId);
    await approveAs(api, people, 'finance', requestId);
    expect(await statusOf(api, requestId)).toBe('approved');
    const outcomes = await eventually(async () => {
      const rows = await sql<{ business_id: string; outcome: string }>(api, 'SELECT business_id, outcome FROM public.oatest_outcome');
      return rows.length > 0 ? rows : undefined;
    }, 'the outcome handler');
    expect(outcomes).toEqual([{ business_id: contractId, outcome: 'approved' }]);
    const [event] = await sql<{ payload: Record<string, unknown> }>(api, `SELECT payload FROM platform.outbox_event WHERE type = 'oa.approval.completed' AND aggregate_id = $1`, [requestId]);
    expect(event.payload).toMatchObject({ businessType: 'crm.contract', businessId: contractId, requestTypeCode: 'contract', outcome: 'approved', applicantId: sales });
  });
});
