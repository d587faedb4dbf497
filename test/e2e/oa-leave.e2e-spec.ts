import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { HandlerRegistry } from '@zhongshu/platform';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { approveAs, act, OaPeople, openTaskOf, statusOf } from './oa-fixtures.js';
import { LeaveDesk, unexplainedBalances, upload } from './oa-leave-fixtures.js';

const FULL = { startHalf: 'am', endHalf: 'pm' } as const;

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('leave on the company calendar', () => {
  let api: OaTestApi;
  let people: OaPeople;
  let desk: LeaveDesk;

  beforeAll(async () => {
    // 2026-03-02 09:00 in Shanghai; workers run for the leaver's proration.
    api = await startOaApi({ env: { RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' } });
    people = await OaPeople.start(api);
    desk = new LeaveDesk(api, people);
  });
  afterAll(async () => api?.close());

  it('the catalogue lists 请假 for whoever may request leave, linked to the leave form; 销假 and 加班 are not listed and the generic form of 请假 stays closed', async () => {
    const catalogue = await request(api.url).get('/api/v1/oa/catalogue').set('authorization', await people.token('employee')).expect(200);
    const entries = (catalogue.body as Array<{ category: string; types: Array<{ id: string; code: string; formPath: string | null }> }>).flatMap((category) =>
      category.types.map((type) => ({ ...type, category: category.category })),
    );
    const leave = entries.find((entry) => entry.code === 'leave');
    expect(leave).toMatchObject({ category: '假勤', formPath: '/oa/leave/new' });
    expect(entries.map((entry) => entry.code)).not.toEqual(expect.arrayContaining(['leave-cancel']));
    expect(entries.map((entry) => entry.code)).not.toContain('overtime');
    expect(entries.filter((entry) => entry.code !== 'leave' && entry.code !== 'expense').every((entry) => entry.formPath === null)).toBe(true);
    expect((await request(api.url).get(`/api/v1/oa/catalogue/${leave?.id}`).set('authorization', await people.token('employee'))).status).toBe(404);
  });

  describe('durations', () => {
    it('2026-09-30 to 2026-10-10 counts 4 working days: National Day off, the adjusted Saturday 10-10 worked', async () => {
      const quote = await desk.quote('hr', 'annual', { startDate: '2026-09-30', endDate: '2026-10-10', ...FULL }).then((response) => response.body);
      expect(quote.days).toBe('4');
      expect(quote.dates.filter((date: { days: string }) => date.days !== '0').map((date: { date: string }) => date.date)).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
      expect(quote.dates.find((date: { date: string }) => date.date === '2026-10-10')).toMatchObject({ kind: 'adjusted-workday', working: true, days: '1' });
      expect(quote.balance).toMatchObject({ year: 2026, available: '10', afterwards: '6' });
    });

    it('Mid-Autumn (09-25 to 09-27) holds no working day and is refused; its adjusted Sunday 09-20 is a working day', async () => {
      expect((await desk.quote('employee', 'annual', { startDate: '2026-09-25', endDate: '2026-09-27', ...FULL })).body.days).toBe('0');
      const refused = await desk.submit('employee', 'annual', { startDate: '2026-09-25', endDate: '2026-09-27', ...FULL });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('oa.no-working-time');
      expect((await desk.quote('employee', 'annual', { startDate: '2026-09-19', endDate: '2026-09-20', ...FULL })).body.days).toBe('1');
    });

    it('Spring Festival’s adjusted Saturdays count; hours count only working hours; maternity counts calendar days and needs an attachment', async () => {
      expect((await desk.quote('employee', 'annual', { startDate: '2026-02-14', endDate: '2026-02-28', ...FULL })).body.days).toBe('6');
      const hours = await desk.quote('employee', 'personal', { startDate: '2026-03-09', startTime: '10:00', endDate: '2026-03-10', endTime: '10:00' });
      expect(hours.body).toMatchObject({ unit: 'hour', hours: '8', days: '1', balance: null });
      const maternity = await desk.quote('employee', 'maternity', { startDate: '2026-09-28', endDate: '2027-02-28' });
      expect(maternity.body).toMatchObject({ days: '154', attachmentRequired: true });
      const refused = await desk.submit('employee', 'maternity', { startDate: '2026-09-28', endDate: '2027-02-28' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds' })]);
      const missingHalf = await desk.quote('employee', 'annual', { startDate: '2026-03-09', endDate: '2026-03-09' });
      expect(missingHalf.status).toBe(422);
      expect(missingHalf.body.errors.map((error: { field: string }) => error.field)).toEqual(['startHalf', 'endHalf']);
    });

    it('the company’s override changes what a leave counts', async () => {
      await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-09').set('authorization', await people.token('admin')).send({ kind: 'off', name: '司庆日' }).expect(200);
      expect((await desk.quote('employee', 'annual', { startDate: '2026-09-30', endDate: '2026-10-10', ...FULL })).body.days).toBe('3');
      await request(api.url).delete('/api/v1/oa/calendar/overrides/2026-10-09').set('authorization', await people.token('admin')).expect(200);
    });
  });

  describe('balances: held on submit, taken on approval, released otherwise', () => {
    it('statutory annual leave by years of service, 2025’s unused days carried over with their expiry', async () => {
      const annual = await desk.balance('hr', 'annual');
      // 赵敏, hired 2019-05-01: 5 days; 5 unused days of 2025 carried over (cap 5).
      expect(annual).toMatchObject({ granted: '10', held: '0', used: '0', available: '10', carried: '5', carriedExpiresOn: '2026-03-31' });
      const ledger = await request(api.url).get(`/api/v1/oa/leave/balances/${annual.id}/ledger`).set('authorization', await people.token('hr')).expect(200);
      expect(ledger.body.map((entry: { kind: string; availableAfter: string }) => [entry.kind, entry.availableAfter])).toEqual([
        ['carry-over', '5'],
        ['grant', '10'],
      ]);
      // Nobody else reads it; an HR admin within reach does.
      expect((await request(api.url).get(`/api/v1/oa/leave/balances/${annual.id}/ledger`).set('authorization', await people.token('sales'))).status).toBe(404);
      expect((await request(api.url).get(`/api/v1/oa/leave/balances/${annual.id}/ledger`).set('authorization', await people.token('admin'))).status).toBe(200);
    });

    it('approval takes the held days; the approver gets the task, the applicant a delegation offer and oa.leave.approved goes out', async () => {
      const leave = await desk.file('hr', 'annual', { startDate: '2026-03-09', endDate: '2026-03-10', ...FULL });
      expect(leave.days).toBe('2');
      expect(await desk.balance('hr', 'annual')).toMatchObject({ held: '2', used: '0', available: '8' });
      const detail = await request(api.url).get(`/api/v1/oa/requests/${leave.requestId}`).set('authorization', await people.token('manager')).expect(200);
      expect(detail.body.formData).toMatchObject({ leaveType: '年假', period: { start: '2026-03-09', end: '2026-03-10' }, duration: '2 天', days: 2 });
      await approveAs(api, people, 'manager', leave.requestId);
      expect(await desk.balance('hr', 'annual')).toMatchObject({ held: '0', used: '2', available: '8' });
      const mine = await request(api.url).get('/api/v1/oa/leave/requests?year=2026').set('authorization', await people.token('hr')).expect(200);
      expect(mine.body.find((row: { id: string }) => row.id === leave.id)).toMatchObject({ status: 'approved', days: '2', leaveType: { code: 'annual' } });
      const offers = await sql<{ link: string }>(api, `SELECT link FROM platform.notification WHERE kind = 'oa.leave.delegation-offer' AND source_id = $1`, [leave.id]);
      expect(offers).toEqual([{ link: `/oa/leave/mine?delegate=${leave.id}` }]);
      const [event] = await sql<{ payload: Record<string, unknown> }>(api, `SELECT payload FROM platform.outbox_event WHERE type = 'oa.leave.approved' AND aggregate_id = $1`, [leave.id]);
      expect(event.payload).toMatchObject({ leaveTypeCode: 'annual', startDate: '2026-03-09', endDate: '2026-03-10', days: '2' });
    });

    it('rejection, withdrawal and cancellation each give the held days back; a returned request keeps them until it ends', async () => {
      const before = await desk.balance('hr', 'annual');
      const rejected = await desk.file('hr', 'annual', { startDate: '2026-03-16', endDate: '2026-03-16', ...FULL });
      expect((await act(api, people, 'manager', await openTaskOf(api, rejected.requestId, 'manager'), 'reject', { comment: '不行' })).status).toBe(200);
      const withdrawn = await desk.file('hr', 'annual', { startDate: '2026-03-17', endDate: '2026-03-17', ...FULL });
      await request(api.url).post(`/api/v1/oa/requests/${withdrawn.requestId}/withdraw`).set('authorization', await people.token('hr')).send({}).expect(200);
      const returned = await desk.file('hr', 'annual', { startDate: '2026-03-18', endDate: '2026-03-18', startHalf: 'am', endHalf: 'am' });
      expect((await act(api, people, 'manager', await openTaskOf(api, returned.requestId, 'manager'), 'return', { comment: '写清楚' })).status).toBe(200);
      expect(await statusOf(api, returned.requestId)).toBe('returned');
      expect((await desk.balance('hr', 'annual')).held).toBe('0.5');
      // The leave's data is its own: resubmitting with other data is refused.
      const changed = await request(api.url)
        .post(`/api/v1/oa/requests/${returned.requestId}/resubmit`)
        .set('authorization', await people.token('hr'))
        .send({ formData: { leaveType: '年假', period: { start: '2026-03-18', end: '2026-03-20' }, duration: '3 天', days: 3, reason: 'x', attachments: [] } });
      expect(changed.status).toBe(409);
      await request(api.url).post(`/api/v1/oa/requests/${returned.requestId}/cancel`).set('authorization', await people.token('hr')).send({}).expect(200);
      expect(await desk.balance('hr', 'annual')).toMatchObject({ held: '0', available: before.available });
      const statuses = await sql<{ status: string }>(api, 'SELECT status FROM oa.leave_request WHERE id = ANY($1) ORDER BY start_date', [[rejected.id, withdrawn.id, returned.id]]);
      expect(statuses.map((row) => row.status)).toEqual(['rejected', 'withdrawn', 'cancelled']);
      // The released dates are free again.
      await desk.file('hr', 'personal', { startDate: '2026-03-16', startTime: '09:00', endDate: '2026-03-16', endTime: '12:00' });
      expect(await unexplainedBalances(api)).toEqual([]);
    });

    it('销假 of approved leave goes through its own approval and gives back the days not taken', async () => {
      // Five days: the leader and the leader above approve.
      const leave = await desk.file('hr', 'annual', { startDate: '2026-04-13', endDate: '2026-04-17', ...FULL });
      await approveAs(api, people, 'manager', leave.requestId);
      await approveAs(api, people, 'gm', leave.requestId);
      const taken = await desk.balance('hr', 'annual');
      const cancel = await request(api.url)
        .post(`/api/v1/oa/leave/requests/${leave.id}/cancel`)
        .set('authorization', await people.token('hr'))
        .send({ fromDate: '2026-04-16', reason: '提前返岗' })
        .expect(201);
      expect(cancel.body.days).toBe('2');
      // Nothing is given back until the cancellation is approved, and one at a time.
      expect(await desk.balance('hr', 'annual')).toMatchObject({ used: taken.used });
      expect((await request(api.url).post(`/api/v1/oa/leave/requests/${leave.id}/cancel`).set('authorization', await people.token('hr')).send({ fromDate: '2026-04-17', reason: 'x' })).status).toBe(409);
      expect((await request(api.url).post(`/api/v1/oa/leave/requests/${leave.id}/cancel`).set('authorization', await people.token('manager')).send({ fromDate: '2026-04-17', reason: 'x' })).status).toBe(404);
      await approveAs(api, people, 'manager', cancel.body.requestId);
      const after = await desk.balance('hr', 'annual');
      expect(Number(taken.used) - Number(after.used)).toBe(2);
      const read = await request(api.url).get(`/api/v1/oa/leave/requests/${leave.id}`).set('authorization', await people.token('hr')).expect(200);
      expect(read.body).toMatchObject({ status: 'approved', endDate: '2026-04-15', days: '3', returnedDays: '2', cancellation: { status: 'approved', fromDate: '2026-04-16', days: '2' } });
      // The given-back days are free for another leave.
      await desk.file('hr', 'personal', { startDate: '2026-04-16', startTime: '09:00', endDate: '2026-04-16', endTime: '18:00' });
      // A whole cancellation: from the first day.
      const whole = await desk.file('hr', 'annual', { startDate: '2026-05-06', endDate: '2026-05-06', ...FULL });
      await approveAs(api, people, 'manager', whole.requestId);
      const all = await request(api.url).post(`/api/v1/oa/leave/requests/${whole.id}/cancel`).set('authorization', await people.token('hr')).send({ fromDate: '2026-05-01', reason: '不休了' }).expect(201);
      expect(all.body.days).toBe('1');
      // A rejected cancellation leaves the leave as it was.
      await act(api, people, 'manager', await openTaskOf(api, all.body.requestId, 'manager'), 'reject', { comment: '已安排顶岗' });
      expect((await request(api.url).get(`/api/v1/oa/leave/requests/${whole.id}`).set('authorization', await people.token('hr'))).body).toMatchObject({ status: 'approved', days: '1' });
      const again = await request(api.url).post(`/api/v1/oa/leave/requests/${whole.id}/cancel`).set('authorization', await people.token('hr')).send({ fromDate: '2026-05-06', reason: '不休了' }).expect(201);
      await approveAs(api, people, 'manager', again.body.requestId);
      expect((await request(api.url).get(`/api/v1/oa/leave/requests/${whole.id}`).set('authorization', await people.token('hr'))).body).toMatchObject({ status: 'cancelled', returnedDays: '1' });
      expect(await unexplainedBalances(api)).toEqual([]);
    });

    it('overlapping leave is refused naming the other; going below zero is refused unless the type allows it', async () => {
      const overlap = await desk.submit('hr', 'personal', { startDate: '2026-03-10', startTime: '14:00', endDate: '2026-03-10', endTime: '16:00' });
      expect(overlap.status).toBe(409);
      expect(overlap.body).toMatchObject({ code: 'oa.leave-overlaps', detail: 'This leave overlaps your leave from 2026-03-09 to 2026-03-10' });
      // A morning and an afternoon of the same day do not overlap.
      await desk.file('liu.yang', 'annual', { startDate: '2026-03-11', endDate: '2026-03-11', startHalf: 'am', endHalf: 'am' });
      await desk.file('liu.yang', 'personal', { startDate: '2026-03-11', startTime: '13:00', endDate: '2026-03-11', endTime: '15:00' });

      const tooMuch = await desk.submit('employee', 'annual', { startDate: '2026-06-01', endDate: '2026-06-30', ...FULL });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.code).toBe('oa.insufficient-balance');
      // Sick leave may go below zero (5 a year), with a doctor's note above 2 days.
      const note = await upload(api, await people.token('employee'), '诊断证明.pdf');
      const sick = await desk.file('employee', 'sick', { startDate: '2026-06-01', endDate: '2026-06-10', ...FULL }, { attachmentIds: [note.id] });
      expect(sick.days).toBe('8');
      expect(await desk.balance('employee', 'sick')).toMatchObject({ granted: '5', held: '8', available: '-3' });
      // Someone else's file is not an attachment of yours.
      const other = await upload(api, await people.token('manager'), '别人的.pdf');
      const refused = await desk.submit('employee', 'sick', { startDate: '2026-07-01', endDate: '2026-07-10', ...FULL }, { attachmentIds: [other.id] });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds[0]' })]);
    });
  });

  describe('at once', () => {
    it('two submissions racing for the last day of a balance: exactly one wins', async () => {
      await desk.leaveExactly('song.jie', 'annual', '1');
      const [first, second] = await Promise.all([
        desk.submit('song.jie', 'annual', { startDate: '2026-05-11', endDate: '2026-05-11', ...FULL }),
        desk.submit('song.jie', 'annual', { startDate: '2026-05-12', endDate: '2026-05-12', ...FULL }),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 422]);
      expect([first, second].find((response) => response.status === 422)?.body.code).toBe('oa.insufficient-balance');
      expect(await desk.balance('song.jie', 'annual')).toMatchObject({ held: '1', available: '0' });
      expect(await unexplainedBalances(api)).toEqual([]);
    });

    it('two overlapping submissions at once: one is refused as overlapping', async () => {
      // Signed in first: two first sign-ins at once each reset the password, and the second reset ends the first's session (401).
      await people.token('deng.kai');
      const [first, second] = await Promise.all([
        desk.submit('deng.kai', 'personal', { startDate: '2026-05-13', startTime: '09:00', endDate: '2026-05-13', endTime: '12:00' }),
        desk.submit('deng.kai', 'personal', { startDate: '2026-05-13', startTime: '10:00', endDate: '2026-05-13', endTime: '11:00' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 409]);
      expect(await sql(api, `SELECT 1 FROM oa.leave_request l JOIN org.person p ON p.id = l.person_id WHERE p.username = 'deng.kai' AND l.status = 'pending'`)).toHaveLength(1);
    });
  });

  describe('grants', () => {
    it('prorates a joiner’s first entitled year; repeating the grant changes nothing', async () => {
      await sql(api, `UPDATE org.person SET hire_date = '2025-07-01' WHERE username = 'cao.yan'`);
      const admin = await people.token('admin');
      const cao = await people.id('cao.yan');
      const run = await request(api.url).post('/api/v1/oa/leave/balances/grant').set('authorization', admin).send({ year: 2026, personIds: [cao] }).expect(200);
      expect(run.body).toEqual({ people: 1, changed: 1 });
      expect((await desk.balance('cao.yan', 'annual')).granted).toBe('7');
      // 2 statutory (184 of 365 days at 5) and the 5 carried from 2025.
      const again = await request(api.url).post('/api/v1/oa/leave/balances/grant').set('authorization', admin).send({ year: 2026, personIds: [cao] }).expect(200);
      expect(again.body).toEqual({ people: 1, changed: 0 });
      expect((await request(api.url).post('/api/v1/oa/leave/balances/grant').set('authorization', await people.token('employee')).send({ year: 2026 })).status).toBe(403);
    });

    it('prorates a leaver to the day they left', async () => {
      const id = await people.id('jiang.tao');
      await sql(api, `UPDATE org.person SET hire_date = '2020-01-01' WHERE id = $1`, [id]);
      await request(api.url).post('/api/v1/oa/leave/balances/grant').set('authorization', await people.token('admin')).send({ year: 2026, personIds: [id] }).expect(200);
      const balanceOf = async () =>
        (await request(api.url).get(`/api/v1/oa/leave/balances?year=2026&personId=${id}`).set('authorization', await people.token('admin')).expect(200)).body.find(
          (balance: { leaveType: { code: string } }) => balance.leaveType.code === 'annual',
        );
      const before = await balanceOf();
      // 2026 by the new hire date: 5, plus what 2025 carried.
      expect(before.granted).toBe(String(5 + Number(before.carried)));
      const person = await request(api.url).get(`/api/v1/org/people/${id}`).set('authorization', await people.token('admin')).expect(200);
      await request(api.url).post(`/api/v1/org/people/${id}/leave`).set('authorization', await people.token('admin')).send({ version: person.body.version }).expect(200);
      // Five a year, prorated to the day of leaving (the event's day); what was carried stays.
      const [{ left_on: leftOn }] = await eventually(async () => {
        const rows = await sql<{ left_on: string }>(api, `SELECT to_char(left_on, 'YYYY-MM-DD') AS left_on FROM oa.leaver WHERE person_id = $1`, [id]);
        return rows.length > 0 ? rows : undefined;
      }, 'the leaver’s record');
      const employed = (Date.parse(`${leftOn}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z')) / 86_400_000 + 1;
      const after = await eventually(async () => {
        const balance = await balanceOf();
        return balance.granted !== before.granted ? balance : undefined;
      }, 'the leaver’s proration');
      expect(after.granted).toBe(String(Number(before.carried) + Math.floor((5 * employed) / 365)));
      expect(Math.floor((5 * employed) / 365)).toBeLessThan(5);
    });

    it('approved overtime earns compensatory leave in hours', async () => {
      const overtime = await request(api.url).post('/api/v1/oa/leave/overtime').set('authorization', await people.token('hr')).send({ workDate: '2026-03-07', hours: '4', reason: '周末值班' }).expect(201);
      expect(overtime.body.days).toBe('0.5');
      await approveAs(api, people, 'manager', overtime.body.requestId);
      expect(await desk.balance('hr', 'compensatory')).toMatchObject({ granted: '0.5', available: '0.5' });
      const quote = await desk.quote('hr', 'compensatory', { startDate: '2026-03-20', startTime: '14:00', endDate: '2026-03-20', endTime: '18:00' });
      expect(quote.body).toMatchObject({ hours: '4', days: '0.5', balance: { available: '0.5', afterwards: '0' } });
      expect((await desk.submit('hr', 'compensatory', { startDate: '2026-03-20', startTime: '13:00', endDate: '2026-03-20', endTime: '18:00' })).status).toBe(422);
    });
  });

  describe('the team calendar', () => {
    it('shows a manager who is away in their department and below, and nobody else', async () => {
      const calendar = await request(api.url).get('/api/v1/oa/leave/team-calendar?from=2026-03-01&to=2026-03-31').set('authorization', await people.token('manager')).expect(200);
      const names = calendar.body.people.map((row: { person: { name: string } }) => row.person.name);
      expect(names).toEqual(expect.arrayContaining(['赵敏', '刘洋']));
      expect(names).not.toContain('宋杰');
      expect(calendar.body.days).toHaveLength(31);
      const employee = calendar.body.people.find((row: { person: { name: string } }) => row.person.name === '赵敏');
      expect(employee.leaves).toEqual(expect.arrayContaining([expect.objectContaining({ startDate: '2026-03-09', endDate: '2026-03-10', status: 'approved', leaveType: expect.objectContaining({ code: 'annual' }) })]));
      expect((await request(api.url).get('/api/v1/oa/leave/team-calendar?from=2026-03-01&to=2026-03-31').set('authorization', await people.token('employee'))).status).toBe(403);
      expect((await request(api.url).get('/api/v1/oa/leave/team-calendar?from=2026-01-01&to=2026-12-31').set('authorization', await people.token('manager'))).status).toBe(422);
    });
  });

  describe('the ledger explains every balance', () => {
    it('whatever sequence of submissions and decisions (fast-check)', async () => {
      const person = 'luo.bin';
      await desk.leaveExactly(person, 'annual', '3');
      const action = fc.oneof(
        fc.record({ kind: fc.constant('submit' as const), week: fc.integer({ min: 0, max: 20 }), day: fc.integer({ min: 0, max: 4 }), half: fc.boolean() }),
        fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const, 'withdraw' as const, 'cancel' as const, 'cancel-approved' as const), pick: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
          for (const step of actions) {
            const rows = await sql<{ id: string; request_id: string; status: string; start_date: string }>(
              api,
              `SELECT l.id, l.request_id, l.status, to_char(l.start_date, 'YYYY-MM-DD') AS start_date FROM oa.leave_request l JOIN org.person p ON p.id = l.person_id
                WHERE p.username = $1 ORDER BY l.created_at, l.id`,
              [person],
            );
            if (step.kind === 'submit') {
              const date = new Date(Date.UTC(2026, 5, 1 + step.week * 7 + step.day)).toISOString().slice(0, 10);
              await desk.submit(person, 'annual', { startDate: date, endDate: date, startHalf: step.half ? 'pm' : 'am', endHalf: 'pm' });
              continue;
            }
            const pending = rows.filter((row) => row.status === 'pending');
            const approved = rows.filter((row) => row.status === 'approved');
            if (step.kind === 'cancel-approved') {
              const leave = approved[step.pick % Math.max(1, approved.length)];
              if (!leave) continue;
              const cancel = await request(api.url).post(`/api/v1/oa/leave/requests/${leave.id}/cancel`).set('authorization', await people.token(person)).send({ fromDate: leave.start_date, reason: 'x' });
              if (cancel.status === 201) await approveAs(api, people, 'prodmgr', cancel.body.requestId);
              continue;
            }
            const leave = pending[step.pick % Math.max(1, pending.length)];
            if (!leave) continue;
            if (step.kind === 'approve') await approveAs(api, people, 'prodmgr', leave.request_id);
            else if (step.kind === 'reject') await act(api, people, 'prodmgr', await openTaskOf(api, leave.request_id, 'prodmgr'), 'reject', { comment: 'no' });
            else await request(api.url).post(`/api/v1/oa/requests/${leave.request_id}/${step.kind}`).set('authorization', await people.token(person)).send({});
          }
          expect(await unexplainedBalances(api)).toEqual([]);
          const balance = await desk.balance(person, 'annual');
          expect(Number(balance.available)).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 8 },
      );
    });
  });

  describe('carry-over', () => {
    it('carries unused days into the next year up to the cap; what is left of them expires after their day', async () => {
      // tang.li: 5 carried from 2025 and 5 of 2026; takes 2 days before the carried ones expire.
      api.clock.set(new Date('2026-03-02T01:00:00Z'));
      const leave = await desk.file('tang.li', 'annual', { startDate: '2026-03-23', endDate: '2026-03-24', ...FULL });
      await approveAs(api, people, 'prodmgr', leave.requestId);
      const runJob = async () => {
        const job = api.app.get(HandlerRegistry).scheduledJob('oa.leave-carry-over-expiry');
        if (!job) throw new Error('no expiry job');
        return job.run({ now: api.clock.now() });
      };
      expect(await runJob()).toEqual({ expired: 0 });
      api.clock.set(new Date('2026-04-01T02:00:00Z'));
      expect(((await runJob()) as { expired: number }).expired).toBeGreaterThan(0);
      // 5 carried − 2 taken = 3 expire: 10 − 3 = 7 granted, 5 available.
      expect(await desk.balance('tang.li', 'annual')).toMatchObject({ granted: '7', used: '2', available: '5', carriedExpired: true });
      expect(await runJob()).toEqual({ expired: 0 });

      const carried = await request(api.url).post('/api/v1/oa/leave/balances/carry-over').set('authorization', await people.token('admin')).send({ fromYear: 2026 }).expect(200);
      expect(carried.body.changed).toBeGreaterThan(0);
      // 陈建国 (10 years on 2026-02-01: 9 days) has 9 left in 2026: the cap carries 5; 李明 carries his 4.
      const gm = async (year: number) =>
        (await request(api.url).get(`/api/v1/oa/leave/balances?year=${year}&personId=${await people.id('gm')}`).set('authorization', await people.token('admin')).expect(200)).body.find(
          (balance: { leaveType: { code: string } }) => balance.leaveType.code === 'annual',
        );
      expect(await gm(2026)).toMatchObject({ available: '9' });
      expect(await gm(2027)).toMatchObject({ granted: '5', carried: '5', carriedExpiresOn: '2027-03-31' });
      expect(await desk.balance('employee', 'annual', 2027)).toMatchObject({ granted: '4', carried: '4' });
      expect(await desk.balance('tang.li', 'annual', 2027)).toMatchObject({ granted: '5' });
      const again = await request(api.url).post('/api/v1/oa/leave/balances/carry-over').set('authorization', await people.token('admin')).send({ fromYear: 2026 }).expect(200);
      expect(again.body.changed).toBe(0);
      expect(await unexplainedBalances(api)).toEqual([]);
    });
  });
});
