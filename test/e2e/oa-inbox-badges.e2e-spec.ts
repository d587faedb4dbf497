import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';
import { approval, approveAs, chain, OaPeople, publishType, submit } from './oa-fixtures.js';

/** The inbox's counts beside the menu entries: OA's badge counters on the platform's badges. */
describe('OA inbox badges', () => {
  let api: TestApi;
  let people: OaPeople;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
  });
  afterAll(async () => api?.close());

  const badges = async (username: string): Promise<Record<string, number>> =>
    (await request(api.url).get('/api/v1/platform/badges').set('authorization', await people.token(username)).expect(200)).body.counts;

  it('counts the approver\'s to-do and the applicant\'s running requests, and follows an approval', async () => {
    const type = await publishType(api, people, { adminId: await people.id('admin'), first: chain(approval('only', { kind: 'people', personIds: [await people.id('cfo')] })) });
    const before = { cfo: await badges('cfo'), employee: await badges('employee') };
    const id = await submit(api, people, 'employee', type);
    expect(await badges('cfo')).toMatchObject({ 'oa.todo': before.cfo['oa.todo'] + 1 });
    expect(await badges('employee')).toMatchObject({ 'oa.mine': before.employee['oa.mine'] + 1 });
    await approveAs(api, people, 'cfo', id);
    expect(await badges('cfo')).toMatchObject({ 'oa.todo': before.cfo['oa.todo'] });
    expect(await badges('employee')).toMatchObject({ 'oa.mine': before.employee['oa.mine'] });
  });

  it('names the badges on the OA menu entries /me serves', async () => {
    const me = await request(api.url).get('/api/v1/me').set('authorization', await people.token('employee')).expect(200);
    const oa = (me.body.menus as Array<{ key: string; children?: Array<{ key: string; badge?: string }> }>).find((node) => node.key === 'oa');
    expect(oa?.children?.filter((entry) => entry.badge).map((entry) => [entry.key, entry.badge])).toEqual([
      ['oa-todo', 'oa.todo'],
      ['oa-mine', 'oa.mine'],
      ['oa-cc', 'oa.cc'],
    ]);
  });
});
