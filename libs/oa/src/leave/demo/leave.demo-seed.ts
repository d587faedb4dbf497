import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OaPermission, type OaFormSchema, type OaProcessNode } from '@zhongshu/contracts';
import { DemoSeeder, combineGrants, type DemoRoleGrants, type DemoSeed, type Principal } from '@zhongshu/platform';
import { BusinessBindings } from '../../business/business-bindings.service.js';
import { RequestTypesService } from '../../request-types/request-types.service.js';
import { RequestsService } from '../../requests/requests.service.js';
import { LeaveBalances } from '../leave-balances.js';
import { LEAVE_BUSINESS, LEAVE_CANCELLATION_BUSINESS, LeaveRequests } from '../leave-requests.js';
import type { LeaveTypeInputDto } from '../leave.dto.js';
import { LeaveTypes } from '../leave-types.service.js';
import { OVERTIME_BUSINESS, OvertimeService } from '../overtime.js';

const ROLE_GRANTS: DemoRoleGrants = {
  employee: [OaPermission.LeaveSubmit],
  'dept-manager': [OaPermission.LeaveTeam],
  'sales-manager': [OaPermission.LeaveTeam],
  hr: [OaPermission.LeaveManage, OaPermission.LeaveTeam, OaPermission.CalendarManage],
};

type TypeRules = Omit<LeaveTypeInputDto, 'code' | 'name' | 'nameEn' | 'sort'>;
const plain = (unit: LeaveTypeInputDto['unit'], extra: Partial<TypeRules> = {}): TypeRules => ({
  paid: true,
  unit,
  calendarDays: false,
  keepsBalance: false,
  allowNegative: false,
  accrual: 'none',
  ...extra,
});

/** 假期类型 as most Chinese companies have them. */
export const DEMO_LEAVE_TYPES: LeaveTypeInputDto[] = [
  { code: 'annual', name: '年假', nameEn: 'Annual leave', sort: 10, ...plain('half-day', { keepsBalance: true, accrual: 'statutory-annual', carryOverMaxDays: '5', carryOverExpires: '03-31' }) },
  { code: 'compensatory', name: '调休', nameEn: 'Compensatory leave', sort: 20, ...plain('hour', { keepsBalance: true, accrual: 'overtime' }) },
  { code: 'sick', name: '病假', nameEn: 'Sick leave', sort: 30, ...plain('half-day', { keepsBalance: true, allowNegative: true, accrual: 'fixed', yearlyDays: '5', attachmentAboveDays: '2' }) },
  { code: 'personal', name: '事假', nameEn: 'Personal leave', sort: 40, ...plain('hour', { paid: false }) },
  { code: 'marriage', name: '婚假', nameEn: 'Marriage leave', sort: 50, ...plain('day', { attachmentAboveDays: '0', maxDaysPerRequest: '15' }) },
  { code: 'maternity', name: '产假', nameEn: 'Maternity leave', sort: 60, ...plain('day', { calendarDays: true, attachmentAboveDays: '0', maxDaysPerRequest: '188' }) },
  { code: 'paternity', name: '陪产假', nameEn: 'Paternity leave', sort: 70, ...plain('day', { maxDaysPerRequest: '15' }) },
  { code: 'bereavement', name: '丧假', nameEn: 'Bereavement leave', sort: 80, ...plain('day', { maxDaysPerRequest: '3' }) },
];

const NOBODY = { everyone: false, departmentIds: [], roleCodes: [] };
const leader = (id: string, name: string, levelsUp = 0, next: OaProcessNode | null = null): OaProcessNode => ({
  id,
  name,
  type: 'approval',
  approvers: { kind: 'department-leader', levelsUp },
  mode: 'all',
  whenEmpty: 'admin',
  next,
});

const LEAVE_FORM: OaFormSchema = {
  fields: [
    { key: 'leaveType', label: '假期类型', type: 'text', required: true, maxLength: 50 },
    { key: 'period', label: '请假日期', type: 'dateRange', required: true },
    { key: 'duration', label: '时长', type: 'text', required: true, maxLength: 50 },
    { key: 'days', label: '天数', type: 'number', required: true, min: 0, max: 1000, precision: 4 },
    { key: 'reason', label: '事由', type: 'textarea', required: true, maxLength: 500 },
    { key: 'attachments', label: '附件', type: 'attachment', maxFiles: 10 },
  ],
};

