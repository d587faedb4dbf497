import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OaPermission, type OaFormSchema, type OaProcessNode } from '@zhongshu/contracts';
import { DemoSeeder, Files, combineGrants, type DemoRoleGrants, type DemoSeed, type Principal } from '@zhongshu/platform';
import { BusinessBindings } from '../business/business-bindings.service.js';
import { RequestTypesService } from '../request-types/request-types.service.js';
import { RequestsService } from '../requests/requests.service.js';

const ROLE_GRANTS: DemoRoleGrants = {
  employee: [OaPermission.RequestSubmit],
  'dept-manager': [OaPermission.RequestRead],
  'sales-manager': [OaPermission.RequestRead],
};

/** A tiny but real PDF for the demo's seal request. */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

interface DemoType {
  code: string;
  name: string;
  category: string;
  icon: string;
  description: string;
  form: OaFormSchema;
  first: (ids: Map<string, string>) => OaProcessNode;
}

const leader = (id: string, name: string, levelsUp = 0): OaProcessNode => ({ id, name, type: 'approval', approvers: { kind: 'department-leader', levelsUp }, mode: 'all', whenEmpty: 'admin', next: null });

const TYPES: DemoType[] = [
  {
    code: 'general',
    name: '通用审批',
    category: '行政',
    icon: 'Document',
    description: '任何需要领导批准的事项',
    form: {
      fields: [
        { key: 'subject', label: '事项', type: 'text', required: true, maxLength: 100 },
        { key: 'content', label: '内容', type: 'textarea', required: true },
        { key: 'files', label: '附件', type: 'attachment', maxFiles: 5 },
      ],
    },
    first: () => leader('leader', '部门负责人审批'),
  },
  {
    code: 'vehicle',
    name: '用车申请',
    category: '行政',
    icon: 'Van',
    description: '公务用车；100 公里以上需上两级负责人审批',
    form: {
      fields: [
        { key: 'period', label: '用车时间', type: 'dateRange', required: true },
        { key: 'destination', label: '目的地', type: 'text', required: true, maxLength: 100 },
        { key: 'distance', label: '里程', type: 'number', required: true, min: 0, max: 5000, precision: 1, unit: '公里' },
        { key: 'passengers', label: '乘车人数', type: 'number', min: 1, max: 50, precision: 0 },
      ],
    },
    first: () => ({
      ...leader('leader', '部门负责人审批'),
      next: {
        id: 'distance',
        name: '里程',
        type: 'condition',
        branches: [
          { id: 'far', name: '超过 100 公里', condition: { '>': [{ var: 'form.distance' }, 100] }, next: leader('upper', '上两级负责人审批', 2) },
          { id: 'near', name: '其他', condition: null, next: null },
        ],
        next: null,
      },
    }),
  },
  {
    code: 'seal',
    name: '用章申请',
    category: '行政',
    icon: 'Stamp',
    description: '使用公司印章',
    form: {
      fields: [
        {
          key: 'seal',
          label: '印章',
          type: 'select',
          required: true,
          options: [
            { value: 'company', label: '公章' },
            { value: 'contract', label: '合同专用章' },
            { value: 'finance', label: '财务专用章' },
          ],
        },
        { key: 'purpose', label: '用途', type: 'textarea', required: true },
        { key: 'files', label: '用印文件', type: 'attachment', accept: ['.pdf', '.docx', '.jpg', '.png'], maxFiles: 5 },
      ],
    },
    first: () => ({
      ...leader('leader', '部门负责人审批'),
      next: { id: 'finance', name: '财务审批', type: 'approval', approvers: { kind: 'role', roleCode: 'finance' }, mode: 'any', whenEmpty: 'admin', next: null },
    }),
  },
  {
    code: 'contract',
    name: '合同审批',
    category: '业务',
    icon: 'Document',
    description: '销售合同评审，签约后由 CRM 发起',
    form: {
      fields: [
        { key: 'customer', label: '客户', type: 'text', required: true, maxLength: 100 },
        { key: 'amount', label: '合同金额', type: 'money', required: true, min: '0.01' },
        { key: 'remark', label: '说明', type: 'textarea' },
      ],
    },
    first: (ids) => ({
      id: 'sales-review',
      name: '销售经理审核',
      type: 'approval',
      approvers: { kind: 'people', personIds: [ids.get('salesmgr') as string] },
      mode: 'all',
      whenEmpty: 'admin',
      next: {
        id: 'amount',
        name: '金额',
        type: 'condition',
        branches: [
          // The sales department's leader reviews every contract; finance those above 200 000.
          { id: 'big', name: '20 万以上', condition: { '>': [{ var: 'form.amount' }, '200000'] }, next: { id: 'finance', name: '财务审批', type: 'approval', approvers: { kind: 'people', personIds: [ids.get('finance') as string] }, mode: 'all', whenEmpty: 'admin', next: null } },
          { id: 'normal', name: '其他', condition: null, next: null },
        ],
        next: null,
      },
    }),
  },
];

function principalOf(userId: string, username: string): Principal {
  return { userId, username, permissions: new Set(), departmentIds: [], dataScope: combineGrants([]) };
}

