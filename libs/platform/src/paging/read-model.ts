import { createHash } from 'node:crypto';
import type { PermissionCode } from '@zhongshu/contracts';
import type { KeysetPage, Page } from '@zhongshu/contracts';
import { scopeFor, type ScopedColumns } from '../auth/data-scope.js';
import type { Principal } from '../auth/principal.js';
import { readTogether } from '../database/read-together.js';
import { PlatformError } from '../errors/domain-error.js';
import { likePattern, parseSort, type SortOrder } from './paging.js';
import { joinSql, rawSql, sql, type Sql } from './sql.js';

/** Anything that runs SQL with parameters: `uow.manager`, an `EntityManager`, a `DataSource`. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, parameters?: unknown[]): Promise<any>;
}

export interface ReadModelDefinition<Row> {
  /** FROM, with joins and the alias the expressions use: `org.person person`. */
  from: string;
  /** Each field of the answer and the SQL expression that gives it: rows come back as the DTOs. */
  fields: { readonly [K in keyof Row]-?: string };
  /** The API's sort names (`?sort=-hireDate,name`) and their SQL expressions. */
  sortable: Record<string, string>;
  /** The order when the request names none (the key is appended). */
  defaultSort: readonly SortOrder[];
  /**
   * A unique, non-null expression (`person.id`): it ends every order, so rows that tie
   * on the requested sort come in one fixed order and pages neither repeat nor skip.
   */
  key: string;
}

export interface OffsetPaging {
  page: number;
  pageSize: number;
  sort?: string;
}

export interface KeysetPaging {
  /** The cursor of the previous page's last row, or none for the first page. */
  after?: string;
  pageSize: number;
  sort?: string;
}

/** Up to this many matches are counted exactly; beyond, the planner's estimate stands in. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * The platform's way to answer a read: one parameterised statement through TypeORM's
 * own connection, the row already shaped as the response DTO (no entity is built to be
 * thrown away), with paging, sorting and data scope from here. See
 * `libs/platform/src/paging/README.md`.
 */
export class ReadModel<Row extends object> {
  private readonly select: string;
  private readonly fieldNames: readonly string[];

  constructor(private readonly definition: ReadModelDefinition<Row>) {
    this.fieldNames = Object.keys(definition.fields);
    const fields = definition.fields as Record<string, string>;
    this.select = this.fieldNames.map((field) => `${fields[field]} AS "${field}"`).join(', ');
  }

  /** The SQL expression of a field, for conditions written by the caller. */
  column(field: keyof Row & string): string {
    return (this.definition.fields as Record<string, string>)[field];
  }

  /** One page by number, and how many match in all (an exact count, side by side with the page). */
  async page(db: Queryable, where: readonly Sql[], paging: OffsetPaging): Promise<Page<Row>> {
    const condition = joinSql(where, ' AND ', 'TRUE');
    const orders = this.orders(paging.sort);
    const list = sql`SELECT ${rawSql(this.select)} FROM ${rawSql(this.definition.from)} WHERE ${condition} ORDER BY ${rawSql(orderBy(orders))} LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`.render();
    const count = sql`SELECT count(*)::int AS total FROM ${rawSql(this.definition.from)} WHERE ${condition}`.render();
    const [items, [{ total }]] = await readTogether(db, [() => db.query(list.text, list.values) as Promise<Row[]>, () => db.query(count.text, count.values) as Promise<Array<{ total: number }>>]);
    return { items, total, page: paging.page, pageSize: paging.pageSize };
  }

  /**
   * A page after a cursor (keyset paging): the page starts where the previous one ended,
   * found through the index, so page 5000 costs what page 1 does and rows inserted
   * meanwhile neither shift nor repeat what follows. `filters` are what the cursor is
   * bound to: a cursor handed back with other filters or another sort is refused (400).
   * The total is counted exactly up to EXACT_COUNT_LIMIT and estimated beyond
   * (`totalIsEstimate`), so no page counts a growing table to its end.
   */
  async keysetPage(db: Queryable, where: readonly Sql[], paging: KeysetPaging, filters: object): Promise<KeysetPage<Row>> {
    const orders = this.orders(paging.sort);
    const bound = fingerprint(filters, orders);
    const conditions = [...where];
    if (paging.after !== undefined) conditions.push(afterCondition(orders, decodeCursor(paging.after, bound, orders.length)));
    const keys = orders.map((order, index) => `(${order.column})::text AS "${keyField(index)}"`).join(', ');
    const list = sql`SELECT ${rawSql(this.select)}, ${rawSql(keys)} FROM ${rawSql(this.definition.from)} WHERE ${joinSql(conditions, ' AND ', 'TRUE')} ORDER BY ${rawSql(orderBy(orders))} LIMIT ${paging.pageSize + 1}`.render();
    const [rows, counted] = await readTogether(db, [() => db.query(list.text, list.values) as Promise<Array<Record<string, unknown>>>, () => this.count(db, where)]);
    const more = rows.length > paging.pageSize;
    if (more) rows.length = paging.pageSize;
    const last = rows[rows.length - 1];
    const nextCursor = more && last ? encodeCursor(bound, orders.map((_, index) => last[keyField(index)] as string)) : null;
    // The key columns were only for the cursor: the answer is the DTO's fields.
    for (const row of rows) for (let index = 0; index < orders.length; index += 1) delete row[keyField(index)];
    return { items: rows as Row[], total: counted.total, totalIsEstimate: counted.estimate, pageSize: paging.pageSize, nextCursor };
  }

