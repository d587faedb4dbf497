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

  async resolve(personId: string, requestTypeId: string, today: string): Promise<{ assigneeId: string; onBehalfOfId: string | null }> {
    const [row] = await this.uow.manager.query(
      `WITH RECURSIVE hop (person_id, depth, path) AS (
         SELECT $1::uuid, 0, ARRAY[$1::uuid]
         UNION ALL
         SELECT d.delegate_id, hop.depth + 1, hop.path || d.delegate_id
           FROM hop CROSS JOIN LATERAL (
             SELECT delegate_id FROM oa.delegation
              WHERE delegator_id = hop.person_id AND status = 'active' AND start_date <= $3::date AND end_date >= $3::date
                AND (cardinality(request_type_ids) = 0 OR $2::uuid = ANY(request_type_ids))
              ORDER BY created_at DESC LIMIT 1) d
          WHERE hop.depth < ${MAX_DELEGATION_HOPS} AND NOT d.delegate_id = ANY(hop.path)
       )
       SELECT person_id FROM hop ORDER BY depth DESC LIMIT 1`,
      [personId, requestTypeId, today],
    );
    const assigneeId = row.person_id as string;
    return { assigneeId, onBehalfOfId: assigneeId === personId ? null : personId };
  }
}

/** The company's calendar date of an instant (`YYYY-MM-DD` in its time zone): what "today" is for delegations. */
export function calendarDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
