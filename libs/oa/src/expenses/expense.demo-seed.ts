import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EXPENSE_CATEGORIES, EXPENSE_CATEGORY_LABELS, OaPermission, type OaFormSchema, type OaProcessNode } from '@zhongshu/contracts';
import { DemoSeeder, Files, combineGrants, type DemoRoleGrants, type DemoSeed, type Principal } from '@zhongshu/platform';
import { BusinessBindings } from '../business/business-bindings.service.js';
import { RequestTypesService } from '../request-types/request-types.service.js';
import { RequestsService } from '../requests/requests.service.js';
import type { ExpenseLineInputDto } from './expense.dto.js';
import { EXPENSE_BUSINESS, ExpenseClaims } from './expense-claims.js';

const ROLE_GRANTS: DemoRoleGrants = {
  employee: [OaPermission.ExpenseSubmit],
  finance: [OaPermission.ExpenseRead],
};

const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

const CATEGORY_OPTIONS = EXPENSE_CATEGORIES.map((value) => ({ value, label: EXPENSE_CATEGORY_LABELS[value]['zh-CN'] }));

export const EXPENSE_FORM: OaFormSchema = {
  fields: [
    { key: 'title', label: '报销事由', type: 'text', required: true, maxLength: 100 },
    { key: 'total', label: '合计（人民币）', type: 'money', required: true },
    { key: 'categories', label: '费用类别', type: 'multiSelect', required: true, options: CATEGORY_OPTIONS },
    {
      key: 'lines',
      label: '明细',
      type: 'table',
      required: true,
      minRows: 1,
      maxRows: 50,
      columns: [
        { key: 'category', label: '类别', type: 'select', required: true, options: CATEGORY_OPTIONS },
        { key: 'date', label: '日期', type: 'date', required: true },
        { key: 'amount', label: '金额', type: 'money', required: true },
        { key: 'currency', label: '币种', type: 'text', required: true, maxLength: 3 },
        { key: 'amountCny', label: '折合人民币', type: 'money', required: true },
        { key: 'invoiceNo', label: '发票号', type: 'text', maxLength: 40 },
      ],
    },
    { key: 'receipts', label: '票据', type: 'attachment', maxFiles: 50 },
  ],
};

const person = (id: string, name: string, personId: string, next: OaProcessNode | null = null): OaProcessNode => ({
  id,
  name,
  type: 'approval',
  approvers: { kind: 'people', personIds: [personId] },
  mode: 'all',
  whenEmpty: 'admin',
  next,
});

/** Leader, then the finance director above 5 000 or for client entertainment, then finance. */
export const expenseProcess = (ids: Map<string, string>): OaProcessNode => ({
  id: 'leader',
  name: '部门负责人审批',
  type: 'approval',
  approvers: { kind: 'department-leader', levelsUp: 0 },
  mode: 'all',
  whenEmpty: 'admin',
  next: {
    id: 'amount',
    name: '金额与类别',
    type: 'condition',
    branches: [
      {
        id: 'director',
        name: '超过 5000 元或业务招待',
        condition: { or: [{ '>': [{ var: 'form.total' }, '5000'] }, { in: ['entertainment', { var: 'form.categories' }] }] },
        next: person('cfo', '财务总监审批', ids.get('cfo') as string),
      },
      { id: 'normal', name: '其他', condition: null, next: null },
    ],
    next: person('finance', '财务审核', ids.get('finance') as string),
  },
});

function principalOf(userId: string, username: string): Principal {
  return { userId, username, permissions: new Set(), departmentIds: [], dataScope: combineGrants([]) };
}

/**
 * The demo's expense claims: the 报销 request type bound to `oa.expense` (leader; the
 * finance director 钱慧 above 5 000 or for client entertainment; finance 林静), and 李明's
 * claims in every state (approved; waiting for 王芳, for 钱慧 and for 林静; rejected, withdrawn and
 * cancelled), each line with a receipt.
 */
@DemoSeeder({ after: ['oa.leave'] })
@Injectable()
export class ExpenseDemoSeed implements DemoSeed {
  readonly name = 'oa.expenses';
  readonly roleGrants = ROLE_GRANTS;

  constructor(
    private readonly requestTypes: RequestTypesService,
    private readonly bindings: BusinessBindings,
    private readonly requests: RequestsService,
    private readonly claims: ExpenseClaims,
    private readonly files: Files,
  ) {}

