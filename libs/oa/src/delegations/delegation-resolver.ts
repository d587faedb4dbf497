import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@zhongshu/platform';

/** At most this many stand-ins are followed from the person a task is for. */
export const MAX_DELEGATION_HOPS = 3;

/**
 * Who actually gets a task meant for a person: their stand-in while a delegation of
 * theirs is active for the request type, that stand-in's own stand-in, and so on, at
 * most three hops and never round a loop. One recursive query in the caller's
 * transaction.
 */
@Injectable()
export class DelegationResolver {
  constructor(private readonly uow: UnitOfWork) {}

  async resolve(personId: string, requestTypeId: string, today: string): Promise<StandIn> {
    return (await this.resolveMany([personId], requestTypeId, today)).get(personId) as StandIn;
  }

  /** `resolve` for several people in one query (the approvers of a node), by person. */
  async resolveMany(personIds: readonly string[], requestTypeId: string, today: string): Promise<Map<string, StandIn>> {
    const people = [...new Set(personIds)];
    if (people.length === 0) return new Map();
    const rows: Array<{ origin_id: string; person_id: string }> = await this.uow.manager.query(
      `WITH RECURSIVE hop (origin_id, person_id, depth, path) AS (
         SELECT origin, origin, 0, ARRAY[origin] FROM unnest($1::uuid[]) AS origin
         UNION ALL
         SELECT hop.origin_id, d.delegate_id, hop.depth + 1, hop.path || d.delegate_id
           FROM hop CROSS JOIN LATERAL (
             SELECT delegate_id FROM oa.delegation
              WHERE delegator_id = hop.person_id AND status = 'active' AND start_date <= $3::date AND end_date >= $3::date
                AND (cardinality(request_type_ids) = 0 OR $2::uuid = ANY(request_type_ids))
              ORDER BY created_at DESC LIMIT 1) d
          WHERE hop.depth < ${MAX_DELEGATION_HOPS} AND NOT d.delegate_id = ANY(hop.path)
       )
       SELECT DISTINCT ON (origin_id) origin_id, person_id FROM hop ORDER BY origin_id, depth DESC`,
      [people, requestTypeId, today],
    );
    const standIns = new Map<string, StandIn>();
    for (const row of rows) standIns.set(row.origin_id, { assigneeId: row.person_id, onBehalfOfId: row.person_id === row.origin_id ? null : row.origin_id });
    return standIns;
  }
}

/** Who gets a task meant for a person: themselves, or their stand-in on their behalf. */
export interface StandIn {
  assigneeId: string;
  onBehalfOfId: string | null;
}

// Making a DateTimeFormat loads ICU's calendar for the zone, which costs far more than
// formatting with it: one per time zone, kept.
const CALENDAR_DATES = new Map<string, Intl.DateTimeFormat>();

/** The company's calendar date of an instant (`YYYY-MM-DD` in its time zone): what "today" is for delegations. */
export function calendarDate(instant: Date, timeZone: string): string {
  let format = CALENDAR_DATES.get(timeZone);
  if (!format) CALENDAR_DATES.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}
