import { computed, onMounted, reactive, ref, shallowRef, toRaw, watch, type Ref, type ShallowRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { FilterDefs, FilterValues } from './filters'
import type { CursorPageOf, ListColumn, PageOf, RowAction } from './types'

export type SortOrder = 'ascending' | 'descending'

/** The server's sort key and direction; null for the server's own order. */
export interface SortState {
  key: string
  order: SortOrder
}

/** What a list asks its endpoint for. */
export interface ListQuery<F> {
  filters: F
  page: number
  pageSize: number
  /** The API's form: `name`, `-hireDate`; undefined for the server's default order. */
  sort: string | undefined
  /** Cursor paging only: the page after this cursor; undefined for the first page. */
  cursor: string | undefined
}

export interface ListPageOptions<Row, D extends FilterDefs> {
  columns: readonly ListColumn<Row>[]
  filters?: D
  rowActions?: readonly RowAction<Row>[]
  /** The field that tells rows apart (Element Plus's `row-key`). */
  rowKey: keyof Row & string
  /** A stable, readable name of a row for test ids (`username`, `code`). */
  rowName?: (row: Row) => string
  /**
   * One page from the server. `signal` aborts a request a newer one has replaced; its
   * answer would be ignored anyway, the latest request always wins.
   */
  load: (query: ListQuery<FilterValues<D>>, signal: AbortSignal) => Promise<PageOf<Row> | CursorPageOf<Row>>
  /**
   * `false` for endpoints that answer everything at once (a short catalogue);
   * `{ cursor: true }` for endpoints paged by a cursor (`before`), which answer
   * `CursorPageOf`: the list then offers newest / newer / older instead of page numbers.
   */
  paging?: false | { pageSize?: number; pageSizes?: readonly number[] } | { cursor: true; pageSize?: number }
  /** Keep filters, page and sort in the address (default): back, forward and reload restore them. */
  urlSync?: boolean
}

/** What a list shows in place of rows. */
export type ListState = 'loading' | 'rows' | 'empty' | 'no-match' | 'error'

export interface ListPageModel<Row, F> {
  readonly columns: readonly ListColumn<Row>[]
  readonly filterDefs: FilterDefs
  readonly rowActions: readonly RowAction<Row>[]
  readonly rowKey: string
  rowName(row: Row): string
  readonly paging: { pageSizes: readonly number[] } | null
  /** Paged by a cursor: no page numbers, `newest` / `newer` / `older` instead. */
  readonly cursorPaging: boolean
  /** The cursor of the page shown (undefined: the first page). */
  readonly cursor: Readonly<Ref<string | undefined>>
  /** The cursor of the next (older) page; null on the last one. */
  readonly next: Readonly<Ref<string | null>>
  /** Cursor pages seen before this one in this visit, for `newer`. */
  readonly hasNewer: Readonly<Ref<boolean>>
  /** The filters as being edited in the filter bar; `apply()` makes them the query. */
  readonly draft: F
  /** The filters of the rows shown. */
  readonly applied: Readonly<Ref<F>>
  readonly page: Readonly<Ref<number>>
  readonly pageSize: Readonly<Ref<number>>
  readonly sort: Readonly<Ref<SortState | null>>
  readonly rows: Readonly<ShallowRef<readonly Row[]>>
  readonly total: Readonly<Ref<number>>
  readonly loading: Readonly<Ref<boolean>>
  readonly error: Readonly<ShallowRef<unknown>>
  readonly state: Readonly<Ref<ListState>>
  /** How many filters differ from their defaults (the phone's filter button shows it). */
  readonly activeFilters: Readonly<Ref<number>>
  apply(): Promise<void>
  /** Clears every filter and shows the first page. */
  reset(): Promise<void>
  /** Replaces all filters by these (the rest back to their defaults) and applies them. */
  showOnly(filters: Partial<F>): Promise<void>
  setPage(page: number): Promise<void>
  setPageSize(pageSize: number): Promise<void>
  setSort(sort: SortState | null): Promise<void>
  /** Cursor paging: the following (older) page. */
  older(): Promise<void>
  /** Cursor paging: the page before this one, or the first when that is not known. */
  newer(): Promise<void>
  /** Cursor paging: back to the first page. */
  newest(): Promise<void>
  /** Asks again for what is shown: after a change, or as the error state's Retry. */
  reload(): Promise<void>
}

interface ListLocation<F> {
  filters: F
  page: number
  pageSize: number
  sort: SortState | null
  cursor: string | undefined
}

const DEFAULT_PAGE_SIZES = [10, 20, 50, 100] as const
const RESERVED = new Set(['page', 'pageSize', 'sort', 'cursor'])

function firstString(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}

function positiveInt(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null
  const value = Number(raw)
  return value >= 1 && Number.isSafeInteger(value) ? value : null
}

function sortParam(sort: SortState | null): string | undefined {
  return sort === null ? undefined : `${sort.order === 'descending' ? '-' : ''}${sort.key}`
}

function cloneValue<T>(value: T): T {
  return Array.isArray(value) ? ([...value] as T) : value
}

/**
 * The state and behaviour of a list page: a page declares its columns, filters, row
 * actions and the call that loads a page; this gives it server-side search, sort and
 * paging kept in the URL, the latest request winning, and the states a list can be in
 * (loading, rows, nothing yet, no match for the filters, failed with a retry).
 * Render it with `<ListPage :list>`.
 */
export function useListPage<Row, D extends FilterDefs = Record<never, never>>(
  options: ListPageOptions<Row, D>,
): ListPageModel<Row, FilterValues<D>> {
  type F = FilterValues<D>
  const route = useRoute()
  const router = useRouter()
  const defs: FilterDefs = options.filters ?? {}
  for (const key of Object.keys(defs)) {
    if (RESERVED.has(key)) throw new Error(`A list filter cannot be called "${key}": the list uses that URL key`)
  }
  const urlSync = options.urlSync ?? true
  const paging = options.paging
  const cursorPaging = paging !== undefined && paging !== false && 'cursor' in paging
  const pageSizes = paging === false || cursorPaging ? [] : (paging?.pageSizes ?? DEFAULT_PAGE_SIZES)
  const defaultPageSize = paging === false ? 0 : (paging?.pageSize ?? 20)
  const sortKeys = new Set(
    options.columns.filter((column) => column.sortable).map((column) => column.sortKey ?? column.prop ?? column.key),
  )
  // Only the page that owns this list reacts to its address; while leaving it the
  // route already shows the next page's query.
  const ownPath = route.path

  function initialFilters(): F {
    return Object.fromEntries(Object.entries(defs).map(([key, def]) => [key, cloneValue(def.initial)])) as F
  }

  function filterQuery(filters: F): Record<string, string> {
    const query: Record<string, string> = {}
    for (const [key, def] of Object.entries(defs)) {
      // The declaration and its value share a key, so the value has the def's type.
      const formatted = (def.format as (value: unknown) => string | undefined)((filters as Record<string, unknown>)[key])
      if (formatted !== undefined) query[key] = formatted
    }
    return query
  }

  function decode(query: LocationQuery): ListLocation<F> {
    const filters = Object.fromEntries(
      Object.entries(defs).map(([key, def]) => [key, def.parse(firstString(query[key]))]),
    ) as F
    const sortRaw = firstString(query.sort)
    const sortKey = sortRaw?.replace(/^-/, '')
    const sort: SortState | null =
      sortRaw !== undefined && sortKey !== undefined && sortKeys.has(sortKey)
        ? { key: sortKey, order: sortRaw.startsWith('-') ? 'descending' : 'ascending' }
        : null
    const size = positiveInt(firstString(query.pageSize))
    const cursor = cursorPaging ? firstString(query.cursor) : undefined
    return {
      filters,
      page: paging === false || cursorPaging ? 1 : (positiveInt(firstString(query.page)) ?? 1),
      pageSize: size !== null && pageSizes.includes(size) ? size : defaultPageSize,
      sort,
      cursor: cursor === '' ? undefined : cursor,
    }
  }

  function encode(location: ListLocation<F>): Record<string, string> {
    const query = filterQuery(location.filters)
    if (location.page !== 1) query.page = String(location.page)
    if (location.pageSize !== defaultPageSize) query.pageSize = String(location.pageSize)
    const sort = sortParam(location.sort)
    if (sort !== undefined) query.sort = sort
    if (location.cursor !== undefined) query.cursor = location.cursor
    return query
  }

  const current = shallowRef<ListLocation<F>>(
    urlSync ? decode(route.query) : { filters: initialFilters(), page: 1, pageSize: defaultPageSize, sort: null, cursor: undefined },
  )
  const draft = reactive(
    Object.fromEntries(Object.entries(current.value.filters as Record<string, unknown>).map(([k, v]) => [k, cloneValue(v)])),
  ) as F

  const rows = shallowRef<readonly Row[]>([])
  const total = ref(0)
  const next = ref<string | null>(null)
  /** The cursors of the pages shown before this one (the first page's is undefined). */
  const newerCursors = ref<Array<string | undefined>>([])
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  /** An answer (rows or a failure) has arrived for what is asked now. */
  const answered = ref(false)

  function syncDraft(filters: F): void {
    for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
      ;(draft as Record<string, unknown>)[key] = cloneValue(value)
    }
  }

  let latest = 0
  let inFlight: AbortController | null = null

  async function load(): Promise<void> {
    const request = ++latest
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    const location = current.value
    loading.value = true
    answered.value = false
    try {
      const result = await options.load(
        {
          filters: location.filters,
          page: location.page,
          pageSize: location.pageSize,
          sort: sortParam(location.sort),
          cursor: location.cursor,
        },
        controller.signal,
      )
      // A newer request was made meanwhile: its answer, not this one, is what is shown.
      if (request !== latest) return
      error.value = null
      rows.value = result.items
      if ('next' in result) {
        next.value = result.next
        total.value = result.items.length
        return
      }
      total.value = result.total
      // Past the last page (rows were removed meanwhile): show the last one instead.
      if (result.items.length === 0 && result.total > 0 && location.page > 1 && location.pageSize > 0) {
        void navigate({ ...location, page: Math.ceil(result.total / location.pageSize) }, 'replace')
      }
    } catch (failure) {
      if (request !== latest) return
      rows.value = []
      total.value = 0
      error.value = failure
    } finally {
      if (request === latest) {
        loading.value = false
        answered.value = true
        inFlight = null
      }
    }
  }

  function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
  }

  function listQueryOf(query: LocationQuery): Record<string, string> {
    return encode(decode(query))
  }

  /** Shows `next`: through the address when it is kept there, so history holds each step. */
  async function navigate(next: ListLocation<F>, mode: 'push' | 'replace' = 'push'): Promise<void> {
    const wanted = encode(next)
    if (!urlSync) {
      current.value = next
      syncDraft(next.filters)
      return load()
    }
    if (sameQuery(wanted, listQueryOf(route.query))) {
      // Nothing in the address changes (the same search again): ask the server again.
      current.value = next
      syncDraft(next.filters)
      return load()
    }
    // Keys that are not this list's stay as they are.
    const others: LocationQueryRaw = Object.fromEntries(
      Object.entries(route.query).filter(([key]) => !(key in defs) && !RESERVED.has(key)),
    )
    await router[mode]({ query: { ...others, ...wanted } })
  }

  if (urlSync) {
    watch(
      () => route.query,
      (query) => {
        if (route.path !== ownPath) return
        const wanted = decode(query)
        if (sameQuery(encode(wanted), encode(current.value))) return
        // Back or forward to a cursor page: the pages seen before it are those before it.
        const known = newerCursors.value.lastIndexOf(wanted.cursor)
        newerCursors.value = wanted.cursor === undefined ? [] : known >= 0 ? newerCursors.value.slice(0, known) : newerCursors.value
        current.value = wanted
        syncDraft(wanted.filters)
        void load()
      },
    )
  }

  onMounted(() => {
    void load()
  })

  const activeFilters = computed(() => Object.keys(filterQuery(current.value.filters)).length)
  const state = computed<ListState>(() => {
    if (error.value !== null) return 'error'
    if (!answered.value) return 'loading'
    if (rows.value.length > 0) return 'rows'
    return activeFilters.value > 0 ? 'no-match' : 'empty'
  })

  const snapshot = (): F => toRaw(draft) as F

  /** Any change of what is asked (filters, sort) starts again at the first page. */
  function firstPage(location: ListLocation<F>): ListLocation<F> {
    newerCursors.value = []
    return { ...location, page: 1, cursor: undefined }
  }

  return {
    columns: options.columns,
    filterDefs: defs,
    rowActions: options.rowActions ?? [],
    rowKey: options.rowKey,
    rowName: (row) => options.rowName?.(row) ?? String(row[options.rowKey]),
    paging: paging === false || cursorPaging ? null : { pageSizes },
    cursorPaging,
    cursor: computed(() => current.value.cursor),
    next,
    hasNewer: computed(() => current.value.cursor !== undefined),
    draft,
    applied: computed(() => current.value.filters),
    page: computed(() => current.value.page),
    pageSize: computed(() => current.value.pageSize),
    sort: computed(() => current.value.sort),
    rows,
    total,
    loading,
    error,
    state,
    activeFilters,
    apply: () => {
      const filters = Object.fromEntries(
        Object.entries(snapshot() as Record<string, unknown>).map(([k, v]) => [k, cloneValue(v)]),
      ) as F
      return navigate(firstPage({ ...current.value, filters }))
    },
    reset: () => navigate(firstPage({ ...current.value, filters: initialFilters() })),
    showOnly: (filters) => navigate(firstPage({ ...current.value, filters: { ...initialFilters(), ...filters } })),
    setPage: (page) => navigate({ ...current.value, page }),
    setPageSize: (pageSize) => navigate({ ...firstPage(current.value), pageSize }),
    setSort: (sort) => navigate({ ...firstPage(current.value), sort }),
    older: async () => {
      if (next.value === null) return
      newerCursors.value = [...newerCursors.value, current.value.cursor]
      await navigate({ ...current.value, cursor: next.value })
    },
    newer: async () => {
      const previous = newerCursors.value[newerCursors.value.length - 1]
      newerCursors.value = newerCursors.value.slice(0, -1)
      await navigate({ ...current.value, cursor: previous })
    },
    newest: () => navigate(firstPage(current.value)),
    reload: load,
  }
}
