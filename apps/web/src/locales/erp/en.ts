import type { erpZhCN } from './zh-CN'

// Typed by the Chinese reference, so a missing or extra key fails the type check.
export const erpEn: typeof erpZhCN = {
  erp: {
    products: {
      create: 'New product',
      edit: 'Edit product',
      code: 'Code',
      name: 'Name',
      unit: 'Unit',
      listPrice: 'List price (excl. tax)',
      taxRate: 'Tax rate',
      category: 'Category',
      description: 'Description',
      active: 'Status',
      activeYes: 'On sale',
      activeNo: 'Discontinued',
      activate: 'Put back on sale',
      deactivate: 'Discontinue',
      deactivated: 'Discontinued: existing documents keep it, new lines cannot choose it',
      activated: 'Back on sale',
      searchPlaceholder: 'Code or name',
      codeHint: 'Letters, digits, _ . -; cannot change later',
      pricePlaceholder: 'e.g. 12800.00',
      priceInvalid: 'Enter an amount of 0 or more with at most two decimals',
      categoryPlaceholder: 'Choose or type a category',
      all: 'All',
    },
    taxRates: { '13': '13%', '9': '9%', '6': '6%', '0': '0% (exempt)' },
  },
}
