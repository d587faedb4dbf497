/**
 * The ERP context's query port for its product catalogue: what CRM's opportunities,
 * quotes and contracts need to price a line. Implemented by ERP and injected by the
 * token, so nobody imports ERP itself. Like every port (see `org-directory.ts`) it
 * answers on the caller's transaction connection (`UnitOfWork.manager`), never on a
 * connection of its own, and it does not write.
 */

/** 税率: the VAT rates a product may carry, in percent. */
export const PRODUCT_TAX_RATES = ['13', '9', '6', '0'] as const;
export type ProductTaxRate = (typeof PRODUCT_TAX_RATES)[number];

export interface CatalogueProduct {
  id: string;
  code: string;
  name: string;
  /** 单位: 台, 套, 件, 小时… */
  unit: string;
  /** 标准价 before tax, a decimal string with two places ("12800.00"). */
  listPrice: string;
  /** In percent: "13", "9", "6" or "0". */
  taxRate: ProductTaxRate;
  category: string | null;
  /** Inactive products are kept for the lines that name them, and offered for no new line. */
  active: boolean;
}

export interface ProductCatalogue {
  /** The products with these ids, active or not; unknown ids are simply absent. */
  products(ids: readonly string[]): Promise<CatalogueProduct[]>;
  /** Active products whose code or name contains `text` (all active ones when empty), name order, at most `limit`. */
  search(text: string, limit: number): Promise<CatalogueProduct[]>;
}

export const PRODUCT_CATALOGUE = Symbol.for('zhongshu.product-catalogue');