/** The request types leave, 销假 and overtime are approved by: not in the catalogue (filed from their own forms). */
const BOUND_TYPES = [
  {
    businessType: LEAVE_BUSINESS,
    code: 'leave',
    name: '请假',
    description: '由请假单发起；超过 3 天需上级负责人审批',
    form: LEAVE_FORM,
    first: leader('leader', '部门负责人审批', 0, {
      id: 'days',
      name: '天数',
      type: 'condition',
      branches: [
        { id: 'long', name: '超过 3 天', condition: { '>': [{ var: 'form.days' }, 3] }, next: leader('upper', '上级负责人审批', 1) },
        { id: 'short', name: '其他', condition: null, next: null },
      ],
      next: null,
    }),
  },
  {
    businessType: LEAVE_CANCELLATION_BUSINESS,
    code: 'leave-cancel',
    name: '销假',
    description: '提前结束已批准的请假，退回未休的天数',
    form: {
      fields: [
        { key: 'leaveType', label: '假期类型', type: 'text', required: true, maxLength: 50 },
        { key: 'period', label: '原请假日期', type: 'dateRange', required: true },
        { key: 'fromDate', label: '自此日起销假', type: 'date', required: true },
        { key: 'days', label: '退回天数', type: 'number', required: true, min: 0, max: 1000, precision: 4 },
        { key: 'reason', label: '事由', type: 'textarea', required: true, maxLength: 500 },
      ],
    } satisfies OaFormSchema,
    first: leader('leader', '部门负责人审批'),
  },
  {
    businessType: OVERTIME_BUSINESS,
    code: 'overtime',
    name: '加班',
    description: '批准后按小时计入调休余额',
    form: {
      fields: [
        { key: 'workDate', label: '加班日期', type: 'date', required: true },
        { key: 'hours', label: '小时数', type: 'number', required: true, min: 0.5, max: 24, precision: 1 },
        { key: 'reason', label: '事由', type: 'textarea', required: true, maxLength: 500 },
      ],
    } satisfies OaFormSchema,
    first: leader('leader', '部门负责人审批'),
  },
];

function principalOf(userId: string, username: string): Principal {
  return { userId, username, permissions: new Set(), departmentIds: [], dataScope: combineGrants([]) };
}

/**
 * The demo's leave: the eight leave types, the request types that approve leave, 销假
 * and overtime (bound to their business types), 2025 and 2026 grants for everyone with
 * 2025's unused annual leave carried over, and 李明 (employee)'s leave in every state —
 * approved, waiting for 王芳, rejected, withdrawn, partly and wholly given back by 销假 —
 * with overtime that earned him compensatory leave; 刘洋 and 赵敏 away in December for the
 * team calendar (刘洋's 销假 of two days waiting for 王芳), 孙丽 for the sales team's.
 */
@DemoSeeder({ after: ['oa.requests'] })
@Injectable()
export class LeaveDemoSeed implements DemoSeed {
  readonly name = 'oa.leave';
  readonly roleGrants = ROLE_GRANTS;

  constructor(
    private readonly requestTypes: RequestTypesService,
    private readonly bindings: BusinessBindings,
    private readonly requests: RequestsService,
    private readonly leaveTypes: LeaveTypes,
    private readonly balances: LeaveBalances,
    private readonly leaves: LeaveRequests,
    private readonly overtime: OvertimeService,
  ) {}

