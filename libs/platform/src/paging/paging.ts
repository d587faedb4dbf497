import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '@zhongshu/contracts';
import { PlatformError } from '../errors/domain-error.js';
import type { PageQueryDto } from './page-query.dto.js';

export interface SortOrder {
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Resolves `sort` against the fields a list allows (API name -> SQL expression), so a
 * client can never sort by an arbitrary column or inject SQL. Unknown fields are a 400.
 */
export function parseSort(sort: string | undefined, allowed: Record<string, string>, fallback: SortOrder[]): SortOrder[] {
  if (!sort) return fallback;
  const orders: SortOrder[] = [];
  for (const part of sort.split(',')) {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    const column = allowed[field];
    if (!column) {
      throw PlatformError.invalidQuery(`Cannot sort by "${field}"; sortable fields are ${Object.keys(allowed).join(', ')}`, [
        { field: 'sort', message: `unknown sort field "${field}"` },
      ]);
    }
    orders.push({ column, direction: descending ? 'DESC' : 'ASC' });
  }
  return orders;
}

/** Applies sort, offset and limit, and runs the count in the same round of queries. */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  paging: PageQueryDto,
  sortable: Record<string, string>,
  fallback: SortOrder[],
): Promise<Page<E>> {
  const orders = parseSort(paging.sort, sortable, fallback);
  orders.forEach((order, index) =>
    index === 0 ? query.orderBy(order.column, order.direction) : query.addOrderBy(order.column, order.direction),
  );
  const [items, total] = await query
    .skip((paging.page - 1) * paging.pageSize)
    .take(paging.pageSize)
    .getManyAndCount();
  return { items, total, page: paging.page, pageSize: paging.pageSize };
}

/** Escapes `%`, `_` and `\` so a user's search text matches literally in ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
