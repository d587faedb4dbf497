import { computed, onMounted, reactive, ref, shallowRef, toRaw, watch, type Ref, type ShallowRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { FilterDefs, FilterValues } from './filters'
import type { ListColumn, PageOf, RowAction } from './types'

export type SortOrder = 'ascending' | 'descending'

/** The server's sort key and direction; null for the server's own order. */
export interface SortState {
  key: string
  order: SortOrder
}

/** What a list asks its endpoint for. */
export interface ListQuery<F> {
  filters: F
  /** Lists paged by number; always 1 for lists paged by cursor. */
  page: number
  pageSize: number
  /** The API's form: `name`, `-hireDate`; undefined for the server's default order. */
  sort: string | undefined
  /** Lists paged by cursor: the previous page's `nextCursor`; undefined for the first page. */
  after?: string
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
  load: (query: ListQuery<FilterValues<D>>, signal: AbortSignal) => Promise<PageOf<Row>>
  /**
   * `false` for endpoints that answer everything at once (a short catalogue).
   * `cursor: true` for endpoints that page by cursor (`after` / `nextCursor`: lists that
   * grow without bound, the audit log): previous and next instead of page numbers.
   */
  paging?: false | { pageSize?: number; pageSizes?: readonly number[]; cursor?: boolean }
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
  readonly paging: { pageSizes: readonly number[]; cursor: boolean } | null
  /** The filters as being edited in the filter bar; `apply()` makes them the query. */
  readonly draft: F
  /** The filters of the rows shown. */
  readonly applied: Readonly<Ref<F>>
  readonly page: Readonly<Ref<number>>
  readonly pageSize: Readonly<Ref<number>>
  readonly sort: Readonly<Ref<SortState | null>>
  readonly rows: Readonly<ShallowRef<readonly Row[]>>
  readonly total: Readonly<Ref<number>>
  /** Paged by cursor: `total` is an estimate. */
  readonly totalIsEstimate: Readonly<Ref<boolean>>
  /** Paged by cursor: there is a page before this one / after it. */
  readonly hasPreviousPage: Readonly<Ref<boolean>>
  readonly hasNextPage: Readonly<Ref<boolean>>
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
  /** Paged by cursor: the page after this one, and back to the one before. */
  nextPage(): Promise<void>
  previousPage(): Promise<void>
  setPageSize(pageSize: number): Promise<void>
  setSort(sort: SortState | null): Promise<void>
  /** Asks again for what is shown: after a change, or as the error state's Retry. */
  reload(): Promise<void>
}

interface ListLocation<F> {
  filters: F
  page: number
  pageSize: number
  sort: SortState | null
  /** Paged by cursor: where the page starts; null for the first page. */
  after: string | null
}

const DEFAULT_PAGE_SIZES = [10, 20, 50, 100] as const
const RESERVED = new Set(['page', 'pageSize', 'sort', 'after'])

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
  const pageSizes = options.paging === false ? [] : (options.paging?.pageSizes ?? DEFAULT_PAGE_SIZES)
  const defaultPageSize = options.paging === false ? 0 : (options.paging?.pageSize ?? 20)
  const cursorPaging = options.paging !== false && options.paging?.cursor === true
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
    return {
      filters,
      page: options.paging === false || cursorPaging ? 1 : (positiveInt(firstString(query.page)) ?? 1),
      pageSize: size !== null && pageSizes.includes(size) ? size : defaultPageSize,
      sort,
      after: cursorPaging ? (firstString(query.after) ?? null) : null,
    }
  }

  function encode(location: ListLocation<F>): Record<string, string> {
    const query = filterQuery(location.filters)
    if (location.page !== 1) query.page = String(location.page)
    if (location.pageSize !== defaultPageSize) query.pageSize = String(location.pageSize)
    const sort = sortParam(location.sort)
    if (sort !== undefined) query.sort = sort
    if (location.after !== null) query.after = location.after
    return query
  }

  const current = shallowRef<ListLocation<F>>(
    urlSync ? decode(route.query) : { filters: initialFilters(), page: 1, pageSize: defaultPageSize, sort: null, after: null },
  )
  const draft = reactive(
    Object.fromEntries(Object.entries(current.value.filters as Record<string, unknown>).map(([k, v]) => [k, cloneValue(v)])),
  ) as F

  const rows = shallowRef<readonly Row[]>([])
  const total = ref(0)
  const totalIsEstimate = ref(false)
  const nextCursor = ref<string | null>(null)
  /**
   * Paged by cursor: the `after` of each page shown before this one, so "previous" can
   * go back; a cursor only leads forward. Lost on a reload, when "previous" goes to the
   * first page instead.
   */
  const previousCursors: Array<string | null> = []
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
      const query: ListQuery<F> = {
        filters: location.filters,
        page: location.page,
        pageSize: location.pageSize,
        sort: sortParam(location.sort),
      }
      if (location.after !== null) query.after = location.after
      const result = await options.load(query, controller.signal)
      // A newer request was made meanwhile: its answer, not this one, is what is shown.
      if (request !== latest) return
      error.value = null
      rows.value = result.items
      total.value = result.total
      totalIsEstimate.value = result.totalIsEstimate === true
      nextCursor.value = result.nextCursor ?? null
      // Past the last page (rows were removed meanwhile): show the last one instead.
      if (result.items.length === 0 && result.total > 0 && location.page > 1 && location.pageSize > 0) {
        void navigate({ ...location, page: Math.ceil(result.total / location.pageSize) }, 'replace')
      }
    } catch (failure) {
      if (request !== latest) return
      rows.value = []
      total.value = 0
      nextCursor.value = null
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

  /**
   * Keeps the cursors behind the current page in step with a move to `next`: a step
   * forward to the cursor this page offered remembers where it came from, a step back to the
   * last remembered one forgets it, anything else (new filters, a sort, a typed address)
   * starts over.
   */
  function followCursor(from: ListLocation<F>, next: ListLocation<F>): void {
    if (!cursorPaging || next.after === from.after) return
    if (next.after !== null && next.after === nextCursor.value) previousCursors.push(from.after)
    else if (previousCursors.length > 0 && previousCursors[previousCursors.length - 1] === next.after) previousCursors.pop()
    else previousCursors.length = 0
  }

  /** Shows `next`: through the address when it is kept there, so history holds each step. */
  async function navigate(next: ListLocation<F>, mode: 'push' | 'replace' = 'push'): Promise<void> {
    const wanted = encode(next)
    if (!urlSync) {
      followCursor(current.value, next)
      current.value = next
      syncDraft(next.filters)
      return load()
    }
    if (sameQuery(wanted, listQueryOf(route.query))) {
      // Nothing in the address changes (the same search again): ask the server again.
      followCursor(current.value, next)
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
        const next = decode(query)
        if (sameQuery(encode(next), encode(current.value))) return
        followCursor(current.value, next)
        current.value = next
        syncDraft(next.filters)
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

  return {
    columns: options.columns,
    filterDefs: defs,
    rowActions: options.rowActions ?? [],
    rowKey: options.rowKey,
    rowName: (row) => options.rowName?.(row) ?? String(row[options.rowKey]),
    paging: options.paging === false ? null : { pageSizes, cursor: cursorPaging },
    draft,
    applied: computed(() => current.value.filters),
    page: computed(() => current.value.page),
    pageSize: computed(() => current.value.pageSize),
    sort: computed(() => current.value.sort),
    rows,
    total,
    totalIsEstimate,
    hasPreviousPage: computed(() => current.value.after !== null),
    hasNextPage: computed(() => nextCursor.value !== null),
    loading,
    error,
    state,
    activeFilters,
    apply: () => {
      const filters = Object.fromEntries(
        Object.entries(snapshot() as Record<string, unknown>).map(([k, v]) => [k, cloneValue(v)]),
      ) as F
      return navigate({ ...current.value, filters, page: 1, after: null })
    },
    reset: () => navigate({ ...current.value, filters: initialFilters(), page: 1, after: null }),
    showOnly: (filters) => navigate({ ...current.value, filters: { ...initialFilters(), ...filters }, page: 1, after: null }),
    setPage: (page) => navigate({ ...current.value, page }),
    nextPage: async () => {
      if (nextCursor.value === null) return
      await navigate({ ...current.value, after: nextCursor.value })
    },
    previousPage: async () => {
      if (current.value.after === null) return
      const before = previousCursors.length > 0 ? previousCursors[previousCursors.length - 1]! : null
      await navigate({ ...current.value, after: before })
    },
    setPageSize: (pageSize) => navigate({ ...current.value, pageSize, page: 1, after: null }),
    setSort: (sort) => navigate({ ...current.value, sort, page: 1, after: null }),
    reload: load,
  }
}
