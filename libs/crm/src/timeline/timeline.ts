import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId, RequestContext } from '@zhongshu/platform';

/** What a customer's timeline records. Other contexts' entries (contracts, orders, payments) arrive with their events later. */
export const TIMELINE_KINDS = [
  'created',
  'changed',
  'follow-up',
  'owner-changed',
  'claimed',
  'pool-returned',
  'pool-warning',
  'merged',
  'lead-converted',
  'opportunity-created',
  'stage-changed',
  'opportunity-won',
  'opportunity-lost',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineInput {
  customerId: string;
  kind: TimelineKind;
  occurredAt: Date;
  /** Who did it; the request's actor when omitted, null for the pool rules. */
  actorId?: string | null;
  /** The person the entry is about: the previous owner of a return, the claimer of a claim. */
  personId?: string | null;
  followUpId?: string | null;
  opportunityId?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes timeline entries in the caller's transaction (append-only). */
@Injectable()
export class Timeline {
  async record(manager: EntityManager, entries: TimelineInput | readonly TimelineInput[]): Promise<void> {
    const list = Array.isArray(entries) ? (entries as readonly TimelineInput[]) : [entries as TimelineInput];
    if (list.length === 0) return;
    const actor = RequestContext.actorId() ?? null;
    await manager.query(
      `INSERT INTO crm.timeline_entry (id, customer_id, kind, occurred_at, actor_id, person_id, follow_up_id, opportunity_id, detail)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::jsonb[])`,
      [
        list.map(() => newId()),
        list.map((entry) => entry.customerId),
        list.map((entry) => entry.kind),
        list.map((entry) => entry.occurredAt),
        list.map((entry) => (entry.actorId === undefined ? actor : entry.actorId)),
        list.map((entry) => entry.personId ?? null),
        list.map((entry) => entry.followUpId ?? null),
        list.map((entry) => entry.opportunityId ?? null),
        list.map((entry) => JSON.stringify(entry.detail ?? {})),
      ],
    );
  }
}
