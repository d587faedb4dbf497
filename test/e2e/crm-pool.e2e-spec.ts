import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { Crm } from './crm-fixtures.js';
import { sql } from './org-fixtures.js';

const DAY = 86_400_000;

/**
 * 公海 on the controlled clock: the return rules with their warning, the protection of an
 * opportunity past the chosen stage, the holding and daily caps (also when two claims
 * race), the cooling-off, and a rep's own return.
 */
describe('CRM shared pool', () => {
  let api: OaTestApi;
  let crm: Crm;

  beforeAll(async () => {
    api = await startOaApi();
    crm = await Crm.start(api);
  });
  afterAll(async () => api?.close());

  const notifications = (username: string, kind: string, customerId: string) =>
    crm.people.id(username).then((id) => sql(api, 'SELECT title FROM platform.notification WHERE recipient_id = $1 AND kind = $2 AND source_id = $3', [id, kind, customerId]));
  const ownerOf = async (id: string) => (await sql<{ owner_id: string | null }>(api, 'SELECT owner_id FROM crm.customer WHERE id = $1', [id]))[0].owner_id;

  describe('return rules', () => {
    beforeAll(async () => crm.setPool({ noFollowUpDays: 10, noDealDays: null, warnDays: 2, coolingOffDays: 7, holdingCap: null, dailyClaimCap: null }));

    it('warns once before the day, then returns a customer not followed up for N days, telling the owner', async () => {
      const customer = await crm.customer('sales');
      api.clock.advance(7 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await notifications('sales', 'crm.pool.warning', customer.id)).toHaveLength(0);
      api.clock.advance(1.5 * DAY);
      await crm.runJob('crm.pool-rules');
      await crm.runJob('crm.pool-rules');
      expect(await notifications('sales', 'crm.pool.warning', customer.id)).toHaveLength(1);
      expect(await ownerOf(customer.id)).not.toBeNull();
      api.clock.advance(2 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await ownerOf(customer.id)).toBeNull();
      expect(await notifications('sales', 'crm.pool.returned', customer.id)).toHaveLength(1);
      const [entry] = await crm.timeline(customer.id);
      expect(entry).toMatchObject({ kind: 'pool-returned', personName: '孙丽', actorName: null, detail: { reason: 'no-follow-up' } });
      const [event] = await crm.events('crm.customer.transferred', customer.id);
      expect(event.payload).toMatchObject({ toOwnerId: null, kind: 'pool-rule' });
      // Now in 销售部's pool: visible to its reps, in the pool list.
      const pool = (await crm.get('he.jun', '/crm/pool?pageSize=100')).body.items.map((item: { id: string }) => item.id);
      expect(pool).toContain(customer.id);
    });

    it('a follow-up restarts the clock', async () => {
      const customer = await crm.customer('sales');
      api.clock.advance(9 * DAY);
      await crm.post('sales', '/crm/follow-ups', { customerId: customer.id, kind: 'call', content: '电话沟通' }, 201);
      api.clock.advance(5 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await ownerOf(customer.id)).not.toBeNull();
      api.clock.advance(6 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await ownerOf(customer.id)).toBeNull();
    });

    it('never returns a customer with an open opportunity at or past the protecting stage; one before it does not protect', async () => {
      const [pipeline] = (await crm.get('admin', '/crm/pipelines')).body;
      await crm.put('admin', `/crm/pipelines/${pipeline.id}`, { version: pipeline.version, name: pipeline.name, stages: pipeline.stages.map((stage: { id: string; name: string; probability: string }) => ({ id: stage.id, name: stage.name, probability: stage.probability })), protectFromStage: 2 });
      const protectedOne = await crm.customer('sales');
      const early = await crm.customer('sales');
      await crm.post('sales', '/crm/opportunities', { customerId: protectedOne.id, name: '报价中', amount: '100', stageId: pipeline.stages[2].id }, 201);
      await crm.post('sales', '/crm/opportunities', { customerId: early.id, name: '刚接洽', amount: '100', stageId: pipeline.stages[0].id }, 201);
      api.clock.advance(30 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await ownerOf(protectedOne.id)).not.toBeNull();
      expect(await ownerOf(early.id)).toBeNull();
      expect(await notifications('sales', 'crm.pool.warning', protectedOne.id)).toHaveLength(0);
    });

    it('returns after M days without a won deal; a win restarts that clock', async () => {
      await crm.setPool({ noFollowUpDays: null, noDealDays: 20, warnDays: 0 });
      const winner = await crm.customer('sales');
      const idle = await crm.customer('sales');
      const deal = (await crm.post('sales', '/crm/opportunities', { customerId: winner.id, name: '小单', amount: '10' }, 201)).body;
      api.clock.advance(15 * DAY);
      await crm.post('sales', `/crm/opportunities/${deal.id}/win`, { version: deal.version }, 200);
      api.clock.advance(6 * DAY);
      await crm.runJob('crm.pool-rules');
      expect(await ownerOf(idle.id)).toBeNull();
      expect(await ownerOf(winner.id)).not.toBeNull();
      expect((await crm.timeline(idle.id))[0].detail.reason).toBe('no-deal');
      await crm.setPool({ noFollowUpDays: null, noDealDays: null });
    });
  });

  describe('claiming', () => {
    let pooled: () => Promise<string>;
    beforeAll(async () => {
      await crm.setPool({ noFollowUpDays: null, noDealDays: null, holdingCap: null, dailyClaimCap: null, coolingOffDays: 7 });
      pooled = async () => (await crm.customer('salesmgr', { ownerId: null })).id;
    });

    it('a rep claims a pool customer of their team; an outsider cannot see or claim it', async () => {
      const id = await pooled();
      await crm.get('sales', `/crm/customers/${id}`);
      await crm.post('employee', `/crm/pool/${id}/claim`, {}, 403);
      const claimed = (await crm.post('sales', `/crm/pool/${id}/claim`, {})).body;
      expect(claimed).toMatchObject({ ownerName: '孙丽', inPool: false });
      expect((await crm.post('he.jun', `/crm/pool/${id}/claim`, {}, 409)).body.code).toBe('crm.not-in-pool');
      expect((await crm.timeline(id))[0]).toMatchObject({ kind: 'claimed', personName: '孙丽' });
    });

    it('two reps claiming the same customer at once: one wins, the other is told', async () => {
      const id = await pooled();
      const results = await Promise.all([crm.post('sales', `/crm/pool/${id}/claim`, {}, 200).then(() => 200, () => 409), crm.post('he.jun', `/crm/pool/${id}/claim`, {}, 200).then(() => 200, () => 409)]);
      expect(results.sort()).toEqual([200, 409]);
      const [{ count }] = await sql<{ count: string }>(api, `SELECT count(*) FROM crm.timeline_entry WHERE customer_id = $1 AND kind = 'claimed'`, [id]);
      expect(Number(count)).toBe(1);
    });

    it('holds to the holding cap, also when one rep claims two at once for the last slot', async () => {
      const held = Number((await sql<{ count: string }>(api, `SELECT count(*) FROM crm.customer WHERE owner_id = $1 AND status = 'active'`, [await crm.people.id('wu.ting')]))[0].count);
      await crm.setPool({ holdingCap: held + 1 });
      const [a, b] = [await pooled(), await pooled()];
      const results = await Promise.all([a, b].map((id) => crm.post('wu.ting', `/crm/pool/${id}/claim`, {}, 200).then(() => 'ok', (error: Error) => error.message)));
      expect(results.filter((result) => result === 'ok')).toHaveLength(1);
      expect(results.find((result) => result !== 'ok')).toMatch(/holding-cap-reached/);
      await crm.setPool({ holdingCap: null });
    });

    it('holds to the daily claim cap, counted per company day', async () => {
      await crm.setPool({ dailyClaimCap: 2 });
      const ids = [await pooled(), await pooled(), await pooled()];
      await crm.post('zheng.hao', `/crm/pool/${ids[0]}/claim`, {});
      await crm.post('zheng.hao', `/crm/pool/${ids[1]}/claim`, {});
      expect((await crm.post('zheng.hao', `/crm/pool/${ids[2]}/claim`, {}, 409)).body.code).toBe('crm.daily-claim-cap-reached');
      api.clock.advance(1 * DAY);
      await crm.post('zheng.hao', `/crm/pool/${ids[2]}/claim`, {});
      await crm.setPool({ dailyClaimCap: null });
    });

    it('a rep may not reclaim a customer returned from them until the cooling-off has passed', async () => {
      const id = await pooled();
      const claimed = (await crm.post('feng.lei', `/crm/pool/${id}/claim`, {})).body;
      const returned = (await crm.post('feng.lei', `/crm/customers/${id}/return-to-pool`, { version: claimed.version, reason: '客户暂无需求' })).body;
      expect(returned.inPool).toBe(true);
      expect((await crm.timeline(id))[0]).toMatchObject({ kind: 'pool-returned', detail: { reason: '客户暂无需求' } });
      expect((await crm.post('feng.lei', `/crm/pool/${id}/claim`, {}, 409)).body.code).toBe('crm.cooling-off');
      api.clock.advance(7 * DAY + 60_000);
      await crm.post('feng.lei', `/crm/pool/${id}/claim`, {});
    });

    it('only the pool manager changes the rules', async () => {
      const settings = (await crm.get('sales', '/crm/pool/settings')).body;
      await crm.put('sales', '/crm/pool/settings', settings, 403);
      await crm.put('salesmgr', '/crm/pool/settings', { ...settings, warnDays: -1 }, 400);
      await crm.put('salesmgr', '/crm/pool/settings', settings);
      expect((await crm.put('salesmgr', '/crm/pool/settings', settings, 409)).body.code).toBe('platform.version-conflict');
    });
  });
});
