import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, personId, signIn, startDemoApi } from '../../../../test/e2e/org-fixtures.js';
import type { TestApi } from '../../../../test/harness/test-api.js';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Notifications } from './notifications.service.js';

describe('notifications (real PostgreSQL, over HTTP)', () => {
  let api: TestApi;
  let employeeId: string;
  let managerId: string;

  beforeAll(async () => {
    api = await startDemoApi();
    employeeId = await personId(api, 'planner');
    managerId = await personId(api, 'sales');
    // Two demo logins with empty boxes: whatever the demo's approvals told them (孙丽's own
    // leave, say) is cleared, so the counts below are this test's alone.
    await api.app.get(DataSource).query('DELETE FROM platform.notification WHERE recipient_id = ANY($1::uuid[])', [[employeeId, managerId]]);
  });
  afterAll(async () => api.close());

  const notify = (work: (notifications: Notifications) => Promise<void>) => api.app.get(UnitOfWork).run(() => work(api.app.get(Notifications)));

  it('writes in the caller\'s transaction: a rolled-back one leaves no notification and tells no listener', async () => {
    const told: string[][] = [];
    const stop = api.app.get(Notifications).onNotified((ids) => told.push([...ids]));
    await expect(
      notify(async (notifications) => {
        await notifications.notify({ recipientId: employeeId, kind: 'test.never', title: 'never seen' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await notify((notifications) => notifications.notify([{ recipientId: employeeId, kind: 'test.seen', title: '你有一条新消息', link: '/dashboard' }]));
    stop();
    expect(told).toEqual([[employeeId]]);
    const employee = await signIn(api, 'planner');
    const page = await request(api.url).get('/api/v1/platform/notifications').set('authorization', bearer(employee)).expect(200);
    expect(page.body.items.map((item: { kind: string }) => item.kind)).toEqual(['test.seen']);
  });

  it('pages the caller\'s own notifications newest first, counts the unread, and marks them read', async () => {
    await notify((notifications) =>
      notifications.notify([
        ...Array.from({ length: 5 }, (_, index) => ({ recipientId: managerId, kind: 'test.page', title: `第 ${index + 1} 条` })),
        { recipientId: employeeId, kind: 'test.other', title: 'not the manager\'s' },
      ]),
    );
    const manager = await signIn(api, 'sales');
    const first = await request(api.url).get('/api/v1/platform/notifications').query({ limit: 3 }).set('authorization', bearer(manager)).expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.unread).toBe(5);
    const second = await request(api.url).get('/api/v1/platform/notifications').query({ limit: 3, before: first.body.nextBefore }).set('authorization', bearer(manager)).expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextBefore).toBeNull();
    const titles = [...first.body.items, ...second.body.items].map((item: { title: string }) => item.title);
    expect(new Set(titles).size).toBe(5);

    await request(api.url).post(`/api/v1/platform/notifications/${first.body.items[0].id}/read`).set('authorization', bearer(manager)).expect(204);
    expect((await request(api.url).get('/api/v1/platform/notifications/unread-count').set('authorization', bearer(manager)).expect(200)).body).toEqual({ unread: 4 });
    const unread = await request(api.url).get('/api/v1/platform/notifications').query({ unreadOnly: 'true' }).set('authorization', bearer(manager)).expect(200);
    expect(unread.body.items).toHaveLength(4);
    expect((await request(api.url).post('/api/v1/platform/notifications/read-all').set('authorization', bearer(manager)).expect(200)).body).toEqual({ marked: 4 });
  });

  it('answers another person\'s notification as missing, and a forged cursor as a bad request', async () => {
    const employee = await signIn(api, 'planner');
    const manager = await signIn(api, 'sales');
    const theirs = await request(api.url).get('/api/v1/platform/notifications').set('authorization', bearer(employee)).expect(200);
    const foreign = await request(api.url).post(`/api/v1/platform/notifications/${theirs.body.items[0].id}/read`).set('authorization', bearer(manager)).expect(404);
    expect(foreign.body.code).toBe('platform.not-found');
    const forged = await request(api.url).get('/api/v1/platform/notifications').query({ before: 'not-a-cursor' }).set('authorization', bearer(manager)).expect(400);
    expect(forged.body.errors).toEqual([{ field: 'before', message: 'is not a valid cursor' }]);
  });
});
