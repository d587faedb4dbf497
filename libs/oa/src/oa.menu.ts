import { OaPermission } from '@zhongshu/contracts';
import type { MenuEntry } from '@zhongshu/platform';

/** 审批: the OA context's section of the sidebar. */
export const OA_MENU: MenuEntry[] = [
  {
    key: 'oa',
    title: 'menu.oa',
    icon: 'DocumentChecked',
    order: 20,
    children: [
      { key: 'oa-start', title: 'menu.oaStart', path: '/oa/start', permission: OaPermission.RequestSubmit },
      { key: 'oa-todo', title: 'menu.oaTodo', path: '/oa/inbox/todo', permission: OaPermission.InboxRead, badge: 'oa.todo' },
      { key: 'oa-done', title: 'menu.oaDone', path: '/oa/inbox/done', permission: OaPermission.InboxRead },
      { key: 'oa-mine', title: 'menu.oaMine', path: '/oa/inbox/mine', permission: OaPermission.InboxRead, badge: 'oa.mine' },
      { key: 'oa-cc', title: 'menu.oaCc', path: '/oa/inbox/cc', permission: OaPermission.InboxRead, badge: 'oa.cc' },
      { key: 'oa-request-types', title: 'menu.oaRequestTypes', path: '/oa/admin/request-types', permission: OaPermission.RequestTypeRead },
      { key: 'oa-leave-mine', title: 'menu.oaLeaveMine', path: '/oa/leave/mine', permission: OaPermission.LeaveSubmit },
      { key: 'oa-expense-mine', title: 'menu.oaExpenseMine', path: '/oa/expenses', permission: OaPermission.ExpenseSubmit },
      { key: 'oa-leave-team', title: 'menu.oaLeaveTeam', path: '/oa/leave/team', permission: OaPermission.LeaveTeam },
      { key: 'oa-delegations', title: 'menu.oaDelegations', path: '/oa/delegations', permission: OaPermission.DelegationOwn },
      { key: 'oa-leave-types', title: 'menu.oaLeaveTypes', path: '/oa/admin/leave-types', permission: OaPermission.LeaveManage },
      { key: 'oa-calendar', title: 'menu.oaCalendar', path: '/oa/admin/calendar', permission: OaPermission.CalendarManage },
    ],
  },
];