  async seed(manager: EntityManager): Promise<void> {
    const rows: Array<{ id: string; username: string }> = await manager.query(`SELECT id, username FROM org.person WHERE username = ANY($1)`, [
      ['admin', 'employee', 'manager', 'liu.yang', 'hr', 'gm', 'sales', 'salesmgr'],
    ]);
    const ids = new Map(rows.map((row) => [row.username, row.id]));
    const as = (username: string): Principal => principalOf(ids.get(username) as string, username);
    const admin = as('admin');

    const bound = await this.bindings.list();
    for (const type of BOUND_TYPES) {
      const created = await this.requestTypes.create(admin, {
        code: type.code,
        name: type.name,
        category: '假勤',
        icon: 'Calendar',
        description: type.description,
        availableTo: NOBODY,
        form: type.form,
        process: { start: { id: 'start', name: '发起人', type: 'start', next: type.first }, settings: { adminId: admin.userId, autoApproveRepeated: true, autoApproveApplicant: true } },
      });
      await this.requestTypes.publish(admin, created.id);
      bound.push({ businessType: type.businessType, requestTypeId: created.id });
    }
    await this.bindings.put(bound);

    const types = new Map<string, string>();
    for (const type of DEMO_LEAVE_TYPES) types.set(type.code, (await this.leaveTypes.create(admin, type)).id);
    await this.balances.grantYear(admin, 2025);
    await this.balances.carryOver(admin, 2025);
    await this.balances.grantYear(admin, 2026);

    const taskOf = async (requestId: string, username: string): Promise<string> => {
      const [row] = await manager.query(`SELECT id FROM oa.task WHERE request_id = $1 AND assignee_id = $2 AND status = 'open'`, [requestId, ids.get(username)]);
      return row.id as string;
    };
    const approve = async (requestId: string, ...usernames: string[]) => {
      for (const username of usernames) await this.requests.approve(as(username), await taskOf(requestId, username), { comment: '同意' });
    };
    const employee = as('employee');
    const leave = (username: string, code: string, period: { startDate: string; endDate: string; startHalf?: 'am' | 'pm'; endHalf?: 'am' | 'pm'; startTime?: string; endTime?: string }, reason: string) =>
      this.leaves.submit(as(username), { leaveTypeId: types.get(code) as string, ...period, reason });

    // Approved, then 销假 from its last day (came back early).
    const autumn = await leave('employee', 'annual', { startDate: '2026-09-28', endDate: '2026-09-30', startHalf: 'am', endHalf: 'pm' }, '国庆前回老家');
    await approve(autumn.requestId, 'manager');
    const back = await this.leaves.cancel(employee, autumn.id, { fromDate: '2026-09-30', reason: '家中事情提前办完，9 月 30 日返岗' });
    await approve(back.requestId, 'manager');
    // Approved.
    const october = await leave('employee', 'annual', { startDate: '2026-10-08', endDate: '2026-10-09', startHalf: 'am', endHalf: 'pm' }, '国庆后连休');
    await approve(october.requestId, 'manager');
    // Overtime on a holiday, approved: a day of compensatory leave.
    const overtime = await this.overtime.submit(employee, { workDate: '2026-10-03', hours: '8', reason: '国庆期间系统升级值守' });
    await approve(overtime.requestId, 'manager');
    // Rejected.
    const personal = await leave('employee', 'personal', { startDate: '2026-11-12', endDate: '2026-11-12', startTime: '14:00', endTime: '18:00' }, '办理房产证');
    await this.requests.reject(as('manager'), await taskOf(personal.requestId, 'manager'), '当天下午有客户审核，请改期');
    // Withdrawn.
    const sick = await leave('employee', 'sick', { startDate: '2026-11-20', endDate: '2026-11-20', startHalf: 'am', endHalf: 'am' }, '复诊');
    await this.requests.withdraw(employee, sick.requestId, '改到周末复诊');
    // Waiting for 王芳.
    await leave('employee', 'annual', { startDate: '2026-12-21', endDate: '2026-12-22', startHalf: 'am', endHalf: 'pm' }, '年底休假');
    // The team: 刘洋 away a week (approved by 王芳 and 陈建国), 赵敏's sick day waiting.
    const week = await leave('liu.yang', 'annual', { startDate: '2026-12-14', endDate: '2026-12-18', startHalf: 'am', endHalf: 'pm' }, '陪家人旅行');
    await approve(week.requestId, 'manager', 'gm');
    await leave('hr', 'sick', { startDate: '2026-12-03', endDate: '2026-12-03', startHalf: 'am', endHalf: 'pm' }, '感冒发烧');
    // 刘洋 asks to come back two days early: his 销假 waits for 王芳.
    await this.leaves.cancel(as('liu.yang'), week.id, { fromDate: '2026-12-17', reason: '项目上线提前，17 日返岗' });
    // 李明's personal day, approved, then given back whole by 销假 (cancelled).
    const july = await leave('employee', 'personal', { startDate: '2026-07-10', endDate: '2026-07-10', startTime: '09:00', endTime: '18:00' }, '陪孩子参加夏令营报到');
    await approve(july.requestId, 'manager');
    const notGoing = await this.leaves.cancel(employee, july.id, { fromDate: '2026-07-10', reason: '夏令营改期，照常上班' });
    await approve(notGoing.requestId, 'manager');
    // Sales: 孙丽 away two days, approved by 张伟, for the sales team's calendar.
    const visit = await leave('sales', 'annual', { startDate: '2026-12-07', endDate: '2026-12-08', startHalf: 'am', endHalf: 'pm' }, '回老家办事');
    await approve(visit.requestId, 'salesmgr');
  }
}
