import { declarePermissions } from './permission-catalogue.js';

/**
 * The ERP context's permissions: the product catalogue, the customers' trading terms,
 * and sales orders. Sales orders and trading terms are narrowed by the role's data
 * scope (the sales rep who owns the deal, their department); the catalogue is one list
 * for the whole company.
 */
export const ErpPermission = declarePermissions('erp', {
  ProductRead: { code: 'erp:product:read', 'zh-CN': '查看产品与价格', en: 'View products and prices' },
  ProductManage: { code: 'erp:product:manage', 'zh-CN': '新建与编辑产品、调整价格', en: 'Create and edit products, change prices' },
  TradingTermsRead: { code: 'erp:trading-terms:read', 'zh-CN': '查看客户交易条件（按数据范围）', en: "View customers' trading terms (within data scope)" },
  TradingTermsUpdate: { code: 'erp:trading-terms:update', 'zh-CN': '编辑客户交易条件（开票、收货、付款条件、信用额度）', en: "Edit customers' trading terms (bill-to, ship-to, payment terms, credit limit)" },
  SalesOrderRead: { code: 'erp:sales-order:read', 'zh-CN': '查看销售订单（按数据范围）', en: 'View sales orders (within data scope)' },
});

export type ErpPermissionCode = (typeof ErpPermission)[keyof typeof ErpPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<ErpPermissionCode, true> {}
}
