import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, containsText, newId, saveVersioned, sql, type Sql } from '@zhongshu/platform';
import { ErpError } from '../erp-error.js';
import type { CreateProductDto, ProductDto, ProductQueryDto, UpdateProductDto } from './product.dto.js';
import { Product } from './product.entity.js';

/** The catalogue as every reader sees it: the price as its decimal text, the rate as "13". */
export const PRODUCT_FIELDS = {
  id: 'product.id',
  code: 'product.code',
  name: 'product.name',
  unit: 'product.unit',
  listPrice: 'product.list_price::text',
  taxRate: '(product.tax_rate::integer)::text',
  category: 'product.category',
  active: 'product.active',
} as const;

const PRODUCTS = new ReadModel<ProductDto>({
  from: 'erp.product product',
  fields: {
    ...PRODUCT_FIELDS,
    description: 'product.description',
    updatedAt: `to_char(product.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    version: 'product.version',
  },
  // Names in pinyin order (the column's collation): 齿轮, 电机, 加工中心.
  sortable: { name: 'product.name', code: 'product.code', listPrice: 'product.list_price', category: 'product.category', updatedAt: 'product.updated_at' },
  defaultSort: [{ column: 'product.name', direction: 'ASC' }],
  key: 'product.id',
});

/**
 * The product catalogue: one list for the whole company (no data scope), searched by
 * part of the code or name through trigram indexes, written with optimistic locking.
 */
@Injectable()
export class ProductsService {
  constructor(private readonly uow: UnitOfWork) {}

  list(query: ProductQueryDto): Promise<Page<ProductDto>> {
    const where: Sql[] = [];
    if (query.search) where.push(containsText(['product.code', 'product.name'], query.search));
    if (query.category) where.push(sql`product.category = ${query.category}`);
    if (query.active !== undefined) where.push(sql`product.active = ${query.active === 'true'}`);
    return PRODUCTS.page(this.uow.manager, where, query);
  }

  async read(id: string, manager: EntityManager = this.uow.manager): Promise<ProductDto> {
    const product = await PRODUCTS.one(manager, [sql`product.id = ${id}`]);
    if (!product) throw ErpError.notFound('Product', id);
    return product;
  }

  /** The categories in use, in pinyin order, for the form's suggestions and the list's filter. */
  async categories(): Promise<string[]> {
    const rows: Array<{ category: string }> = await this.uow.manager.query('SELECT DISTINCT category FROM erp.product WHERE category IS NOT NULL ORDER BY category');
    return rows.map((row) => row.category);
  }

  /** The code is unique whatever its case; a second one is refused by the index itself, so two at once cannot both win. */
  async create(input: CreateProductDto): Promise<ProductDto> {
    return this.uow.run(async (manager) => {
      const id = newId();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO erp.product (id, code, name, unit, list_price, tax_rate, category, description, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ((lower(code))) DO NOTHING RETURNING id`,
        [id, input.code, input.name.trim(), input.unit.trim(), input.listPrice, input.taxRate, input.category?.trim() || null, input.description ?? null, input.active ?? true],
      );
      if (inserted.length === 0) throw ErpError.duplicate('code', `A product with the code ${input.code} already exists`);
      return this.read(id, manager);
    });
  }

  async update(id: string, change: UpdateProductDto): Promise<ProductDto> {
    return this.uow.run(async (manager) => {
      const product = await manager.findOne(Product, { where: { id } });
      if (!product) throw ErpError.notFound('Product', id);
      if (change.name !== undefined) product.name = change.name.trim();
      if (change.unit !== undefined) product.unit = change.unit.trim();
      if (change.listPrice !== undefined) product.listPrice = change.listPrice;
      if (change.taxRate !== undefined) product.taxRate = change.taxRate;
      if (change.category !== undefined) product.category = change.category?.trim() || null;
      if (change.description !== undefined) product.description = change.description;
      if (change.active !== undefined) product.active = change.active;
      await saveVersioned(manager, product, change.version, 'Product');
      return this.read(id, manager);
    });
  }
}
