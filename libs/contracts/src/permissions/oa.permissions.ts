import { declarePermissions } from './permission-catalogue.js';

/** The OA context's permissions: requests, the inbox, request types and their designers, delegations, the calendar, leave and expenses. */
export const OaPermission = declarePermissions('oa', {
  InboxRead: { code: 'oa:inbox:read', 'zh-CN': '查看我的待办、已办、申请与抄送', en: 'Use my inbox: to do, done, my requests, CC', everyone: true },
  TaskHandle: { code: 'oa:task:handle', 'zh-CN': '处理分配给我的审批任务', en: 'Act on approval tasks assigned to me', everyone: true },
  RequestSubmit: { code: 'oa:request:submit', 'zh-CN': '发起审批', en: 'Submit requests' },
  RequestRead: { code: 'oa:request:read', 'zh-CN': '查看他人的审批单（按数据范围）', en: "View others' requests (within data scope)" },
  RequestCancel: { code: 'oa:request:cancel', 'zh-CN': '撤销他人的审批单', en: "Cancel others' requests" },
  RequestTypeRead: { code: 'oa:request-type:read', 'zh-CN': '查看审批类型与流程', en: 'View request types and their processes' },
  RequestTypeManage: { code: 'oa:request-type:manage', 'zh-CN': '设计与发布审批类型（表单、流程）', en: 'Design and publish request types (forms, processes)' },
  DelegationManage: { code: 'oa:delegation:manage', 'zh-CN': '为他人设置审批委托', en: 'Set approval delegations for others' },
  DelegationOwn: { code: 'oa:delegation:own', 'zh-CN': '设置本人的审批委托', en: 'Set my own approval delegation', everyone: true },
  CalendarRead: { code: 'oa:calendar:read', 'zh-CN': '查看公司工作日历', en: 'View the company working calendar', everyone: true },
  CalendarManage: { code: 'oa:calendar:manage', 'zh-CN': '维护公司工作日历（调整日）', en: 'Edit the company working calendar (overrides)' },
  LeaveSubmit: { code: 'oa:leave:submit', 'zh-CN': '请假、销假、申报加班，查看本人假期余额', en: 'Request leave, cancel it, report overtime, see my balances' },
  LeaveTeam: { code: 'oa:leave:team', 'zh-CN': '查看团队请假日历（按数据范围）', en: 'View the team leave calendar (within data scope)' },
  LeaveManage: { code: 'oa:leave:manage', 'zh-CN': '管理假期类型与余额（发放、结转、调整）', en: 'Manage leave types and balances (grant, carry over, adjust)' },
  ExpenseSubmit: { code: 'oa:expense:submit', 'zh-CN': '提交报销单', en: 'File expense claims' },
  ExpenseRead: { code: 'oa:expense:read', 'zh-CN': '查看他人的报销单（按数据范围）', en: "View others' expense claims (within data scope)" },
});

export type OaPermissionCode = (typeof OaPermission)[keyof typeof OaPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<OaPermissionCode, true> {}
}
