import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { Crm, companyName, creditCode } from './crm-fixtures.js';
import { sql } from './org-fixtures.js';

/**
 * Customers: the credit code's checksum, duplicates caught on each key before saving,
 * the data scope of a rep against their manager (404 outside it), transfer and merge
 * with everything re-linked, and the events other contexts keep snapshots from.
 */
describe('CRM customers', () => {
  let api: OaTestApi;
  let crm: Crm;

  beforeAll(async () => {
    api = await startOaApi();
    crm = await Crm.start(api);
  });
  afterAll(async () => api?.close());

  it('refuses a credit code whose check character is wrong, and takes a full-width one', async () => {
    const bad = (await crm.post('sales', '/crm/customers', { name: companyName(), creditCode: '91350100M000100Y44' }, 422)).body;
    expect(bad.code).toBe('crm.invalid-credit-code');
    expect(bad.errors).toEqual([{ field: 'creditCode', message: expect.stringMatching(/18th should be 3/) }]);
    const created = await crm.customer('sales', { creditCode: '９１３５０１００m０００１００y４３' });
    expect((await crm.get('sales', `/crm/customers/${created.id}`)).body.creditCode).toBe('91350100M000100Y43');
  });

  describe('duplicates', () => {
    let original: { id: string; version: number; name: string };
    const code = creditCode();
    const stem = `精工${process.pid}`;
    beforeAll(async () => {
      original = await crm.customer('he.jun', { name: `苏州${stem}（集团）有限公司`, creditCode: code, phone: '0512-6688 1234', email: `buyer@${stem}.com.cn` });
    });

    it('shows each key that matches before saving, across reps', async () => {
      const check = (body: object) => crm.post('sales', '/crm/customers/duplicates', body).then((response) => response.body);
      const byName = await check({ name: `苏州${stem}有限公司` });
      expect(byName.matches).toEqual([expect.objectContaining({ customerId: original.id, matchedOn: ['name'], ownerName: '何军', visible: false })]);
      expect(byName.blocking).toBe(false);
      expect((await check({ name: `苏州 ${stem} 集团` })).matches).toHaveLength(1);
      expect((await check({ phone: '+86 512 6688-1234' })).matches[0].matchedOn).toEqual(['phone']);
      expect((await check({ email: `someone.else@${stem.toUpperCase()}.com.cn` })).matches[0].matchedOn).toEqual(['emailDomain']);
      expect((await check({ email: 'a@qq.com' })).matches).toEqual([]);
      const byCode = await check({ creditCode: code.toLowerCase() });
      expect(byCode).toEqual({ matches: [expect.objectContaining({ matchedOn: ['creditCode'] })], blocking: true });
      expect((await check({ name: `苏州${stem}有限公司`, excludeId: original.id })).matches).toEqual([]);
    });

    it('refuses a duplicate on create unless confirmed, and a credit code always', async () => {
      const refused = (await crm.post('sales', '/crm/customers', { name: `苏州${stem}有限公司` }, 409)).body;
      expect(refused.code).toBe('crm.duplicate-customer');
      expect(refused.errors).toEqual([{ field: 'name', message: expect.stringContaining(original.id) }]);
      const confirmed = await crm.customer('sales', { name: `苏州${stem}有限公司`, allowDuplicates: true });
      expect(confirmed.id).toBeDefined();
      const code409 = (await crm.post('sales', '/crm/customers', { name: companyName(), creditCode: code, allowDuplicates: true }, 409)).body;
      expect(code409.errors[0].field).toBe('creditCode');
      // Editing into a duplicate is caught the same way; the record is untouched.
      const other = await crm.customer('sales');
      await crm.patch('sales', `/crm/customers/${other.id}`, { version: other.version, phone: '0512 6688 1234' }, 409);
      expect((await crm.get('sales', `/crm/customers/${other.id}`)).body.phone).toBeNull();
      // A kept duplicate does not block editing something else.
      const edited = (await crm.patch('sales', `/crm/customers/${confirmed.id}`, { version: confirmed.version, industry: '机械制造' })).body;
      expect(edited.industry).toBe('机械制造');
    });
  });

  describe('data scope', () => {
    it('a rep sees only their own; another rep gets 404; their manager sees both', async () => {
      const mine = await crm.customer('sales', { tags: ['范围'] });
      const his = await crm.customer('he.jun');
      await crm.get('he.jun', `/crm/customers/${mine.id}`, 404);
      await crm.patch('he.jun', `/crm/customers/${mine.id}`, { version: mine.version, industry: 'x' }, 404);
      await crm.get('he.jun', `/crm/customers/${mine.id}/timeline`, 404);
      await crm.post('he.jun', '/crm/follow-ups', { customerId: mine.id, kind: 'call', content: '越权' }, 422);
      const listed = (await crm.get('sales', '/crm/customers?pageSize=100')).body.items.map((item: { id: string }) => item.id);
      expect(listed).toContain(mine.id);
      expect(listed).not.toContain(his.id);
      await crm.get('salesmgr', `/crm/customers/${mine.id}`);
      await crm.get('salesmgr', `/crm/customers/${his.id}`);
      // Outside the sales department entirely: no CRM permission at all.
      await crm.get('employee', `/crm/customers/${mine.id}`, 403);
    });
  });

  it('transfers with a reason, recorded on the timeline and as crm.customer.transferred', async () => {
    const customer = await crm.customer('sales');
    const heJun = await crm.people.id('he.jun');
    await crm.post('sales', `/crm/customers/${customer.id}/transfer`, { version: customer.version, toOwnerId: heJun, reason: '区域调整' }, 403);
    const moved = (await crm.post('salesmgr', `/crm/customers/${customer.id}/transfer`, { version: customer.version, toOwnerId: heJun, reason: '区域调整' })).body;
    expect(moved.ownerName).toBe('何军');
    await crm.get('sales', `/crm/customers/${customer.id}`, 404);
    const [event] = await crm.events('crm.customer.transferred', customer.id);
    expect(event.payload).toMatchObject({ fromOwnerId: await crm.people.id('sales'), toOwnerId: heJun, kind: 'transfer', reason: '区域调整' });
    expect((await crm.timeline(customer.id))[0]).toMatchObject({ kind: 'owner-changed', detail: { reason: '区域调整', toOwnerName: '何军', fromOwnerName: '孙丽' } });
    await crm.post('salesmgr', `/crm/customers/${customer.id}/transfer`, { version: customer.version, toOwnerId: heJun, reason: 'again' }, 409);
  });

  it('emits created and changed with the changed fields', async () => {
    const customer = await crm.customer('sales', { city: '苏州市' });
    await crm.patch('sales', `/crm/customers/${customer.id}`, { version: customer.version, city: '无锡市', tags: ['b', 'a', 'a'] });
    const [created] = await crm.events('crm.customer.created', customer.id);
    expect(created.payload).toMatchObject({ customerId: customer.id, city: '苏州市', ownerId: await crm.people.id('sales') });
    const [changed] = await crm.events('crm.customer.changed', customer.id);
    expect(changed.payload).toMatchObject({ city: '无锡市', tags: ['a', 'b'], changed: ['city', 'tags'] });
  });

  it('merges a duplicate: contacts, opportunities, follow-ups, leads and timeline move; crm.customer.merged is emitted', async () => {
    const survivor = await crm.customer('sales', { name: companyName('合并'), phone: null });
    const merged = await crm.customer('sales', { name: companyName('合并'), phone: '13800001111', industry: '化工', allowDuplicates: true });
    const contact = (await crm.post('sales', '/crm/contacts', { customerId: merged.id, name: '钱经理', role: 'decision-maker' }, 201)).body;
    await crm.post('sales', '/crm/follow-ups', { customerId: merged.id, kind: 'visit', content: '拜访' }, 201);
    const opportunity = (await crm.post('sales', '/crm/opportunities', { customerId: merged.id, name: '合并商机', amount: '1000.50' }, 201)).body;
    const lead = (await crm.post('sales', '/crm/leads', { name: '线索人', company: '某公司' }, 201)).body;
    const converted = await crm.post('sales', `/crm/leads/${lead.id}/convert`, { version: lead.version, customerId: merged.id }, 200);
    expect(converted.body.newCustomer).toBe(false);

    const preview = (await crm.get('salesmgr', `/crm/customers/${survivor.id}/merge-preview?mergedId=${merged.id}`)).body;
    expect(preview).toMatchObject({ contacts: 1, opportunities: 1, followUps: 1, leads: 1 });
    expect(preview.filledFields).toEqual(expect.arrayContaining(['phone', 'industry']));
    await crm.post('sales', `/crm/customers/${survivor.id}/merge`, { mergedId: merged.id, version: survivor.version, mergedVersion: 99 }, 403);
    const current = (await crm.get('salesmgr', `/crm/customers/${merged.id}`)).body;
    const result = (await crm.post('salesmgr', `/crm/customers/${survivor.id}/merge`, { mergedId: merged.id, version: survivor.version, mergedVersion: current.version })).body;
    expect(result).toMatchObject({ phone: '13800001111', industry: '化工', openOpportunities: 1 });

    await crm.get('salesmgr', `/crm/customers/${merged.id}`, 404);
    expect((await crm.get('sales', `/crm/contacts/${contact.id}`)).body.customerId).toBe(survivor.id);
    expect((await crm.get('sales', `/crm/opportunities/${opportunity.id}`)).body.customerId).toBe(survivor.id);
    expect((await crm.get('sales', `/crm/leads/${lead.id}`)).body.customerId).toBe(survivor.id);
    expect((await crm.get('sales', `/crm/customers/${survivor.id}/follow-ups`)).body).toHaveLength(1);
    const left = await sql<{ count: number }>(api, `SELECT (SELECT count(*) FROM crm.contact WHERE customer_id = $1) + (SELECT count(*) FROM crm.opportunity WHERE customer_id = $1) + (SELECT count(*) FROM crm.follow_up WHERE customer_id = $1) + (SELECT count(*) FROM crm.lead WHERE customer_id = $1) + (SELECT count(*) FROM crm.timeline_entry WHERE customer_id = $1) AS count`, [merged.id]);
    expect(Number(left[0].count)).toBe(0);
    const kinds = (await crm.timeline(survivor.id)).map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['merged', 'follow-up', 'opportunity-created', 'lead-converted', 'created']));
    const [event] = await crm.events('crm.customer.merged', merged.id);
    expect(event.payload).toMatchObject({ mergedId: merged.id, survivorId: survivor.id, survivor: { customerId: survivor.id, phone: '13800001111' } });
    // Ordered after the merged customer's own events.
    expect(Number(event.sequence)).toBeGreaterThan(1);
    // The tombstone frees its keys: the phone now matches the survivor only.
    const again = (await crm.post('sales', '/crm/customers/duplicates', { phone: '13800001111' })).body;
    expect(again.matches.map((match: { customerId: string }) => match.customerId)).toEqual([survivor.id]);
  });

  it('answers problem+json for bad input and unknown fields, never a 500', async () => {
    const unknown = (await crm.post('sales', '/crm/customers', { name: 'x', colour: 'red' }, 400)).body;
    expect(unknown.code).toBeDefined();
    const badEmail = (await crm.post('sales', '/crm/customers', { name: companyName(), email: 'not-an-email' }, 400)).body;
    expect(badEmail.errors[0].field).toBe('email');
    await crm.get('sales', '/crm/customers/00000000-0000-7000-8000-000000000000', 404);
    await crm.get('sales', '/crm/customers?sort=-colour', 400);
  });
});
