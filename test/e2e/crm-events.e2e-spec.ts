import { Injectable, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@zhongshu/contracts';
import { EventHandler } from '@zhongshu/platform';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { Crm } from './crm-fixtures.js';

type CustomerEvent = 'crm.customer.created' | 'crm.customer.changed' | 'crm.customer.merged';
const TYPES: CustomerEvent[] = ['crm.customer.created', 'crm.customer.changed', 'crm.customer.merged'];

async function keep(manager: EntityManager, handler: string, event: EventEnvelope<CustomerEvent>): Promise<void> {
  // A slow handler for the first events, so a later one would overtake it if order were not kept.
  if (event.type === 'crm.customer.created') await new Promise((resolve) => setTimeout(resolve, 300));
  await manager.query('INSERT INTO public.crmtest_seen (handler, event_id, type, aggregate_id, sequence) VALUES ($1, $2, $3, $4, $5)', [handler, event.id, event.type, event.aggregateId, event.sequence]);
}

/** Two consumers keeping customer snapshots, as ERP and MES will. */
@Injectable()
class SnapshotsA {
  @EventHandler(TYPES, { name: 'crmtest.snapshots-a' })
  async apply(event: EventEnvelope<CustomerEvent>, manager: EntityManager): Promise<void> {
    await keep(manager, 'a', event);
  }
}

@Injectable()
class SnapshotsB {
  @EventHandler(TYPES, { name: 'crmtest.snapshots-b' })
  async apply(event: EventEnvelope<CustomerEvent>, manager: EntityManager): Promise<void> {
    await keep(manager, 'b', event);
  }
}

@Module({ providers: [SnapshotsA, SnapshotsB] })
class SnapshotsModule {}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * `crm.customer.merged` reaches each consumer exactly once, after the merged customer's
 * earlier events (created, changed) and never before them, through the real relay and workers.
 */
describe('CRM customer events to consumers', () => {
  let api: OaTestApi;
  let crm: Crm;

  beforeAll(async () => {
    api = await startOaApi({ env: { RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' }, modules: [SnapshotsModule] });
    await sql(api, 'CREATE TABLE public.crmtest_seen (n bigserial PRIMARY KEY, handler text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, aggregate_id text NOT NULL, sequence bigint NOT NULL)');
    crm = await Crm.start(api);
  });
  afterAll(async () => api?.close());

  it('delivers crm.customer.merged exactly once per handler, in order with the customer’s other events', async () => {
    const merged = await crm.customer('sales', { city: '苏州市' });
    const first = (await crm.patch('sales', `/crm/customers/${merged.id}`, { version: merged.version, city: '无锡市' })).body;
    await crm.patch('sales', `/crm/customers/${merged.id}`, { version: first.version, industry: '化工' });
    const survivor = await crm.customer('sales');
    const current = (await crm.get('sales', `/crm/customers/${merged.id}`)).body;
    await crm.post('salesmgr', `/crm/customers/${survivor.id}/merge`, { mergedId: merged.id, version: survivor.version, mergedVersion: current.version });

    const seen = await eventually(async () => {
      const rows = await sql<{ handler: string; type: string; sequence: string }>(api, 'SELECT handler, type, sequence::text FROM public.crmtest_seen WHERE aggregate_id = $1 ORDER BY handler, n', [merged.id]);
      return rows.filter((row) => row.type === 'crm.customer.merged').length >= 2 ? rows : undefined;
    }, 'both handlers to apply crm.customer.merged');
    for (const handler of ['a', 'b']) {
      const applied = seen.filter((row) => row.handler === handler);
      expect(applied.map((row) => row.type)).toEqual(['crm.customer.created', 'crm.customer.changed', 'crm.customer.changed', 'crm.customer.merged']);
      expect(applied.map((row) => Number(row.sequence))).toEqual([1, 2, 3, 4]);
    }
    // Settled: nothing more arrives, and the idempotency records say once per handler.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [{ count }] = await sql<{ count: string }>(api, `SELECT count(*) FROM public.crmtest_seen WHERE aggregate_id = $1 AND type = 'crm.customer.merged'`, [merged.id]);
    expect(Number(count)).toBe(2);
    const processed = await sql<{ handler: string }>(api, `SELECT p.handler FROM platform.processed_event p JOIN platform.outbox_event o ON o.id = p.event_id WHERE o.type = 'crm.customer.merged' AND o.aggregate_id = $1 ORDER BY p.handler`, [merged.id]);
    // The test's two handlers once each (other contexts' handlers, ERP's trading terms, consume it too).
    expect(processed.map((row) => row.handler).filter((handler) => handler.startsWith('crmtest.'))).toEqual(['crmtest.snapshots-a', 'crmtest.snapshots-b']);
  });
});
