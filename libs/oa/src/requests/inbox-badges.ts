import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OaPermission } from '@zhongshu/contracts';
import { BadgeCounters } from '@zhongshu/platform';

/**
 * The inbox's counts beside the menu entries (待办, 抄送我的, 我发起的), the same the
 * inbox page reads (`GET /oa/inbox/counts`), pushed live by the platform's stream.
 */
@Injectable()
export class InboxBadges implements OnModuleInit {
  constructor(private readonly badges: BadgeCounters) {}

  onModuleInit(): void {
    this.badges.register({
      key: 'oa.todo',
      permission: OaPermission.InboxRead,
      count: async (userId, manager) => count(await manager.query(`SELECT count(*)::int AS n FROM oa.task WHERE assignee_id = $1 AND status = 'open'`, [userId])),
    });
    this.badges.register({
      key: 'oa.cc',
      permission: OaPermission.InboxRead,
      count: async (userId, manager) => count(await manager.query('SELECT count(*)::int AS n FROM oa.cc WHERE recipient_id = $1 AND read_at IS NULL', [userId])),
    });
    this.badges.register({
      key: 'oa.mine',
      permission: OaPermission.InboxRead,
      count: async (userId, manager) =>
        count(await manager.query(`SELECT count(*)::int AS n FROM oa.request WHERE applicant_id = $1 AND status IN ('running', 'returned')`, [userId])),
    });
  }
}

function count(rows: Array<{ n: number }>): number {
  return rows[0]?.n ?? 0;
}
