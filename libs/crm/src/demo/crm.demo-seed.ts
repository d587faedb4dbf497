import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmPermission, type PermissionCode } from '@zhongshu/contracts';
import { Clock, DemoSeeder, RequestContext, combineGrants, type DemoRoleGrants, type DemoSeed, type Principal } from '@zhongshu/platform';
import { ContactsService } from '../contacts/contacts.service.js';
import type { ContactRole } from '../contacts/contact.entity.js';
import { creditCodeCheckCharacter } from '../customers/customer-keys.js';
import { CustomersService } from '../customers/customers.service.js';
import type { FollowUpKind } from '../follow-ups/follow-up.dto.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { OpportunitiesService } from '../opportunities/opportunities.service.js';
import { PipelinesService } from '../opportunities/pipelines.service.js';

const REP: PermissionCode[] = [
  CrmPermission.CustomerRead,
  CrmPermission.CustomerCreate,
  CrmPermission.CustomerUpdate,
  CrmPermission.PoolRead,
  CrmPermission.PoolClaim,
  CrmPermission.PoolReturn,
  CrmPermission.LeadRead,
  CrmPermission.LeadCreate,
  CrmPermission.LeadUpdate,
  CrmPermission.LeadConvert,
  CrmPermission.OpportunityRead,
  CrmPermission.OpportunityCreate,
  CrmPermission.OpportunityUpdate,
];

const ROLE_GRANTS: DemoRoleGrants = {
  sales: REP,
  'sales-manager': [
    ...REP,
    CrmPermission.CustomerTransfer,
    CrmPermission.CustomerMerge,
    CrmPermission.CustomerImport,
    CrmPermission.PoolManage,
    CrmPermission.LeadAssign,
    CrmPermission.PipelineManage,
  ],
};

const DAY = 86_400_000;

/** Runs demo work as a person would do it: the audit trail and the timeline name them. */
function acting<T>(person: Principal, work: () => T): T {
  const current = RequestContext.current() ?? { requestId: 'crm-demo-seed', correlationId: 'crm-demo-seed' };
  return RequestContext.run({ ...current, actorId: person.userId, actorUsername: person.username }, work);
}

interface DemoCustomer {
  owner: string | null;
  name: string;
  industry: string;
  level: 'A' | 'B' | 'C' | 'D';
  province: string;
  city: string;
  district: string;
  source: string;
  tags: string[];
  phone: string;
  contacts: Array<{ name: string; title: string; role: ContactRole; phone: string }>;
  /** Stage index (0-3) of each open opportunity, or won / lost, with its amount. */
  deals: Array<{ name: string; at: number | 'won' | 'lost'; amount: string; closeInDays: number }>;
  /** Follow-ups, days ago. */
  followUps: Array<{ daysAgo: number; kind: FollowUpKind; content: string }>;
}