  /** Every matching row, for short catalogues (positions, roles) that are not paged. */
  async list(db: Queryable, where: readonly Sql[], sort?: string): Promise<Row[]> {
    const statement = sql`SELECT ${rawSql(this.select)} FROM ${rawSql(this.definition.from)} WHERE ${joinSql(where, ' AND ', 'TRUE')} ORDER BY ${rawSql(orderBy(this.orders(sort)))}`.render();
    return db.query(statement.text, statement.values) as Promise<Row[]>;
  }

  /** The one row matching `where`, or undefined. */
  async one(db: Queryable, where: readonly Sql[]): Promise<Row | undefined> {
    const statement = sql`SELECT ${rawSql(this.select)} FROM ${rawSql(this.definition.from)} WHERE ${joinSql(where, ' AND ', 'TRUE')} LIMIT 2`.render();
    const rows = (await db.query(statement.text, statement.values)) as Row[];
    if (rows.length > 1) throw new Error(`ReadModel.one: more than one row from ${this.definition.from}`);
    return rows[0];
  }

  private orders(sort: string | undefined): SortOrder[] {
    const orders = parseSort(sort, this.definition.sortable, [...this.definition.defaultSort]);
    if (orders.some((order) => order.column === this.definition.key)) return orders;
    // The key goes the way of the last order, so an order in one direction stays one
    // row comparison (`(a, key) < ($1, $2)`) that an index can serve.
    return [...orders, { column: this.definition.key, direction: orders[orders.length - 1]?.direction ?? 'ASC' }];
  }

  private async count(db: Queryable, where: readonly Sql[]): Promise<{ total: number; estimate: boolean }> {
    const condition = joinSql(where, ' AND ', 'TRUE');
    const capped = sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM ${rawSql(this.definition.from)} WHERE ${condition} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS matches`.render();
    const [{ total }] = (await db.query(capped.text, capped.values)) as Array<{ total: number }>;
    if (total <= EXACT_COUNT_LIMIT) return { total, estimate: false };
    // The planner's row estimate: no scan, from the table's statistics.
    const explain = sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${rawSql(this.definition.from)} WHERE ${condition}`.render();
    const [row] = (await db.query(explain.text, explain.values)) as Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>;
    const estimated = Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
    return { total: Math.max(estimated, total), estimate: true };
  }
}

/** The scope of `permission` as a condition: `TRUE`, the caller's own records, their departments. */
export function scopeCondition(principal: Principal, permission: PermissionCode, columns: ScopedColumns): Sql {
  if (!columns.owner && !columns.department) throw new Error('scopeCondition needs an owner or a department column');
  const scope = scopeFor(principal, permission);
  if (scope.all) return rawSql('TRUE');
  const parts: Sql[] = [];
  if (columns.owner) parts.push(sql`${rawSql(columns.owner)} = ${principal.userId}`);
  if (columns.department && scope.departmentIds.size > 0) parts.push(sql`${rawSql(columns.department)} = ANY(${[...scope.departmentIds]}::uuid[])`);
  return parts.length === 0 ? rawSql('FALSE') : sql`(${joinSql(parts, ' OR ')})`;
}

/**
 * Any of `columns` contains `text` (case-insensitive, wildcards taken literally). One
 * `ILIKE` per column ORed, so a trigram index on each column serves it (a BitmapOr).
 */
export function containsText(columns: readonly string[], text: string): Sql {
  const pattern = likePattern(text);
  return sql`(${joinSql(
    columns.map((column) => sql`${rawSql(column)} ILIKE ${pattern}`),
    ' OR ',
  )})`;
}

function orderBy(orders: readonly SortOrder[]): string {
  return orders.map((order) => `${order.column} ${order.direction}`).join(', ');
}

function keyField(index: number): string {
  return `__key${index}`;
}

/** Rows after `values` in `orders`: `(a > $1) OR (a = $1 AND b > $2)`, a row comparison when all directions agree. */
function afterCondition(orders: readonly SortOrder[], values: readonly string[]): Sql {
  if (orders.every((order) => order.direction === orders[0].direction)) {
    const columns = rawSql(orders.map((order) => order.column).join(', '));
    const operator = rawSql(orders[0].direction === 'ASC' ? '>' : '<');
    return sql`((${columns}) ${operator} (${joinSql(
      values.map((value) => sql`${value}`),
      ', ',
    )}))`;
  }
  const alternatives = orders.map((order, index) => {
    const equal = orders.slice(0, index).map((previous, before) => sql`${rawSql(previous.column)} = ${values[before]}`);
    const beyond = sql`${rawSql(order.column)} ${rawSql(order.direction === 'ASC' ? '>' : '<')} ${values[index]}`;
    return sql`(${joinSql([...equal, beyond], ' AND ')})`;
  });
  return sql`(${joinSql(alternatives, ' OR ')})`;
}

/** What a cursor is bound to: the filters and the order, hashed (it is not a secret, only a check). */
function fingerprint(filters: object, orders: readonly SortOrder[]): string {
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([entries, orders]))
    .digest('base64url')
    .slice(0, 16);
}

function encodeCursor(bound: string, values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ q: bound, k: values })).toString('base64url');
}

function decodeCursor(cursor: string, bound: string, length: number): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is not a cursor this list gave out');
  }
  const { q, k } = (decoded ?? {}) as { q?: unknown; k?: unknown };
  if (typeof q !== 'string' || !Array.isArray(k) || k.length !== length || !k.every((value) => typeof value === 'string')) {
    throw invalidCursor('is not a cursor this list gave out');
  }
  if (q !== bound) throw invalidCursor('belongs to another query: the filters or the sort changed, start again from the first page');
  return k as string[];
}

function invalidCursor(why: string): PlatformError {
  return PlatformError.invalidQuery(`The cursor ${why}.`, [{ field: 'after', message: why }]);
}
