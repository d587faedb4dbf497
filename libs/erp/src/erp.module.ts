import { TypeOrmModule } from '@nestjs/typeorm';
import { PRODUCT_CATALOGUE } from '@zhongshu/contracts';
import { declareApiTag, defineContext } from '@zhongshu/platform';
import { ErpDemoSeed } from './demo/erp.demo-seed.js';
import { ERP_MENU } from './erp.menu.js';
import { ErpProductCatalogue } from './products/product-catalogue.js';
import { Product } from './products/product.entity.js';
import { ProductsController } from './products/products.controller.js';
import { ProductsService } from './products/products.service.js';

declareApiTag('erp', 'ERP: the product catalogue');

/**
 * ERP: the product catalogue (and the PRODUCT_CATALOGUE port other contexts price
 * their lines with). The port loads in the API and the worker alike: CRM's handlers
 * read prices too.
 */
export const ErpModule = defineContext({
  name: 'erp',
  menu: ERP_MENU,
  imports: [TypeOrmModule.forFeature([Product])],
  providers: [ProductsService, ErpProductCatalogue, { provide: PRODUCT_CATALOGUE, useExisting: ErpProductCatalogue }],
  exports: [PRODUCT_CATALOGUE],
  http: {
    controllers: [ProductsController],
    providers: [ErpDemoSeed],
  },
});
