import { Injectable } from '@nestjs/common';
import { ReadModel, UnitOfWork, sql } from '@zhongshu/platform';
import { timestampText } from '../customers/customer-read.js';
import type { TimelineEntryDto, TimelinePageDto, TimelineQueryDto } from '../customers/customer.dto.js';
import { CrmPeople } from '../shared/crm-people.js';

const ENTRIES = new ReadModel<TimelineEntryDto>({
  from: 'crm.timeline_entry entry',
  fields: {
    id: 'entry.id',
    kind: 'entry.kind',
    occurredAt: timestampText('entry.occurred_at'),
    actorId: 'entry.actor_id',
    actorName: 'NULL::text',
    personId: 'entry.person_id',
    personName: 'NULL::text',
    followUpId: 'entry.follow_up_id',
    opportunityId: 'entry.opportunity_id',
    detail: 'entry.detail',
  },
  sortable: { occurredAt: 'entry.occurred_at' },
  defaultSort: [{ column: 'entry.occurred_at', direction: 'DESC' }],
  key: 'entry.id',
});

/** Reads a customer's timeline by cursor, newest first (the caller has been checked to see the customer). */
@Injectable()
export class CustomerTimeline {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly people: CrmPeople,
  ) {}

  async page(customerId: string, query: TimelineQueryDto): Promise<TimelinePageDto> {
    const page = await ENTRIES.keysetPage(this.uow.manager, [sql`entry.customer_id = ${customerId}`], query, { customerId });
    const ids = page.items.flatMap((entry) => [entry.actorId, entry.personId, entry.detail.fromOwnerId as string | undefined, entry.detail.toOwnerId as string | undefined]);
    const names = await this.people.names(ids);
    for (const entry of page.items) {
      entry.actorName = entry.actorId ? (names.get(entry.actorId) ?? null) : null;
      entry.personName = entry.personId ? (names.get(entry.personId) ?? null) : null;
      for (const key of ['fromOwnerId', 'toOwnerId'] as const) {
        const id = entry.detail[key];
        if (typeof id === 'string') entry.detail[key.replace('Id', 'Name')] = names.get(id) ?? null;
      }
    }
    return page;
  }
}
