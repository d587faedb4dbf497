import { ErpPermission } from '@zhongshu/contracts';
import type { MenuEntry } from '@zhongshu/platform';

/** 进销存: the ERP context's section of the sidebar. */
export const ERP_MENU: MenuEntry[] = [
  {
    key: 'erp',
    title: 'menu.erp',
    icon: 'Box',
    order: 40,
    children: [
      { key: 'erp-sales-orders', title: 'menu.erpSalesOrders', path: '/erp/sales-orders', permission: ErpPermission.SalesOrderRead },
      { key: 'erp-trading-terms', title: 'menu.erpTradingTerms', path: '/erp/trading-terms', permission: ErpPermission.TradingTermsRead },
      { key: 'erp-products', title: 'menu.erpProducts', path: '/erp/products', permission: ErpPermission.ProductRead },
    ],
  },
];