const CUSTOMERS: DemoCustomer[] = [
  {
    owner: 'sales', name: '苏州精工机械有限公司', industry: '机械制造', level: 'A', province: '江苏省', city: '苏州市', district: '工业园区', source: '老客户介绍', tags: ['重点客户', '年度框架'], phone: '0512-6288 1001',
    contacts: [{ name: '陈建国', title: '采购总监', role: 'decision-maker', phone: '13912340001' }, { name: '刘晓', title: '设备工程师', role: 'user', phone: '13912340002' }],
    deals: [{ name: '2027 年度备件框架', at: 3, amount: '860000.00', closeInDays: 20 }, { name: '二号车间数控改造', at: 'won', amount: '420000.00', closeInDays: -30 }],
    followUps: [{ daysAgo: 70, kind: 'visit', content: '拜访陈总，介绍新一代主轴方案' }, { daysAgo: 35, kind: 'meeting', content: '技术交流会，设备部提出三项改造需求' }, { daysAgo: 6, kind: 'call', content: '确认年度框架价格，待商务谈判' }],
  },
  {
    owner: 'sales', name: '杭州云图信息技术有限公司', industry: '软件与信息服务', level: 'B', province: '浙江省', city: '杭州市', district: '滨江区', source: '展会', tags: ['新客户'], phone: '0571-8866 2002',
    contacts: [{ name: '王磊', title: 'CTO', role: 'decision-maker', phone: '13812340003' }],
    deals: [{ name: '机房温控系统', at: 1, amount: '156000.00', closeInDays: 45 }],
    followUps: [{ daysAgo: 50, kind: 'message', content: '展会后加微信，发送产品资料' }, { daysAgo: 12, kind: 'call', content: '了解机房扩容计划，约下周演示' }],
  },
  {
    owner: 'sales', name: '宁波海联物流股份有限公司', industry: '交通物流', level: 'B', province: '浙江省', city: '宁波市', district: '北仑区', source: '官网咨询', tags: ['港口'], phone: '0574-8677 3003',
    contacts: [{ name: '赵敏', title: '运营经理', role: 'influencer', phone: '13712340004' }],
    deals: [{ name: '仓储叉车更新', at: 2, amount: '238500.00', closeInDays: 30 }, { name: '堆场照明', at: 'lost', amount: '88000.00', closeInDays: -60 }],
    followUps: [{ daysAgo: 80, kind: 'visit', content: '现场查看堆场与仓库' }, { daysAgo: 21, kind: 'note', content: '报价已发，对方比价中' }],
  },
  {
    owner: 'sales', name: '合肥新能电池科技有限公司', industry: '新能源', level: 'A', province: '安徽省', city: '合肥市', district: '高新区', source: '招投标', tags: ['重点客户'], phone: '0551-6533 4004',
    contacts: [{ name: '孙浩', title: '副总经理', role: 'decision-maker', phone: '13612340005' }, { name: '何丽', title: '采购', role: 'influencer', phone: '13612340006' }],
    deals: [{ name: '电芯产线自动化', at: 0, amount: '1250000.00', closeInDays: 90 }],
    followUps: [{ daysAgo: 4, kind: 'meeting', content: '项目启动会，确认需求范围' }],
  },
  {
    owner: 'sales', name: '上海东方医疗器械有限公司', industry: '医疗健康', level: 'C', province: '上海市', city: '上海市', district: '浦东新区', source: '电话营销', tags: [], phone: '021-5088 5005',
    contacts: [{ name: '周婷', title: '设备科长', role: 'user', phone: '13512340007' }],
    deals: [{ name: '洁净车间空调', at: 1, amount: '96000.00', closeInDays: 60 }],
    followUps: [{ daysAgo: 25, kind: 'call', content: '初次电话，对方有洁净车间改造计划' }],
  },
  {
    owner: 'sales', name: '南京金陵食品有限公司', industry: '食品饮料', level: 'C', province: '江苏省', city: '南京市', district: '江宁区', source: '老客户介绍', tags: ['复购'], phone: '025-5211 6006',
    contacts: [{ name: '吴强', title: '厂长', role: 'decision-maker', phone: '13412340008' }],
    deals: [{ name: '包装线输送带', at: 'won', amount: '65800.00', closeInDays: -90 }],
    followUps: [{ daysAgo: 95, kind: 'visit', content: '回访去年项目，客户满意' }, { daysAgo: 15, kind: 'message', content: '节日问候，询问明年预算' }],
  },
  {
    owner: 'he.jun', name: '无锡华晨纺织有限公司', industry: '纺织服装', level: 'B', province: '江苏省', city: '无锡市', district: '惠山区', source: '展会', tags: [], phone: '0510-8322 7007',
    contacts: [{ name: '钱进', title: '总经理', role: 'decision-maker', phone: '13312340009' }],
    deals: [{ name: '染整车间节能改造', at: 2, amount: '312000.00', closeInDays: 25 }],
    followUps: [{ daysAgo: 9, kind: 'visit', content: '现场测量，准备方案' }],
  },
  {
    owner: 'wu.ting', name: '温州鹿城电气有限公司', industry: '机械制造', level: 'B', province: '浙江省', city: '温州市', district: '鹿城区', source: '官网咨询', tags: [], phone: '0577-8899 8008',
    contacts: [{ name: '郑凯', title: '技术部长', role: 'influencer', phone: '13212340010' }],
    deals: [{ name: '低压柜配套', at: 3, amount: '178000.00', closeInDays: 15 }],
    followUps: [{ daysAgo: 3, kind: 'call', content: '价格基本谈妥，等待合同' }],
  },
  // 公海: customers no rep holds, in 销售部's pool.
  { owner: null, name: '常州恒力精密铸造有限公司', industry: '机械制造', level: 'C', province: '江苏省', city: '常州市', district: '武进区', source: '展会', tags: [], phone: '0519-8688 9009', contacts: [{ name: '冯涛', title: '采购经理', role: 'influencer', phone: '13112340011' }], deals: [], followUps: [] },
  { owner: null, name: '嘉兴绿源环保科技有限公司', industry: '节能环保', level: 'D', province: '浙江省', city: '嘉兴市', district: '南湖区', source: '电话营销', tags: [], phone: '0573-8222 1010', contacts: [], deals: [], followUps: [] },
  { owner: null, name: '芜湖长江汽车零部件有限公司', industry: '汽车零部件', level: 'B', province: '安徽省', city: '芜湖市', district: '鸠江区', source: '招投标', tags: ['汽车'], phone: '0553-5811 1111', contacts: [{ name: '褚明', title: '设备主管', role: 'user', phone: '13012340012' }], deals: [], followUps: [] },
  { owner: null, name: '扬州润扬化工有限公司', industry: '化工', level: 'C', province: '江苏省', city: '扬州市', district: '仪征市', source: '官网咨询', tags: [], phone: '0514-8333 1212', contacts: [], deals: [], followUps: [] },
];

