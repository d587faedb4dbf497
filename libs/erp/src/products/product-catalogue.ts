import { Injectable } from '@nestjs/common';
import type { CatalogueProduct, ProductCatalogue } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, containsText, joinSql, rawSql, sql } from '@zhongshu/platform';
import { PRODUCT_FIELDS } from './products.service.js';

const SELECT = Object.entries(PRODUCT_FIELDS).map(([field, column]) => `${column} AS "${field}"`).join(', ');

const CATALOGUE = new ReadModel<CatalogueProduct>({
  from: 'erp.product product',
  fields: PRODUCT_FIELDS,
  sortable: {},
  defaultSort: [{ column: 'product.name', direction: 'ASC' }],
  key: 'product.id',
});

/**
 * The PRODUCT_CATALOGUE port (libs/contracts): CRM prices its lines through it inside
 * its own transaction, so every query goes through `UnitOfWork.manager`, the caller's
 * connection, and nothing here opens a transaction or writes.
 */
@Injectable()
export class ErpProductCatalogue implements ProductCatalogue {
  constructor(private readonly uow: UnitOfWork) {}

  async products(ids: readonly string[]): Promise<CatalogueProduct[]> {
    if (ids.length === 0) return [];
    return CATALOGUE.list(this.uow.manager, [sql`product.id = ANY(${[...new Set(ids)]}::uuid[])`]);
  }

  async search(text: string, limit: number): Promise<CatalogueProduct[]> {
    const where = [sql`product.active`];
    if (text.trim()) where.push(containsText(['product.code', 'product.name'], text.trim()));
    // No count beside it: a picker wants the first few matches, not how many there are.
    const statement = sql`SELECT ${rawSql(SELECT)} FROM erp.product product WHERE ${joinSql(where, ' AND ')} ORDER BY product.name, product.id LIMIT ${Math.max(1, Math.min(limit, 100))}`.render();
    return this.uow.manager.query(statement.text, statement.values);
  }
}
