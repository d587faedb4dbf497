import { declarePermissions } from './permission-catalogue.js';

/**
 * CRM's permissions for the deal's paperwork: contracts with their receivable plans,
 * signing (签单, which starts the contract review and the sales order) and ending them,
 * and the deal thread. Reads and changes are narrowed by the role's data scope (the
 * contract's owner, their team).
 */
export const CrmContractPermission = declarePermissions('crm', {
  ContractRead: { code: 'crm:contract:read', 'zh-CN': '查看合同与成交全程（按数据范围）', en: 'View contracts and their deal thread (within data scope)' },
  ContractCreate: { code: 'crm:contract:create', 'zh-CN': '新建与修改合同、回款计划', en: 'Create and revise contracts and their receivable plans' },
  ContractSign: { code: 'crm:contract:sign', 'zh-CN': '签单（提交合同审批）', en: 'Sign contracts (start their review)' },
  ContractEnd: { code: 'crm:contract:end', 'zh-CN': '终止或完结合同', en: 'Terminate or complete contracts' },
  ReceivableRecord: { code: 'crm:receivable:record', 'zh-CN': '登记回款', en: 'Record payments received' },
});

export type CrmContractPermissionCode = (typeof CrmContractPermission)[keyof typeof CrmContractPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<CrmContractPermissionCode, true> {}
}