const LEADS = [
  { owner: 'sales', name: '林涛', company: '绍兴柯桥印染有限公司', title: '生产总监', phone: '13600001111', source: '展会', industry: '纺织服装', province: '浙江省', city: '绍兴市', note: '展会上咨询节能烘干设备' },
  { owner: 'sales', name: '黄蕾', company: '苏州精工机械有限公司', title: '工艺工程师', phone: '13600002222', source: '官网咨询', industry: '机械制造', province: '江苏省', city: '苏州市', note: '官网留言问刀具寿命方案（已是客户）' },
  { owner: 'sales', name: '马骏', company: '昆山立讯精密电子有限公司', title: '采购经理', phone: '13600003333', source: '电话营销', industry: '电子制造', province: '江苏省', city: '苏州市', note: null },
  { owner: null, name: '唐敏', company: '镇江港华燃气有限公司', title: '设备科', phone: '13600004444', source: '官网咨询', industry: '能源', province: '江苏省', city: '镇江市', note: '待分配' },
  { owner: null, name: '宋雨', company: '湖州南浔木业有限公司', title: '老板', phone: '13600005555', source: '展会', industry: '家居建材', province: '浙江省', city: '湖州市', note: '待分配' },
];

/**
 * The demo's CRM: 孙丽 (sales) owns customers in several industries and regions with
 * contacts, opportunities in every stage, won and lost deals and follow-ups over the
 * last months; 何军 and 吴婷 own a few more; four customers wait in 销售部's pool; leads
 * wait to be worked or assigned. Everything goes through the services, as the API would,
 * on the demo's clock.
 */
@DemoSeeder({ after: ['org.structure'] })
@Injectable()
export class CrmDemoSeed implements DemoSeed {
  readonly name = 'crm.customers';
  readonly roleGrants = ROLE_GRANTS;

