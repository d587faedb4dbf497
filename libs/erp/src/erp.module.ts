import { TypeOrmModule } from '@nestjs/typeorm';
import { PRODUCT_CATALOGUE, SALES_ORDER_LEDGER } from '@zhongshu/contracts';
import { declareApiTag, defineContext } from '@zhongshu/platform';
import { ErpDemoSeed } from './demo/erp.demo-seed.js';
import { ERP_MENU } from './erp.menu.js';
import { ErpProductCatalogue } from './products/product-catalogue.js';
import { Product } from './products/product.entity.js';
import { ProductsController } from './products/products.controller.js';
import { ProductsService } from './products/products.service.js';
import { ContractOrders } from './sales-orders/contract-orders.handler.js';
import { ErpSalesOrderLedger } from './sales-orders/sales-order-ledger.js';
import { SalesOrdersController } from './sales-orders/sales-orders.controller.js';
import { SalesOrdersService } from './sales-orders/sales-orders.service.js';
import { CustomerTerms } from './trading-terms/customer-terms.handler.js';
import { TradingTermsController } from './trading-terms/trading-terms.controller.js';
import { TradingTermsService } from './trading-terms/trading-terms.service.js';

declareApiTag('erp', 'ERP: the product catalogue, customers’ trading terms, sales orders');

/**
 * ERP: the product catalogue (and the PRODUCT_CATALOGUE port other contexts price
 * their lines with), the customers' trading terms kept from CRM's customer events, and
 * the sales orders made from CRM's signed contracts (SALES_ORDER_LEDGER reads them for
 * the deal thread). Handlers and ports load in the API and the worker alike.
 */
export const ErpModule = defineContext({
  name: 'erp',
  menu: ERP_MENU,
  auditNames: { 'erp.product': 'name', 'erp.sales_order': 'number' },
  imports: [TypeOrmModule.forFeature([Product])],
  providers: [
    ProductsService,
    ErpProductCatalogue,
    { provide: PRODUCT_CATALOGUE, useExisting: ErpProductCatalogue },
    TradingTermsService,
    CustomerTerms,
    SalesOrdersService,
    ContractOrders,
    ErpSalesOrderLedger,
    { provide: SALES_ORDER_LEDGER, useExisting: ErpSalesOrderLedger },
  ],
  exports: [PRODUCT_CATALOGUE, SALES_ORDER_LEDGER],
  http: {
    controllers: [ProductsController, SalesOrdersController, TradingTermsController],
    providers: [ErpDemoSeed],
  },
});
