import type { AccessRequirement } from '@/stores/user'

/** One column of a list: a field of the row, or a cell the page renders in slot `cell-<key>`. */
export interface ListColumn<Row> {
  /** Unique in the list; names the cell slot (`#cell-name`). */
  key: string
  /** i18n key of the header. */
  label: string
  /** The row's field shown when there is no slot and no `format`. */
  prop?: keyof Row & string
  /** The cell as text, when it is not simply `prop`. */
  format?: (row: Row) => string
  /** Sorted by the server, by `sortKey` (default `prop`): never re-sorted here. */
  sortable?: boolean
  sortKey?: string
  width?: number
  minWidth?: number
  /** Dropped below 768 px, where only the columns a person needs to pick a row fit. */
  minor?: boolean
}

export type ActionType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** Something done to one row. After two, the rest fold into a "More" menu. */
export interface RowAction<Row> {
  key: string
  /** i18n key. */
  label: string
  /** Left out unless the person holds it (the rule of `v-access`); the server checks anyway. */
  permission?: AccessRequirement
  /** Left out for rows it does not apply to (enable only a disabled person). */
  when?: (row: Row) => boolean
  type?: ActionType
  /** `data-testid` prefix; the list's `rowName` of the row is appended (`person-edit-admin`). */
  testId?: string
  run: (row: Row) => void | Promise<void>
}

/** A page of rows as every list endpoint answers it. */
export interface PageOf<Row> {
  items: Row[]
  total: number
  /** Lists paged by cursor: `total` is the server's estimate (it stops counting exactly at a limit). */
  totalIsEstimate?: boolean
  /** Lists paged by cursor: what to send as `after` for the next page; null on the last. */
  nextCursor?: string | null
}