/**
 * The demo's approvals: the four request types published (合同审批 bound to
 * `crm.contract`), and 李明 (employee)'s requests in every state — running with a task
 * for 王芳 (manager) who is copied on it, approved, rejected, returned to him, withdrawn,
 * cancelled — and a seal request of 王芳's own waiting for finance with 李明 copied.
 * Contract reviews come from CRM's demo contracts as they are signed. Everything goes
 * through the engine, as the API would.
 */
@DemoSeeder({ after: ['org.structure'] })
@Injectable()
export class OaDemoSeed implements DemoSeed {
  readonly name = 'oa.requests';
  readonly roleGrants = ROLE_GRANTS;

  constructor(
    private readonly types: RequestTypesService,
    private readonly requests: RequestsService,
    private readonly bindings: BusinessBindings,
    private readonly files: Files,
  ) {}

  async seed(manager: EntityManager): Promise<void> {
    const rows: Array<{ id: string; username: string }> = await manager.query(
      `SELECT id, username FROM org.person WHERE username = ANY($1)`,
      [['admin', 'employee', 'manager', 'salesmgr', 'finance', 'cfo']],
    );
    const ids = new Map(rows.map((row) => [row.username, row.id]));
    const admin = principalOf(ids.get('admin') as string, 'admin');
    const typeIds = new Map<string, string>();
    for (const type of TYPES) {
      const created = await this.types.create(admin, {
        code: type.code,
        name: type.name,
        category: type.category,
        icon: type.icon,
        description: type.description,
        form: type.form,
        process: { start: { id: 'start', name: '发起人', type: 'start', next: type.first(ids) }, settings: { adminId: admin.userId, autoApproveRepeated: true, autoApproveApplicant: true } },
      });
      await this.types.publish(admin, created.id);
      typeIds.set(type.code, created.id);
    }
    await this.bindings.put([{ businessType: 'crm.contract', requestTypeId: typeIds.get('contract') as string }]);

    const as = (username: string): Principal => principalOf(ids.get(username) as string, username);
    const employee = as('employee');
    const submit = (code: string, formData: Record<string, unknown>) => this.requests.submit(employee, { requestTypeId: typeIds.get(code) as string, formData });
    const taskOf = async (requestId: string, username: string): Promise<string> => {
      const [row] = await manager.query(`SELECT id FROM oa.task WHERE request_id = $1 AND assignee_id = $2 AND status = 'open'`, [requestId, ids.get(username)]);
      return row.id as string;
    };

    // Running, waiting for 王芳.
    const chairs = await submit('general', { subject: '申请采购办公椅', content: '部门新入职两人，需采购办公椅两把，预算 1200 元。' });
    // Approved.
    const trip = await submit('vehicle', { period: { start: '2026-12-08', end: '2026-12-08' }, destination: '苏州工业园区客户现场', distance: 85, passengers: 2 });
    await this.requests.approve(as('manager'), await taskOf(trip.id, 'manager'), { comment: '同意' });
    // Rejected by finance after the leader agreed.
    const file = await this.files.store({ name: '授权委托书.pdf', bytes: DEMO_PDF, uploadedBy: employee.userId });
    const seal = await submit('seal', { seal: 'company', purpose: '办理工商变更授权委托书用印', files: [{ id: file.id, name: file.name, size: file.size }] });
    await this.requests.approve(as('manager'), await taskOf(seal.id, 'manager'), { comment: '同意' });
    await this.requests.reject(as('finance'), await taskOf(seal.id, 'finance'), '授权范围不清，请法务先确认');
    // Returned to the applicant.
    const returned = await submit('general', { subject: '申请调休', content: '12 月 20 日调休一天。' });
    await this.requests.returnTask(as('manager'), await taskOf(returned.id, 'manager'), { comment: '请写明加班日期后再提交' });
    // Withdrawn.
    const withdrawn = await submit('vehicle', { period: { start: '2026-12-15', end: '2026-12-16' }, destination: '上海虹桥', distance: 160 });
    await this.requests.withdraw(employee, withdrawn.id, '行程取消');
    // Cancelled by 李明 before anyone decided.
    const fair = await submit('general', { subject: '申请参加工业自动化展', content: '12 月 18 日上海工业自动化展，参观一天。' });
    await this.requests.cancel(employee, fair.id, '展会延期到明年');
    // 李明 copies 王芳 on the office chairs (抄送我的 for 王芳).
    await this.requests.cc(employee, chairs.id, { personIds: [ids.get('manager') as string], comment: '王经理知悉' });
    // 王芳's own: her own leader step approves itself (she is the applicant), 财务 to decide; 李明 copied.
    const wang = as('manager');
    const stamp = await this.requests.submit(wang, { requestTypeId: typeIds.get('seal') as string, formData: { seal: 'contract', purpose: '与苏州精工签订年度备件框架合同' } });
    await this.requests.cc(wang, stamp.id, { personIds: [employee.userId], comment: '合同经办人' });
    // Contract reviews are not filed by hand: CRM's demo contracts start theirs when signed.
  }
}
