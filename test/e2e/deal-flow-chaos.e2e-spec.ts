import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BusTransport, EventConsumer, HandlerRegistry, type HandlerJob, type HandlerOutcome } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { dealFixtures, eventually } from './deal-fixtures.js';
import { act, OaPeople, openTaskOf } from './oa-fixtures.js';
import { sql, startDemoApi } from './org-fixtures.js';

/**
 * Between the relay and the workers: holds every job the relay hands over until the test
 * releases them, then delivers them in reverse order, each twice (on the queue, and at
 * once beside it straight to the consumer), and counts what the consumer made of each.
 */
class Chaos {
  private held: HandlerJob[] = [];
  /** Jobs this says yes to stay held through releases, until it is cleared. */
  holdBack: ((job: HandlerJob) => boolean) | undefined;
  readonly delivered: HandlerJob[] = [];
  readonly outcomes: Record<HandlerOutcome, number> = { applied: 0, duplicate: 0, waiting: 0 };
  private readonly enqueue: (jobs: HandlerJob[]) => Promise<void>;

  constructor(
    private readonly api: TestApi,
    private readonly consumer: EventConsumer,
    private readonly registry: HandlerRegistry,
    transport: BusTransport,
  ) {
    this.enqueue = transport.enqueue.bind(transport);
    transport.enqueue = async (jobs: HandlerJob[]) => {
      this.held.push(...jobs);
    };
    const apply = consumer.apply.bind(consumer);
    consumer.apply = async (handler, envelope) => {
      const outcome = await apply(handler, envelope);
      this.outcomes[outcome] += 1;
      return outcome;
    };
  }

  private async release(): Promise<void> {
    const holdBack = this.holdBack;
    const jobs = this.held.filter((job) => !holdBack?.(job)).reverse();
    this.held = this.held.filter((job) => holdBack?.(job));
    if (jobs.length === 0) return;
    this.delivered.push(...jobs);
    await Promise.all([this.enqueue(jobs), ...jobs.map((job) => this.consumer.apply(this.registry.handler(job.handler)!, job.envelope))]);
  }

  /** Releases what is held until nothing is held, published-but-unclaimed or unpublished. */
  async settle(): Promise<void> {
    let quiet = 0;
    await eventually(
      async () => {
        await this.release();
        const [left] = await sql<{ pending: number; unpublished: number }>(
          this.api,
          `SELECT (SELECT count(*) FROM platform.pending_delivery p
                    WHERE NOT EXISTS (SELECT 1 FROM platform.dead_letter d WHERE d.event_id = p.event_id AND d.handler = p.handler AND d.status = 'parked'))::int AS pending,
                  (SELECT count(*) FROM platform.outbox_event WHERE published_at IS NULL)::int AS unpublished`,
        );
        quiet = this.held.length === 0 && left.pending === 0 && left.unpublished === 0 ? quiet + 1 : 0;
        return quiet >= 3 ? true : undefined;
      },
      'the event bus to settle',
      90_000,
    );
  }

  /** Whether a job like this is held now (the relay hands jobs over a moment after the commit). */
  holds(like: (job: HandlerJob) => boolean): boolean {
    return this.held.some(like);
  }

  /** Releases what is not held back until `probe` answers. */
  async releaseUntil<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    return eventually(async () => {
      await this.release();
      return probe();
    }, what);
  }

  /** Everything delivered so far, once more, shuffled: each must find its claim and do nothing. */
  async redeliverAll(): Promise<void> {
    const again = [...this.delivered].sort(() => Math.random() - 0.5);
    await this.enqueue(again);
    await Promise.all(again.map((job) => this.consumer.apply(this.registry.handler(job.handler)!, job.envelope)));
  }
}

/**
 * The headline flow again, with every event delivered twice and the events of each
 * release in reverse order: the contract, its reviews and its orders end exactly as in
 * order, once each; then everything is delivered a third time and nothing changes.
 */
