/**
 * A list page's filters, declared once each: the value's type and default, how it is
 * written to and read back from the URL (so back, forward and reload restore it), and
 * how the filter bar shows it. `ListPage` renders each kind with its own Element Plus
 * input; a page never names a component by string.
 */

/** What a tree filter offers: the shape of Element Plus's tree select data. */
export interface FilterTreeNode {
  id: string
  name: string
  children?: FilterTreeNode[]
}

export interface FilterChoice<T extends string> {
  value: T
  /** Already in the current language (the page's `t()`), so it follows a switch. */
  label: string
}

interface FilterBase<T> {
  /** The value when nothing is chosen; left out of the URL. */
  readonly initial: T
  /** The value from the URL (`undefined` when absent); anything malformed reads as `initial`. */
  parse(raw: string | undefined): T
  /** The URL form, or `undefined` to leave the key out (the initial value). */
  format(value: T): string | undefined
  /** i18n key: the placeholder or label shown in the filter bar. */
  readonly label: string
  readonly testId?: string
  /** Stays in the toolbar on a phone (the search box); the others fold into a drawer. */
  readonly primary?: boolean
  /** Width in the desktop filter bar, in px. */
  readonly width?: number
  /** Shown only when this answers true (a lookup the person may not read). */
  readonly visible?: () => boolean
  /** Greyed out while this answers true for the filters being edited. */
  readonly disabled?: (draft: Readonly<Record<string, unknown>>) => boolean
}

/** Free text, applied with Enter or the search button. */
export interface TextFilter extends FilterBase<string> {
  readonly kind: 'text'
}

/** One of a fixed set of values, applied on choosing. */
export interface ChoiceFilter<T extends string> extends FilterBase<T | null> {
  readonly kind: 'choice'
  readonly choices: () => readonly FilterChoice<T>[]
}

/** One node of a tree (a department), by id, applied on choosing. */
export interface TreeFilter extends FilterBase<string | null> {
  readonly kind: 'tree'
  readonly tree: () => FilterTreeNode[]
}

/** A checkbox, applied on ticking. */
export interface FlagFilter extends FilterBase<boolean> {
  readonly kind: 'flag'
}

/** A time span as two local date-times (`YYYY-MM-DDTHH:mm:ss`), applied on choosing. */
export interface DateTimeRangeFilter extends FilterBase<[string, string] | null> {
  readonly kind: 'datetime-range'
  /** i18n key of the end's placeholder; `label` is the start's. */
  readonly endLabel: string
}

/** A span of calendar days (`YYYY-MM-DD`, both included), applied on choosing. */
export interface DateRangeFilter extends FilterBase<[string, string] | null> {
  readonly kind: 'date-range'
  /** i18n key of the end's placeholder; `label` is the start's. */
  readonly endLabel: string
}

/** One person, by id, picked by searching the company directory; applied on choosing. */
export interface PersonFilter extends FilterBase<string | null> {
  readonly kind: 'person'
}

export type FilterDef =
  | TextFilter
  | PersonFilter
  | DateRangeFilter
  | ChoiceFilter<string>
  | TreeFilter
  | FlagFilter
  | DateTimeRangeFilter

export type FilterDefs = Record<string, FilterDef>

/** The values of a set of filters, typed by their declarations. */
export type FilterValues<D extends FilterDefs> = { [K in keyof D]: D[K]['initial'] }

type Ui<F extends FilterBase<unknown>> = Pick<F, 'label' | 'testId' | 'primary' | 'width' | 'visible' | 'disabled'>

export function textFilter(ui: Ui<TextFilter>): TextFilter {
  return {
    kind: 'text',
    initial: '',
    parse: (raw) => raw ?? '',
    format: (value) => (value.trim() === '' ? undefined : value.trim()),
    ...ui,
  }
}

export function choiceFilter<T extends string>(
  choices: () => readonly FilterChoice<T>[],
  ui: Ui<ChoiceFilter<T>>,
): ChoiceFilter<T> {
  return {
    kind: 'choice',
    choices,
    initial: null,
    parse: (raw) => choices().find((choice) => choice.value === raw)?.value ?? null,
    format: (value) => value ?? undefined,
    ...ui,
  }
}

export function treeFilter(tree: () => FilterTreeNode[], ui: Ui<TreeFilter>): TreeFilter {
  return {
    kind: 'tree',
    tree,
    initial: null,
    // Ids are not checked against the tree: it may not have loaded yet, and the
    // server answers an unknown id with an empty page, which the list then says.
    parse: (raw) => (raw === undefined || raw === '' ? null : raw),
    format: (value) => value ?? undefined,
    ...ui,
  }
}

export function flagFilter(initial: boolean, ui: Ui<FlagFilter>): FlagFilter {
  return {
    kind: 'flag',
    initial,
    parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : initial),
    format: (value) => (value === initial ? undefined : String(value)),
    ...ui,
  }
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

export function dateTimeRangeFilter(ui: Ui<DateTimeRangeFilter> & { endLabel: string }): DateTimeRangeFilter {
  return {
    kind: 'datetime-range',
    initial: null,
    parse: (raw) => {
      const [from, to, ...rest] = (raw ?? '').split('~')
      if (from === undefined || to === undefined || rest.length > 0) return null
      return LOCAL_DATE_TIME.test(from) && LOCAL_DATE_TIME.test(to) ? [from, to] : null
    },
    format: (value) => (value === null ? undefined : `${value[0]}~${value[1]}`),
    ...ui,
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

export function dateRangeFilter(ui: Ui<DateRangeFilter> & { endLabel: string }): DateRangeFilter {
  return {
    kind: 'date-range',
    initial: null,
    parse: (raw) => {
      const [from, to, ...rest] = (raw ?? '').split('~')
      if (from === undefined || to === undefined || rest.length > 0) return null
      return DATE.test(from) && DATE.test(to) && from <= to ? [from, to] : null
    },
    format: (value) => (value === null ? undefined : `${value[0]}~${value[1]}`),
    ...ui,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function personFilter(ui: Ui<PersonFilter>): PersonFilter {
  return {
    kind: 'person',
    initial: null,
    parse: (raw) => (raw !== undefined && UUID.test(raw) ? raw : null),
    format: (value) => value ?? undefined,
    ...ui,
  }
}