  async seed(manager: EntityManager): Promise<void> {
    const rows: Array<{ id: string; username: string }> = await manager.query(`SELECT id, username FROM org.person WHERE username = ANY($1)`, [
      ['admin', 'employee', 'manager', 'cfo', 'finance'],
    ]);
    const ids = new Map(rows.map((row) => [row.username, row.id]));
    const as = (username: string): Principal => principalOf(ids.get(username) as string, username);
    const admin = as('admin');
    const created = await this.requestTypes.create(admin, {
      code: 'expense',
      name: '报销',
      category: '财务',
      icon: 'Money',
      description: '由报销单发起；超过 5000 元或业务招待需财务总监审批',
      availableTo: { everyone: false, departmentIds: [], roleCodes: [] },
      form: EXPENSE_FORM,
      process: { start: { id: 'start', name: '发起人', type: 'start', next: expenseProcess(ids) }, settings: { adminId: admin.userId, autoApproveRepeated: true, autoApproveApplicant: true } },
    });
    await this.requestTypes.publish(admin, created.id);
    await this.bindings.put([...(await this.bindings.list()), { businessType: EXPENSE_BUSINESS, requestTypeId: created.id }]);

    const employee = as('employee');
    const receipt = async (name: string) => (await this.files.store({ name, bytes: DEMO_PDF, uploadedBy: employee.userId })).id;
    const line = async (category: ExpenseLineInputDto['category'], date: string, amount: string, invoiceNo: string, extra: Partial<ExpenseLineInputDto> = {}): Promise<ExpenseLineInputDto> => ({
      category,
      date,
      amount,
      currency: 'CNY',
      invoiceNo,
      receiptFileId: await receipt(`${invoiceNo}.pdf`),
      ...extra,
    });
    const taskOf = async (requestId: string, username: string): Promise<string> => {
      const [row] = await manager.query(`SELECT id FROM oa.task WHERE request_id = $1 AND assignee_id = $2 AND status = 'open'`, [requestId, ids.get(username)]);
      return row.id as string;
    };
    const approve = async (requestId: string, ...usernames: string[]) => {
      for (const username of usernames) await this.requests.approve(as(username), await taskOf(requestId, username), { comment: '同意' });
    };

    // Approved by 王芳 and 林静: a trip with a hotel paid in dollars.
    const trip = await this.claims.submit(employee, {
      title: '2 月苏州客户拜访',
      lines: [
        await line('transport', '2026-02-10', '356.00', '26322000000100001', { tax: '29.39', description: '高铁往返' }),
        await line('accommodation', '2026-02-11', '150.00', 'INV-US-20260211', { currency: 'USD', rate: '7.1032', description: '酒店一晚' }),
      ],
    });
    await approve(trip.requestId, 'manager', 'finance');
    // Over 5 000: 王芳 agreed, waiting for 钱慧.
    const training = await this.claims.submit(employee, { title: '质量管理培训报名费', lines: [await line('training', '2026-02-24', '6800.00', '26322000000100002', { tax: '384.91' })] });
    await approve(training.requestId, 'manager');
    // Waiting for 王芳.
    await this.claims.submit(employee, {
      title: '办公用品采购',
      lines: [await line('office', '2026-02-26', '238.50', '26322000000100003'), await line('communication', '2026-02-27', '99.00', '26322000000100004')],
    });
    // Rejected: its invoice is free to be claimed again.
    const dinner = await this.claims.submit(employee, { title: '客户晚宴', lines: [await line('entertainment', '2026-02-12', '860.00', '26322000000100005')] });
    await this.requests.reject(as('manager'), await taskOf(dinner.requestId, 'manager'), '招待需事先报备');
    // Withdrawn.
    const taxi = await this.claims.submit(employee, { title: '加班打车', lines: [await line('transport', '2026-02-25', '68.00', '26322000000100006')] });
    await this.requests.withdraw(employee, taxi.requestId, '并入月底一起报');
    // 王芳 agreed, waiting for 林静 (finance's inbox has one to decide): meals, and a taxi in Hong Kong dollars.
    const fair = await this.claims.submit(employee, {
      title: '2 月广州展会',
      lines: [
        await line('meals', '2026-02-16', '186.00', '26322000000100007', { tax: '10.53', description: '展会期间工作餐' }),
        await line('transport', '2026-02-17', '320.00', 'HK-TAXI-0217', { currency: 'HKD', rate: '0.9135', description: '香港机场出租车' }),
      ],
    });
    await approve(fair.requestId, 'manager');
    // Cancelled by 李明 after 王芳 agreed: its invoice is free again.
    const books = await this.claims.submit(employee, { title: '专业书籍', lines: [await line('training', '2026-02-18', '245.00', '26322000000100008')] });
    await approve(books.requestId, 'manager');
    await this.requests.cancel(employee, books.requestId, '公司图书室已采购');
  }
}
