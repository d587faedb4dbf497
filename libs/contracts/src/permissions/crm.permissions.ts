import { declarePermissions } from './permission-catalogue.js';

/**
 * The CRM context's permissions: customers and the shared pool (公海), contacts and
 * follow-ups, leads, opportunities and their pipelines. Reads and changes of owned
 * records are narrowed by the role's data scope (own, department and below, all).
 */
export const CrmPermission = declarePermissions('crm', {
  CustomerRead: { code: 'crm:customer:read', 'zh-CN': '查看客户（按数据范围）', en: 'View customers (within data scope)' },
  CustomerCreate: { code: 'crm:customer:create', 'zh-CN': '新建客户', en: 'Create customers' },
  CustomerUpdate: { code: 'crm:customer:update', 'zh-CN': '编辑客户、联系人与跟进', en: 'Edit customers, their contacts and follow-ups' },
  CustomerTransfer: { code: 'crm:customer:transfer', 'zh-CN': '转移客户给其他销售', en: 'Transfer customers to another rep' },
  CustomerMerge: { code: 'crm:customer:merge', 'zh-CN': '合并重复客户', en: 'Merge duplicate customers' },
  CustomerImport: { code: 'crm:customer:import', 'zh-CN': '导入客户', en: 'Import customers' },
  PoolRead: { code: 'crm:pool:read', 'zh-CN': '查看公海客户', en: 'View the shared pool' },
  PoolClaim: { code: 'crm:pool:claim', 'zh-CN': '领取公海客户', en: 'Claim customers from the shared pool' },
  PoolReturn: { code: 'crm:pool:return', 'zh-CN': '将客户退回公海', en: 'Return customers to the shared pool' },
  PoolManage: { code: 'crm:pool:manage', 'zh-CN': '设置公海规则', en: 'Set the shared pool rules' },
  LeadRead: { code: 'crm:lead:read', 'zh-CN': '查看线索（按数据范围）', en: 'View leads (within data scope)' },
  LeadCreate: { code: 'crm:lead:create', 'zh-CN': '新建与导入线索', en: 'Create and import leads' },
  LeadUpdate: { code: 'crm:lead:update', 'zh-CN': '编辑、跟进与关闭线索', en: 'Edit, follow up and close leads' },
  LeadAssign: { code: 'crm:lead:assign', 'zh-CN': '分配线索', en: 'Assign leads' },
  LeadConvert: { code: 'crm:lead:convert', 'zh-CN': '线索转化为客户与商机', en: 'Convert leads into customers and opportunities' },
  OpportunityRead: { code: 'crm:opportunity:read', 'zh-CN': '查看商机（按数据范围）', en: 'View opportunities (within data scope)' },
  OpportunityCreate: { code: 'crm:opportunity:create', 'zh-CN': '新建商机', en: 'Create opportunities' },
  OpportunityUpdate: { code: 'crm:opportunity:update', 'zh-CN': '编辑商机、推进阶段、赢单与输单', en: 'Edit opportunities, move stages, win and lose' },
  PipelineManage: { code: 'crm:pipeline:manage', 'zh-CN': '设置销售流程与阶段', en: 'Set up pipelines and their stages' },
});

export type CrmPermissionCode = (typeof CrmPermission)[keyof typeof CrmPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<CrmPermissionCode, true> {}
}
