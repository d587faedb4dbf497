import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';
import { act, approval, chain, completedEvents, OaPeople, openTaskOf, publishType, statusOf, submit, tasksOf } from './oa-fixtures.js';

const RUNS = 6;

/**
 * Real concurrent HTTP requests (Promise.all), repeated: every action locks the
 * request row before reading its tasks, so two actions on one task cannot both win,
 * and the last two approvers of a countersign node produce one outcome, announced once.
 */
describe('OA under concurrent actions', () => {
  let api: TestApi;
  let people: OaPeople;
  let admin: string;

  beforeAll(async () => {
    api = await startDemoApi();
    people = await OaPeople.start(api);
    admin = await people.id('admin');
    // Sign everyone in before the races, so each race is only the actions.
    for (const username of ['employee', 'manager', 'hr']) await people.token(username);
  });
  afterAll(async () => api?.close());

  it('two actions on one task at once: one wins, the other gets 409', async () => {
    const type = await publishType(api, people, { adminId: admin, first: approval('one', { kind: 'people', personIds: [await people.id('manager')] }) });
    for (let run = 0; run < RUNS; run++) {
      const id = await submit(api, people, 'employee', type);
      const task = await openTaskOf(api, id, 'manager');
      const answers = await Promise.all([act(api, people, 'manager', task, 'approve'), act(api, people, 'manager', task, 'reject')]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers.find((answer) => answer.status === 200)?.body.status;
      expect(await statusOf(api, id)).toBe(winner);
      expect(await completedEvents(api, id)).toHaveLength(1);
    }
  });

  it('the last two approvers of a countersign node at once: one outcome, the next node once, one oa.approval.completed', async () => {
    const [managerId, hrId] = await Promise.all([people.id('manager'), people.id('hr')]);
    const type = await publishType(api, people, { adminId: admin, first: chain(approval('sign', { kind: 'people', personIds: [managerId, hrId] }, { mode: 'all' }), approval('final', { kind: 'people', personIds: [managerId] })) });
    const lastOnly = await publishType(api, people, { adminId: admin, first: approval('sign', { kind: 'people', personIds: [managerId, hrId] }, { mode: 'all' }) });
    for (let run = 0; run < RUNS; run++) {
      const id = await submit(api, people, 'employee', type);
      const answers = await Promise.all([act(api, people, 'manager', await openTaskOf(api, id, 'manager'), 'approve'), act(api, people, 'hr', await openTaskOf(api, id, 'hr'), 'approve')]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect((await tasksOf(api, id)).filter((task) => task.node_id === 'final')).toHaveLength(1);

      const ending = await submit(api, people, 'employee', lastOnly);
      const both = await Promise.all([act(api, people, 'manager', await openTaskOf(api, ending, 'manager'), 'approve'), act(api, people, 'hr', await openTaskOf(api, ending, 'hr'), 'approve')]);
      expect(both.map((answer) => answer.status)).toEqual([200, 200]);
      expect(await statusOf(api, ending)).toBe('approved');
      expect(await completedEvents(api, ending)).toHaveLength(1);

      const split = await submit(api, people, 'employee', lastOnly);
      const mixed = await Promise.all([act(api, people, 'manager', await openTaskOf(api, split, 'manager'), 'approve'), act(api, people, 'hr', await openTaskOf(api, split, 'hr'), 'reject')]);
      const outcome = await statusOf(api, split);
      expect(outcome).toBe('rejected');
      // Whoever came second found either a running request (approve first) or an ended one (reject first: 409).
      expect(mixed[1].status).toBe(200);
      expect([200, 409]).toContain(mixed[0].status);
      expect((await completedEvents(api, split)).map((event) => event.payload.outcome)).toEqual(['rejected']);
    }
  });
});
