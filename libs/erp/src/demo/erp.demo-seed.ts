import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErpPermission, type ProductTaxRate } from '@zhongshu/contracts';
import { DemoSeeder, newId, type DemoRoleGrants, type DemoSeed } from '@zhongshu/platform';

const ROLE_GRANTS: DemoRoleGrants = {
  sales: [ErpPermission.ProductRead, ErpPermission.SalesOrderRead, ErpPermission.TradingTermsRead],
  'sales-manager': [ErpPermission.ProductRead, ErpPermission.SalesOrderRead, ErpPermission.TradingTermsRead, ErpPermission.TradingTermsUpdate],
  finance: [ErpPermission.ProductRead, ErpPermission.SalesOrderRead, ErpPermission.TradingTermsRead, ErpPermission.TradingTermsUpdate],
  planner: [ErpPermission.ProductRead, ErpPermission.ProductManage, ErpPermission.SalesOrderRead],
};

/** A machine-tool maker's catalogue: machines, spare parts, services, one discontinued model. */
const PRODUCTS: Array<[code: string, name: string, unit: string, price: string, rate: ProductTaxRate, category: string, active: boolean]> = [
  ['CNC-V850', '立式加工中心 V850', '台', '268000.00', '13', '数控机床', true],
  ['CNC-V1160', '立式加工中心 V1160', '台', '385000.00', '13', '数控机床', true],
  ['CNC-T460', '数控车床 T460', '台', '142000.00', '13', '数控机床', true],
  ['CNC-H630', '卧式加工中心 H630', '台', '826000.00', '13', '数控机床', true],
  ['CNC-V640', '立式加工中心 V640（停产）', '台', '198000.00', '13', '数控机床', false],
  ['SP-SPINDLE-12K', '主轴单元 12000rpm', '套', '36800.00', '13', '备品备件', true],
  ['SP-ATC-24', '刀库 24 刀位', '套', '21500.00', '13', '备品备件', true],
  ['SP-BALLSCREW-40', '滚珠丝杠 40mm', '根', '3260.00', '13', '备品备件', true],
  ['SP-COOLANT-20L', '切削液 20L', '桶', '460.00', '13', '耗材', true],
  ['SV-INSTALL', '安装调试服务', '次', '8000.00', '6', '服务', true],
  ['SV-TRAINING', '操作培训', '人天', '1500.00', '6', '服务', true],
  ['SV-MAINT-YEAR', '年度维保合同', '年', '24000.00', '6', '服务', true],
  ['LG-FREIGHT', '设备运输', '次', '3500.00', '9', '物流', true],
  ['DOC-MANUAL', '技术资料（纸质）', '套', '0.00', '0', '资料', true],
];

/** The demo catalogue, and the ERP screens for sales, their managers, finance and planning. */
@DemoSeeder({ after: ['org.structure'] })
@Injectable()
export class ErpDemoSeed implements DemoSeed {
  readonly name = 'erp.products';
  readonly roleGrants = ROLE_GRANTS;

  async seed(manager: EntityManager): Promise<void> {
    for (const [code, name, unit, price, rate, category, active] of PRODUCTS) {
      await manager.query(
        'INSERT INTO erp.product (id, code, name, unit, list_price, tax_rate, category, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [newId(), code, name, unit, price, rate, category, active],
      );
    }
  }
}
