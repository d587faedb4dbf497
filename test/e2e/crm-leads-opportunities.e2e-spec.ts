import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { Crm, companyName } from './crm-fixtures.js';
import { sql } from './org-fixtures.js';

/**
 * Leads (import all-or-nothing, assignment in turns, conversion onto an existing
 * customer, closing) and opportunities (lines in decimals, stage moves recorded, won
 * and lost with a reason, the board), with the customer's timeline.
 */
describe('CRM leads and opportunities', () => {
  let api: OaTestApi;
  let crm: Crm;

  beforeAll(async () => {
    api = await startOaApi();
    crm = await Crm.start(api);
  });
  afterAll(async () => api?.close());

  const upload = async (csv: string, query = '') =>
    request(api.url).post(`/api/v1/crm/leads/import${query}`).set('authorization', await crm.people.token('salesmgr')).set('content-type', 'text/csv').send(Buffer.from(csv, 'utf8'));
  const leadCount = async () => Number((await sql<{ n: string }>(api, 'SELECT count(*) AS n FROM crm.lead'))[0].n);

  it('imports every row or none, listing each bad row by line and column', async () => {
    const before = await leadCount();
    const bad = await upload('姓名,公司,电话,邮箱\n王一,甲公司,13800000001,a@jia.com\n,乙公司,13800000002,\n丙三,丙公司,phone?,c@\n');
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('crm.import-rejected');
    expect(bad.body.errors).toEqual([
      { field: 'rows[3].name', message: 'is required' },
      { field: 'rows[4].phone', message: 'must be a phone number' },
      { field: 'rows[4].email', message: 'must be an email address' },
    ]);
    expect(await leadCount()).toBe(before);
    expect((await upload('name,colour\nx,red\n')).body.code).toBe('crm.import-rejected');
    const good = await upload('姓名,公司,电话,来源\n王一,甲公司,13800000001,展会\n李二,乙公司,13800000002,官网\n', '?unassigned=true');
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ created: 2 });
    const unassigned = (await crm.get('salesmgr', '/crm/leads?unassigned=true&pageSize=100')).body.items;
    expect(unassigned.map((lead: { name: string }) => lead.name)).toEqual(expect.arrayContaining(['王一', '李二']));
  });

  it('assigns in turns, starting with whoever waited longest, within the manager’s reach', async () => {
    const make = async () => (await crm.post('salesmgr', '/crm/leads', { name: `轮询${Math.random()}`, ownerId: null }, 201)).body.id as string;
    const reps = [await crm.people.id('he.jun'), await crm.people.id('zheng.hao')];
    const first = [await make(), await make(), await make()];
    const round1 = (await crm.post('salesmgr', '/crm/leads/distribute', { leadIds: first, ownerIds: reps })).body.assigned;
    const owners1 = first.map((id) => round1[id]);
    expect(owners1[0]).not.toBe(owners1[1]);
    expect(owners1[2]).toBe(owners1[0]);
    // The next round starts with the rep who got fewer last time.
    const next = await make();
    const round2 = (await crm.post('salesmgr', '/crm/leads/distribute', { leadIds: [next], ownerIds: reps })).body.assigned;
    expect(round2[next]).toBe(owners1[1]);
    await crm.post('sales', '/crm/leads/distribute', { leadIds: [next], ownerIds: reps }, 403);
    expect((await crm.get('he.jun', `/crm/leads/${first[owners1[0] === reps[0] ? 0 : 1]}`)).body.ownerName).toBe('何军');
  });

  it('converts a lead onto the existing customer its company matches, with a contact and an opportunity, in one step', async () => {
    const name = companyName('转化');
    const customer = await crm.customer('sales', { name });
    const lead = (await crm.post('sales', '/crm/leads', { name: '赵六', company: name.replace('有限公司', ''), phone: '13911112222' }, 201)).body;
    await crm.post('sales', `/crm/leads/${lead.id}/follow-ups`, { kind: 'call', content: '首次电话' }, 201);
    const matches = (await crm.get('sales', `/crm/leads/${lead.id}/matches`)).body.matches;
    expect(matches.map((match: { customerId: string }) => match.customerId)).toEqual([customer.id]);
    // A new customer with the same name is refused as a duplicate; nothing is half-written.
    const refused = await crm.post('sales', `/crm/leads/${lead.id}/convert`, { version: lead.version, customer: { name }, contact: { name: '赵六' } }, 409);
    expect(refused.body.code).toBe('crm.duplicate-customer');
    expect((await crm.get('sales', `/crm/leads/${lead.id}`)).body.status).toBe('assigned');
    const [pipeline] = (await crm.get('sales', '/crm/pipelines')).body;
    const result = (
      await crm.post('sales', `/crm/leads/${lead.id}/convert`, {
        version: lead.version,
        customerId: customer.id,
        contact: { name: '赵六', role: 'decision-maker', phone: '13911112222' },
        opportunity: { name: '首单', amount: '12000.00', stageId: pipeline.stages[1].id },
      })
    ).body;
    expect(result).toMatchObject({ customerId: customer.id, newCustomer: false });
    expect((await crm.get('sales', `/crm/contacts/${result.contactId}`)).body).toMatchObject({ name: '赵六', role: 'decision-maker', customerId: customer.id, isPrimary: true });
    expect((await crm.get('sales', `/crm/contacts?customerId=${customer.id}`)).body.items.map((item: { name: string }) => item.name)).toEqual(['赵六']);
    expect((await crm.get('sales', `/crm/opportunities/${result.opportunityId}`)).body).toMatchObject({ amount: '12000.00', stageName: pipeline.stages[1].name, customerId: customer.id });
    expect((await crm.get('sales', `/crm/leads/${lead.id}`)).body).toMatchObject({ status: 'converted', customerId: customer.id });
    const kinds = (await crm.timeline(customer.id)).map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['lead-converted', 'follow-up', 'opportunity-created']));
    const [event] = await crm.events('crm.lead.converted', lead.id);
    expect(event.payload).toMatchObject({ customerId: customer.id, newCustomer: false });
    await crm.post('sales', `/crm/leads/${lead.id}/convert`, { version: lead.version + 1, customerId: customer.id }, 409);
    // Onto a customer outside the rep's reach: refused like one that does not exist.
    const his = await crm.customer('he.jun');
    const other = (await crm.post('sales', '/crm/leads', { name: '孙七' }, 201)).body;
    await crm.post('sales', `/crm/leads/${other.id}/convert`, { version: other.version, customerId: his.id }, 422);
  });

  it('converts into a new customer and closes another lead as invalid with a reason', async () => {
    const lead = (await crm.post('sales', '/crm/leads', { name: '周八', company: '新客户' }, 201)).body;
    const result = (await crm.post('sales', `/crm/leads/${lead.id}/convert`, { version: lead.version, customer: { name: companyName('新') }, contact: null, opportunity: null })).body;
    expect(result).toMatchObject({ newCustomer: true, contactId: null, opportunityId: null });
    expect((await crm.events('crm.customer.created', result.customerId)).length).toBe(1);
    const junk = (await crm.post('sales', '/crm/leads', { name: '吴九' }, 201)).body;
    await crm.post('sales', `/crm/leads/${junk.id}/close`, { version: junk.version }, 400);
    const closed = (await crm.post('sales', `/crm/leads/${junk.id}/close`, { version: junk.version, reason: '空号' })).body;
    expect(closed).toMatchObject({ status: 'invalid', invalidReason: '空号' });
    expect((await crm.post('sales', `/crm/leads/${junk.id}/convert`, { version: closed.version, customer: { name: companyName() } }, 409)).body.code).toBe('crm.lead-closed');
  });

  it('opportunities: lines in decimals, stage moves recorded with who and when, won and lost with reasons, the board', async () => {
    const customer = await crm.customer('sales');
    const [pipeline] = (await crm.get('sales', '/crm/pipelines')).body;
    const created = (
      await crm.post('sales', '/crm/opportunities', {
        customerId: customer.id,
        name: '产线改造',
        lines: [
          { productName: '伺服电机', quantity: '3', unitPrice: '0.10' },
          { productName: '控制柜', quantity: '1.5', unitPrice: '19999.99', discountPercent: '5' },
        ],
      }, 201)
    ).body;
    expect(created.amount).toBe('28500.29');
    expect(created.lines.map((line: { amount: string }) => line.amount)).toEqual(['0.30', '28499.99']);
    await crm.post('sales', '/crm/opportunities', { customerId: customer.id, name: 'x', amount: '1.234' }, 400);
    const moved = (await crm.post('sales', `/crm/opportunities/${created.id}/stage`, { version: created.version, stageId: pipeline.stages[2].id })).body;
    expect(moved.stageChanges.map((change: { toStageName: string | null; actorName: string }) => [change.toStageName, change.actorName])).toEqual([
      [pipeline.stages[0].name, '孙丽'],
      [pipeline.stages[2].name, '孙丽'],
    ]);
    await crm.post('sales', `/crm/opportunities/${created.id}/stage`, { version: created.version, stageId: pipeline.stages[1].id }, 409);
    await crm.post('he.jun', `/crm/opportunities/${created.id}/stage`, { version: moved.version, stageId: pipeline.stages[1].id }, 404);
    const board = (await crm.get('sales', `/crm/pipelines/${pipeline.id}/board`)).body;
    const column = board.columns.find((entry: { stage: { id: string } }) => entry.stage.id === pipeline.stages[2].id);
    expect(column.items.map((item: { id: string }) => item.id)).toContain(created.id);
    expect(column.weightedAmount).toMatch(/^\d+\.\d{2}$/);
    await crm.post('sales', `/crm/opportunities/${created.id}/lose`, { version: moved.version }, 422);
    const lost = (await crm.post('sales', `/crm/opportunities/${created.id}/lose`, { version: moved.version, reason: '预算取消' })).body;
    expect(lost).toMatchObject({ status: 'lost', closeReason: '预算取消', probability: '0.00' });
    await crm.post('sales', `/crm/opportunities/${created.id}/win`, { version: lost.version }, 409);
    const second = (await crm.post('sales', '/crm/opportunities', { customerId: customer.id, name: '备件', amount: '5000' }, 201)).body;
    const won = (await crm.post('sales', `/crm/opportunities/${second.id}/win`, { version: second.version, reason: '价格合适' })).body;
    expect(won).toMatchObject({ status: 'won', weightedAmount: '5000.00' });
    expect((await crm.events('crm.opportunity.won', second.id))[0].payload).toMatchObject({ amount: '5000.00', currency: 'CNY' });
    const kinds = (await crm.timeline(customer.id)).map((entry) => entry.kind);
    expect(kinds.slice(0, 4)).toEqual(['opportunity-won', 'opportunity-created', 'opportunity-lost', 'stage-changed']);
  });

  it('pipelines: stages renamed, added and reordered; a stage holding opportunities cannot go', async () => {
    const pipeline = (await crm.post('salesmgr', '/crm/pipelines', { name: `项目型${Date.now()}`, stages: [{ name: '立项', probability: '10' }, { name: '招标', probability: '50' }] }, 201)).body;
    await crm.post('sales', '/crm/pipelines', { name: 'x', stages: [{ name: 'a', probability: '1' }] }, 403);
    await crm.post('salesmgr', '/crm/pipelines', { name: 'y', stages: [{ name: 'a', probability: '101' }] }, 422);
    const customer = await crm.customer('sales');
    await crm.post('sales', '/crm/opportunities', { customerId: customer.id, name: '招标项目', amount: '1', pipelineId: pipeline.id, stageId: pipeline.stages[1].id }, 201);
    const changed = (await crm.put('salesmgr', `/crm/pipelines/${pipeline.id}`, { version: pipeline.version, name: pipeline.name, stages: [{ id: pipeline.stages[1].id, name: '投标', probability: '55' }, { name: '签约', probability: '90' }, { id: pipeline.stages[0].id, name: '立项', probability: '5' }] })).body;
    expect(changed.stages.map((stage: { name: string; probability: string }) => `${stage.name}:${stage.probability}`)).toEqual(['投标:55.00', '签约:90.00', '立项:5.00']);
    const refused = await crm.put('salesmgr', `/crm/pipelines/${pipeline.id}`, { version: changed.version, name: pipeline.name, stages: [{ id: changed.stages[1].id, name: '签约', probability: '90' }] }, 409);
    expect(refused.body.code).toBe('crm.stage-in-use');
  });
});
