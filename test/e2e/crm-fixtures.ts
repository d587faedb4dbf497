import request from 'supertest';
import { HandlerRegistry } from '@zhongshu/platform';
import { creditCodeCheckCharacter } from '@zhongshu/crm';
import type { OaTestApi } from './oa-app.js';
import { OaPeople } from './oa-fixtures.js';
import { sql } from './org-fixtures.js';

/** Fails with the answer's body in the message, so a wrong status says why. */
function expectStatus(method: string, path: string, expected: number, response: request.Response): request.Response {
  if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

let serial = 0;

/** A valid 统一社会信用代码, different on every call. */
export function creditCode(): string {
  serial += 1;
  const prefix = `91320500MA${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(4, '0')}`;
  return prefix + creditCodeCheckCharacter(prefix);
}

let names = 0;
/** A company name no other test uses. */
export function companyName(stem = '测试'): string {
  names += 1;
  return `${stem}${process.pid}号${names}科技有限公司`;
}

/** Calls the CRM API as demo people (tokens kept per file), and runs CRM's scheduled jobs on the test's clock. */
export class Crm {
  private constructor(
    readonly api: OaTestApi,
    readonly people: OaPeople,
  ) {}

  static async start(api: OaTestApi): Promise<Crm> {
    return new Crm(api, await OaPeople.start(api));
  }

  async get(username: string, path: string, expected = 200): Promise<request.Response> {
    return expectStatus('GET', path, expected, await request(this.api.url).get(`/api/v1${path}`).set('authorization', await this.people.token(username)));
  }

  async post(username: string, path: string, body: object, expected = 200): Promise<request.Response> {
    return expectStatus('POST', path, expected, await request(this.api.url).post(`/api/v1${path}`).set('authorization', await this.people.token(username)).send(body));
  }

  async patch(username: string, path: string, body: object, expected = 200): Promise<request.Response> {
    return expectStatus('PATCH', path, expected, await request(this.api.url).patch(`/api/v1${path}`).set('authorization', await this.people.token(username)).send(body));
  }

  async put(username: string, path: string, body: object, expected = 200): Promise<request.Response> {
    return expectStatus('PUT', path, expected, await request(this.api.url).put(`/api/v1${path}`).set('authorization', await this.people.token(username)).send(body));
  }

  /** Creates a customer owned by `username` (or in the pool with `ownerId: null`); returns its DTO. */
  async customer(username: string, fields: Record<string, unknown> = {}): Promise<{ id: string; version: number; name: string; ownerId: string | null }> {
    return (await this.post(username, '/crm/customers', { name: companyName(), ...fields }, 201)).body;
  }

  async runJob(name: string): Promise<unknown> {
    const job = this.api.app.get(HandlerRegistry).scheduledJob(name);
    if (!job) throw new Error(`no scheduled job ${name}`);
    return job.run({ now: this.api.clock.now() });
  }

  async setPool(settings: Partial<{ holdingCap: number | null; dailyClaimCap: number | null; noFollowUpDays: number | null; noDealDays: number | null; warnDays: number; coolingOffDays: number }>): Promise<void> {
    const current = (await this.get('admin', '/crm/pool/settings')).body;
    await this.put('admin', '/crm/pool/settings', { ...current, ...settings });
  }

  async events(type: string, aggregateId: string): Promise<Array<{ payload: Record<string, unknown>; sequence: string }>> {
    return sql(this.api, 'SELECT payload, sequence::text FROM platform.outbox_event WHERE type = $1 AND aggregate_id = $2 ORDER BY sequence', [type, aggregateId]);
  }

  async timeline(customerId: string): Promise<Array<{ kind: string; detail: Record<string, unknown>; personName: string | null; actorName: string | null }>> {
    return (await this.get('admin', `/crm/customers/${customerId}/timeline?pageSize=100`)).body.items;
  }
}