describe('the deal flow with every event delivered twice and out of order', () => {
  let api: TestApi;
  let people: OaPeople;
  let deal: Awaited<ReturnType<typeof dealFixtures>>;
  let chaos: Chaos;

  beforeAll(async () => {
    api = await startDemoApi({ RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '4' });
    chaos = new Chaos(api, api.app.get(EventConsumer), api.app.get(HandlerRegistry), api.app.get(BusTransport));
    people = await OaPeople.start(api);
    deal = await dealFixtures(api, people);
    await chaos.settle();
  }, 240_000);
  afterAll(async () => {
    await api?.close();
  }, 60_000);

  /** What the flow left behind for a contract, to compare before and after a redelivery. */
  const footprint = async (contractId: string) => ({
    contract: (await sql(api, 'SELECT status, version, signed_version FROM crm.contract WHERE id = $1', [contractId]))[0],
    reviews: await sql(api, `SELECT business_id, status FROM oa.request WHERE business_type = 'crm.contract' AND business_id LIKE $1 ORDER BY business_id`, [`${contractId}:%`]),
    orders: await sql(api, 'SELECT contract_version, status, total::text FROM erp.sales_order WHERE contract_id = $1 ORDER BY contract_version', [contractId]),
    // Whatever the handlers write anywhere: a repeat would add rows.
    rows: (
      await sql(
        api,
        `SELECT (SELECT count(*) FROM platform.notification)::int AS notifications, (SELECT count(*) FROM crm.timeline_entry)::int AS timeline,
                (SELECT count(*) FROM oa.request)::int AS requests, (SELECT count(*) FROM oa.task)::int AS tasks,
                (SELECT count(*) FROM erp.sales_order)::int AS orders, (SELECT count(*) FROM platform.outbox_event)::int AS events`,
      )
    )[0],
  });

  it('approved first time, and rejected then re-signed and approved: each step once, in order', async () => {
    // Drafted and signed before anything is released: the contract's events go out reversed.
    const first = await deal.draft(deal.customers[0].id, '1');
    await deal.sign(first.id).then((answer) => expect(answer.status).toBe(200));
    const second = await deal.draft(deal.customers[1].id, '1');
    await deal.sign(second.id).then((answer) => expect(answer.status).toBe(200));
    await chaos.settle();

    const firstReview = await deal.reviewOf(first.id, 1);
    const secondReview = await deal.reviewOf(second.id, 1);
    // Both decisions of the first review, and the rejection of the second, held together.
    await act(api, people, 'salesmgr', await openTaskOf(api, firstReview, 'salesmgr'), 'approve', { comment: '价格已核' }).then((answer) => expect(answer.status).toBe(200));
    await act(api, people, 'finance', await openTaskOf(api, firstReview, 'finance'), 'approve', {}).then((answer) => expect(answer.status).toBe(200));
    await act(api, people, 'salesmgr', await openTaskOf(api, secondReview, 'salesmgr'), 'reject', { comment: '折扣过大，请调整' }).then((answer) => expect(answer.status).toBe(200));
    // ERP hears of the rejection only once the contract was revised and signed again: its
    // two events for the contract then reach ERP's handler in reverse order.
    chaos.holdBack = (job) => job.envelope.aggregateId === second.id && job.handler.startsWith('erp.');
    await chaos.releaseUntil(async () => ((await deal.contract(second.id)).status === 'needs_revision' ? true : undefined), 'the contract sent back');
    const sentBack = await deal.contract(second.id);
    const revised = await deal.revise(second.id, sentBack);
    expect(revised.status).toBe(200);
    expect(revised.body.total).toBe('311320.00');
    await deal.sign(second.id).then((answer) => expect(answer.body).toMatchObject({ status: 'under_approval', signedVersion: 2 }));
    await eventually(async () => (chaos.holds((job) => job.envelope.aggregateId === second.id && job.envelope.type === 'crm.contract.signed' && job.handler.startsWith('erp.')) ? true : undefined), 'the second signing to reach the relay');
    chaos.holdBack = undefined;
    await chaos.settle();
    await deal.until(first.id, 'active', ['confirmed']);
    await deal.until(second.id, 'under_approval', ['cancelled', 'pending_approval']);
    const thirdReview = await deal.reviewOf(second.id, 2);
    await act(api, people, 'salesmgr', await openTaskOf(api, thirdReview, 'salesmgr'), 'approve', {});
    await act(api, people, 'finance', await openTaskOf(api, thirdReview, 'finance'), 'approve', {});
    await chaos.settle();
    await deal.until(second.id, 'active', ['cancelled', 'confirmed']);

    // One review per signed version, one order per version: nothing was applied twice.
    const reviews = await sql<{ business_id: string; n: number }>(api, `SELECT business_id, count(*)::int AS n FROM oa.request WHERE business_type = 'crm.contract' AND business_id LIKE ANY($1) GROUP BY business_id ORDER BY business_id`, [[`${first.id}:%`, `${second.id}:%`]]);
    expect(reviews.map((row) => row.n)).toEqual([1, 1, 1]);
    const thread = await request(api.url).get(`/api/v1/deals/${second.id}/thread`).set('authorization', await deal.as('sales')).expect(200);
    const kinds: string[] = thread.body.steps.map((step: { kind: string }) => step.kind);
    expect(kinds.filter((kind) => kind === 'contract.signed')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'order.created')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'order.confirmed')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'order.cancelled')).toHaveLength(1);
    expect(thread.body.approvals.map((approval: { signedVersion: number; status: string }) => [approval.signedVersion, approval.status])).toEqual([
      [1, 'rejected'],
      [2, 'approved'],
    ]);

    // The chaos happened: deliveries found their twin's claim, and jobs came before their predecessors.
    expect(chaos.outcomes.duplicate).toBeGreaterThan(0);
    expect(chaos.outcomes.waiting).toBeGreaterThan(0);

    // A third delivery of everything, shuffled, changes nothing.
    const before = [await footprint(first.id), await footprint(second.id)];
    const applied = chaos.outcomes.applied;
    await chaos.redeliverAll();
    await chaos.settle();
    expect([await footprint(first.id), await footprint(second.id)]).toEqual(before);
    expect(chaos.outcomes.applied).toBe(applied);
  }, 300_000);
});
