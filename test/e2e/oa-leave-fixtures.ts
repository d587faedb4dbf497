import request from 'supertest';
import { Decimal } from 'decimal.js';
import type { TestApi } from '../harness/test-api.js';
import { sql } from './org-fixtures.js';
import type { OaPeople } from './oa-fixtures.js';

export interface Balance {
  id: string | null;
  leaveType: { code: string };
  granted: string;
  held: string;
  used: string;
  available: string;
  carried: string;
}

/** Leave helpers over HTTP for the leave and expense specs. */
export class LeaveDesk {
  private typeIds?: Map<string, string>;

  constructor(
    private readonly api: TestApi,
    private readonly people: OaPeople,
  ) {}

  async typeId(code: string): Promise<string> {
    if (!this.typeIds) {
      const types = await request(this.api.url).get('/api/v1/oa/leave/types').set('authorization', await this.people.token('admin')).expect(200);
      this.typeIds = new Map((types.body as Array<{ code: string; id: string }>).map((type) => [type.code, type.id]));
    }
    const id = this.typeIds.get(code);
    if (!id) throw new Error(`no leave type ${code}`);
    return id;
  }

  async quote(username: string, code: string, period: Record<string, unknown>): Promise<request.Response> {
    return request(this.api.url).post('/api/v1/oa/leave/quote').set('authorization', await this.people.token(username)).send({ leaveTypeId: await this.typeId(code), ...period });
  }

  async submit(username: string, code: string, period: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<request.Response> {
    return request(this.api.url)
      .post('/api/v1/oa/leave/requests')
      .set('authorization', await this.people.token(username))
      .send({ leaveTypeId: await this.typeId(code), reason: '测试', ...period, ...extra });
  }

  /** Submits and fails the test on anything but 201. */
  async file(username: string, code: string, period: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<{ id: string; requestId: string; days: string }> {
    const response = await this.submit(username, code, period, extra);
    if (response.status !== 201) throw new Error(`leave of ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async balance(username: string, code: string, year = 2026): Promise<Balance> {
    const response = await request(this.api.url).get(`/api/v1/oa/leave/balances?year=${year}`).set('authorization', await this.people.token(username)).expect(200);
    const found = (response.body as Balance[]).find((balance) => balance.leaveType.code === code);
    if (!found) throw new Error(`${username} has no ${code} balance`);
    return found;
  }

  /** Sets a person's balance so exactly `available` days are left, through the admin's adjustment. */
  async leaveExactly(username: string, code: string, available: string): Promise<void> {
    const current = await this.balance(username, code);
    const days = new Decimal(available).minus(current.available);
    if (days.isZero()) return;
    await request(this.api.url)
      .post('/api/v1/oa/leave/balances/adjust')
      .set('authorization', await this.people.token('admin'))
      .send({ personId: await this.people.id(username), leaveTypeId: await this.typeId(code), year: 2026, days: days.toString(), note: 'test' })
      .expect(200);
  }
}

/**
 * Balances the ledger does not explain: a bucket that differs from the sum of its
 * entries, held days that are not the pending leave's, used days that are not the
 * approved leave's. Empty when every balance is explained.
 */
export async function unexplainedBalances(api: TestApi): Promise<unknown[]> {
  return sql(
    api,
    `SELECT b.id, b.granted, b.held, b.used, e.granted AS ledger_granted, e.held AS ledger_held, e.used AS ledger_used, l.pending, l.approved
       FROM oa.leave_balance b
       LEFT JOIN LATERAL (SELECT coalesce(sum(granted_delta), 0) AS granted, coalesce(sum(held_delta), 0) AS held, coalesce(sum(used_delta), 0) AS used
                            FROM oa.leave_ledger WHERE balance_id = b.id) e ON true
       LEFT JOIN LATERAL (SELECT coalesce(sum(days) FILTER (WHERE status = 'pending'), 0) AS pending, coalesce(sum(days) FILTER (WHERE status = 'approved'), 0) AS approved
                            FROM oa.leave_request WHERE balance_id = b.id) l ON true
      WHERE b.granted <> e.granted OR b.held <> e.held OR b.used <> e.used OR b.held <> l.pending OR b.used <> l.approved`,
  );
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

export async function upload(api: TestApi, token: string, name: string, bytes: Buffer = PDF): Promise<{ id: string; name: string; size: number }> {
  const response = await request(api.url).post(`/api/v1/platform/files?name=${encodeURIComponent(name)}`).set('authorization', token).set('content-type', 'application/octet-stream').send(bytes);
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