  constructor(
    private readonly clock: Clock,
    private readonly pipelines: PipelinesService,
    private readonly customers: CustomersService,
    private readonly contacts: ContactsService,
    private readonly opportunities: OpportunitiesService,
    private readonly followUps: FollowUpsService,
    private readonly leads: LeadsService,
  ) {}

  async seed(manager: EntityManager): Promise<void> {
    const rows: Array<{ id: string; username: string; main_department_id: string }> = await manager.query(
      `SELECT id, username, main_department_id FROM org.person WHERE username = ANY($1)`,
      [['sales', 'he.jun', 'wu.ting', 'salesmgr']],
    );
    const people = new Map(rows.map((row) => [row.username, row]));
    const as = (username: string): Principal => {
      const person = people.get(username);
      if (!person) throw new Error(`the CRM demo needs the demo person ${username}`);
      return { userId: person.id, username, permissions: new Set(ROLE_GRANTS['sales-manager']), departmentIds: [person.main_department_id], dataScope: combineGrants([{ roleCode: 'demo', roleName: 'demo', kind: 'all', departmentIds: [], allPermissions: true, permissions: [] }]) };
    };
    const manager_ = as('salesmgr');
    const pipeline = await acting(manager_, () => this.pipelines.create({
      name: '标准销售流程',
      stages: [
        { name: '初步接洽', probability: '10' },
        { name: '需求确认', probability: '30' },
        { name: '方案报价', probability: '60' },
        { name: '商务谈判', probability: '80' },
      ],
      protectFromStage: 2,
    }));
    const now = this.clock.now().getTime();
    const isoDay = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
    let serial = 1;
    for (const spec of CUSTOMERS) {
      const owner = spec.owner ? as(spec.owner) : manager_;
      const prefix = `91${spec.province === '上海市' ? '31' : spec.province === '浙江省' ? '33' : spec.province === '安徽省' ? '34' : '32'}0500MA${String(serial++).padStart(7, '0')}`;
      const creditCode = prefix + creditCodeCheckCharacter(prefix);
      const customer = await acting(owner, () =>
        this.customers.create(owner, {
          name: spec.name,
          creditCode,
          level: spec.level,
          industry: spec.industry,
          source: spec.source,
          province: spec.province,
          city: spec.city,
          district: spec.district,
          phone: spec.phone,
          tags: spec.tags,
          ownerId: spec.owner ? owner.userId : null,
          allowDuplicates: true,
        }),
      );
      for (const contact of spec.contacts) await acting(owner, () => this.contacts.add(manager, customer.id, contact));
      for (const followUp of spec.followUps) {
        await acting(owner, () =>
          this.followUps.create(owner, { customerId: customer.id, kind: followUp.kind, content: followUp.content, occurredAt: new Date(now - followUp.daysAgo * DAY).toISOString() }),
        );
      }
      for (const deal of spec.deals) {
        const stage = typeof deal.at === 'number' ? pipeline.stages[deal.at] : pipeline.stages[pipeline.stages.length - 1];
        const opened = await acting(owner, () =>
          this.opportunities.create(owner, {
            customerId: customer.id,
            name: deal.name,
            amount: deal.amount,
            expectedCloseOn: isoDay(deal.closeInDays),
            pipelineId: pipeline.id,
            stageId: stage.id,
          }),
        );
        if (deal.at === 'won') await acting(owner, () => this.opportunities.close(owner, opened.id, 'won', { version: opened.version, reason: '方案与价格均认可' }));
        if (deal.at === 'lost') await acting(owner, () => this.opportunities.close(owner, opened.id, 'lost', { version: opened.version, reason: '价格高于竞品 15%' }));
      }
    }
    for (const lead of LEADS) {
      const owner = lead.owner ? as(lead.owner) : manager_;
      await acting(owner, () => this.leads.create(owner, { name: lead.name, company: lead.company, title: lead.title, phone: lead.phone, source: lead.source, industry: lead.industry, province: lead.province, city: lead.city, remark: lead.note, ownerId: lead.owner ? owner.userId : null }));
    }
  }
}
