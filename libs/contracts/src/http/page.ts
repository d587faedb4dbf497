/** A page of a list answer: the items and how many match in all. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A page of a list that pages by cursor (keyset): lists that grow without bound (the
 * audit log). `nextCursor` is passed back as `after` for the next page, null on the
 * last one. `total` is exact up to a limit and the planner's estimate beyond it, and
 * `totalIsEstimate` says which.
 */
export interface KeysetPage<T> {
  items: T[];
  total: number;
  totalIsEstimate: boolean;
  pageSize: number;
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;
