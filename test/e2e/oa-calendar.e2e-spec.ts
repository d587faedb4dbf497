import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { OaPeople } from './oa-fixtures.js';

describe('the company working calendar', () => {
  let api: OaTestApi;
  let people: OaPeople;

  beforeAll(async () => {
    api = await startOaApi();
    people = await OaPeople.start(api);
  });
  afterAll(async () => api?.close());

  it('serves a year’s holidays and adjusted working days from China’s calendar, with the working hours', async () => {
    const year = await request(api.url).get('/api/v1/oa/calendar/2026').set('authorization', await people.token('employee')).expect(200);
    expect(year.body).toMatchObject({ year: 2026, chinaCalendarKnown: true, workingHours: { morning: ['09:00', '12:00'], afternoon: ['13:00', '18:00'], hoursPerDay: 8 } });
    const byDate = new Map((year.body.days as Array<{ date: string; kind: string; working: boolean; name: string }>).map((day) => [day.date, day]));
    expect(byDate.get('2026-10-01')).toMatchObject({ kind: 'holiday', working: false, name: '国庆节' });
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(byDate.get('2026-09-20')).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(byDate.has('2026-03-09')).toBe(false);
    expect((await request(api.url).get('/api/v1/oa/calendar/1999').set('authorization', await people.token('employee'))).status).toBe(400);
  });

  it('an admin sets and removes the company’s overrides; an employee may not; each change is audited', async () => {
    const admin = await people.token('admin');
    const off = await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-09').set('authorization', admin).send({ kind: 'off', name: '司庆日' }).expect(200);
    expect(off.body).toMatchObject({ date: '2026-10-09', kind: 'company-off', working: false, name: '司庆日' });
    await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-11').set('authorization', admin).send({ kind: 'work', name: '补班' }).expect(200);
    // Setting it again changes the one row.
    await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-09').set('authorization', admin).send({ kind: 'off', name: '公司周年' }).expect(200);
    const year = await request(api.url).get('/api/v1/oa/calendar/2026').set('authorization', admin).expect(200);
    const days = year.body.days as Array<{ date: string; kind: string; china: string; overridden: boolean; name: string }>;
    expect(days.find((day) => day.date === '2026-10-09')).toMatchObject({ kind: 'company-off', china: 'workday', overridden: true, name: '公司周年' });
    expect(days.find((day) => day.date === '2026-10-11')).toMatchObject({ kind: 'company-workday', china: 'weekend', overridden: true });

    expect((await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-12').set('authorization', await people.token('employee')).send({ kind: 'off', name: 'x' })).status).toBe(403);
    const bad = await request(api.url).put('/api/v1/oa/calendar/overrides/2026-02-30').set('authorization', admin).send({ kind: 'off', name: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('oa.invalid-reference');
    expect((await request(api.url).put('/api/v1/oa/calendar/overrides/2026-10-12').set('authorization', admin).send({ kind: 'holiday', name: 'x' })).status).toBe(400);

    const removed = await request(api.url).delete('/api/v1/oa/calendar/overrides/2026-10-11').set('authorization', admin).expect(200);
    expect(removed.body).toMatchObject({ date: '2026-10-11', kind: 'weekend', working: false });
    expect((await request(api.url).delete('/api/v1/oa/calendar/overrides/2026-10-11').set('authorization', admin)).status).toBe(404);
    const audited = await sql<{ operation: string; actor_username: string }>(api, `SELECT operation, actor_username FROM platform.audit_log WHERE entity_type = 'oa.calendar_override' ORDER BY id`);
    expect(audited.map((row) => row.operation)).toEqual(['insert', 'insert', 'update', 'delete']);
    expect(new Set(audited.map((row) => row.actor_username))).toEqual(new Set(['admin']));
  });
});
