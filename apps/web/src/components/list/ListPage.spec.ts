import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { ApiError } from '@/api/problem'
import { bodyText, mountViewAt } from '@/testing/mount-view'
import { setViewportWidth } from '@/testing/viewport'
import { choiceFilter, flagFilter, textFilter } from './filters'
import ListPage from './ListPage.vue'
import type { PageOf, RowAction } from './types'
import { useListPage, type ListQuery } from './use-list-page'

interface Thing extends Record<string, unknown> {
  id: string
  name: string
  colour: 'red' | 'blue'
  note: string | null
}

const thing = (n: number, extra: Partial<Thing> = {}): Thing => ({ id: `t${n}`, name: `物品${n}`, colour: 'red', note: null, ...extra })

type Query = ListQuery<{ search: string; colour: 'red' | 'blue' | null; archived: boolean }>

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

/** A list page as a page would declare it; `load` decides how each request is answered. */
function harness(load: (query: Query) => Promise<PageOf<Thing>>, rowActions: RowAction<Thing>[] = [], cursor = false) {
  return defineComponent({
    setup() {
      const list = useListPage({
        ...(cursor ? { paging: { cursor: true } } : {}),
        rowKey: 'id',
        rowName: (row: Thing) => row.id,
        columns: [
          { key: 'name', label: 'org.people.name', prop: 'name', sortable: true },
          { key: 'colour', label: 'org.people.status', prop: 'colour' },
          { key: 'note', label: 'org.roles.description', prop: 'note', minor: true },
        ],
        filters: {
          search: textFilter({ label: 'org.people.searchPlaceholder', testId: 'things-search', primary: true }),
          colour: choiceFilter(() => [
            { value: 'red' as const, label: 'Red' },
            { value: 'blue' as const, label: 'Blue' },
          ], { label: 'org.people.status', testId: 'things-colour' }),
          archived: flagFilter(false, { label: 'org.departments.showArchived', testId: 'things-archived' }),
        },
        rowActions,
        load,
      })
      return () => h(ListPage<Thing>, { list, title: 'Things', testId: 'things' })
    },
  })
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function open(path: string, view: ReturnType<typeof harness>) {
  const mounted = await mountViewAt(path, view)
  wrapper = mounted.wrapper
  await flushPromises()
  return { wrapper: mounted.wrapper, router: mounted.router }
}

const lastQuery = (load: { mock: { lastCall?: unknown[] } }) => load.mock.lastCall?.[0]

const tableText = () => wrapper!.get('[data-testid="things-table"]').text()

describe('ListPage + useListPage', () => {
  it('reads filters, page and sort from the address, and writes what the person applies back to it', async () => {
    const load = vi.fn(async (_query: Query) => ({ items: [thing(1)], total: 45 }))
    const { router } = await open('/dashboard?search=铁&colour=blue&page=2&sort=-name&tab=keep', harness(load))

    expect(lastQuery(load)).toEqual({ filters: { search: '铁', colour: 'blue', archived: false }, page: 2, pageSize: 20, sort: '-name' })
    expect((wrapper!.get('input[data-testid="things-search"]').element as HTMLInputElement).value).toBe('铁')

    await wrapper!.get('input[data-testid="things-search"]').setValue('铜')
    await wrapper!.get('[data-testid="things-apply"]').trigger('click')
    await flushPromises()
    // A new search starts at page one; keys that are not the list's stay.
    expect(router.currentRoute.value.query).toEqual({ search: '铜', colour: 'blue', sort: '-name', tab: 'keep' })
    expect(lastQuery(load)).toEqual(expect.objectContaining({ filters: { search: '铜', colour: 'blue', archived: false }, page: 1 }))

    await wrapper!.get('[data-testid="things-pagination"] .btn-next').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.page).toBe('2')
    expect(lastQuery(load)).toEqual(expect.objectContaining({ page: 2 }))
  })

  it('goes back to the filters of the previous step with the browser\'s back button', async () => {
    const load = vi.fn(async (_query: Query) => ({ items: [thing(1)], total: 1 }))
    const { router } = await open('/dashboard', harness(load))

    await wrapper!.get('input[data-testid="things-search"]').setValue('铜')
    await wrapper!.get('[data-testid="things-apply"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ search: '铜' })

    router.back()
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({}))
    await flushPromises()
    expect(lastQuery(load)).toEqual(expect.objectContaining({ filters: { search: '', colour: null, archived: false } }))
    expect((wrapper!.get('input[data-testid="things-search"]').element as HTMLInputElement).value).toBe('')
    expect(load).toHaveBeenCalledTimes(3)
  })

  it('shows the answer to the latest request, even when an earlier one answers after it', async () => {
    const answers: Deferred<PageOf<Thing>>[] = []
    const load = vi.fn((_query: Query) => {
      const answer = deferred<PageOf<Thing>>()
      answers.push(answer)
      return answer.promise
    })
    await open('/dashboard', harness(load))

    await wrapper!.get('input[data-testid="things-search"]').setValue('新')
    await wrapper!.get('[data-testid="things-apply"]').trigger('click')
    await flushPromises()
    expect(answers).toHaveLength(2)

    answers[1]!.resolve({ items: [thing(2, { name: '新的结果' })], total: 1 })
    await flushPromises()
    answers[0]!.resolve({ items: [thing(1, { name: '旧的结果' })], total: 1 })
    await flushPromises()

    expect(tableText()).toContain('新的结果')
    expect(tableText()).not.toContain('旧的结果')
  })

  it('tells "nothing here yet" apart from "no match for these filters", which it can clear', async () => {
    const load = vi.fn(async (_query: Query) => ({ items: [] as Thing[], total: 0 }))
    const { router } = await open('/dashboard', harness(load))
    expect(wrapper!.find('[data-testid="things-empty"]').exists()).toBe(true)
    expect(wrapper!.find('[data-testid="things-no-match"]').exists()).toBe(false)

    await router.push('/dashboard?colour=red')
    await flushPromises()
    expect(wrapper!.find('[data-testid="things-empty"]').exists()).toBe(false)
    expect(wrapper!.get('[data-testid="things-no-match"]').text()).toContain('没有符合这些筛选条件的记录')

    await wrapper!.get('[data-testid="things-clear-filters"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(wrapper!.find('[data-testid="things-empty"]').exists()).toBe(true)
  })

  it('shows a failure in place of the rows, with the request id of a server fault and a retry, not a toast', async () => {
    const load = vi
      .fn<(query: Query) => Promise<PageOf<Thing>>>()
      .mockRejectedValueOnce(
        new ApiError({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong.', requestId: 'req-77' }),
      )
      .mockResolvedValue({ items: [thing(1)], total: 1 })
    await open('/dashboard', harness(load))

    const failure = wrapper!.get('[data-testid="things-error"]')
    expect(failure.text()).toContain('Something went wrong.')
    expect(failure.text()).toContain('req-77')
    expect(document.querySelector('.el-message')).toBeNull()
    expect(wrapper!.find('[data-testid="things-pagination"]').exists()).toBe(false)

    await wrapper!.get('[data-testid="things-retry"]').trigger('click')
    await flushPromises()
    expect(wrapper!.find('[data-testid="things-error"]').exists()).toBe(false)
    expect(tableText()).toContain('物品1')
  })

  it('sorts on the server from the first page and keeps the sort in the address', async () => {
    const load = vi.fn(async (_query: Query) => ({ items: [thing(1)], total: 1 }))
    const { router } = await open('/dashboard?page=3', harness(load))

    await wrapper!.get('th .caret-wrapper').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ sort: 'name' })
    expect(lastQuery(load)).toEqual(expect.objectContaining({ sort: 'name', page: 1 }))
  })

  it('keeps two actions on the row and folds the rest into "More", leaving out what the person may not do', async () => {
    const run = vi.fn()
    const actions: RowAction<Thing>[] = [
      { key: 'edit', label: 'common.edit', testId: 'thing-edit', run },
      { key: 'paint', label: 'org.people.disable', testId: 'thing-paint', permission: 'org:person:disable', run },
      { key: 'blue-only', label: 'org.people.enable', testId: 'thing-blue', when: (row) => row.colour === 'blue', run },
      { key: 'reset', label: 'org.people.resetPassword', testId: 'thing-reset', run },
      { key: 'leave', label: 'org.people.leave', testId: 'thing-leave', run },
    ]
    const load = async () => ({ items: [thing(1)], total: 1 })
    const mounted = await mountViewAt('/dashboard', harness(load, actions), ['org:person:read'])
    wrapper = mounted.wrapper
    await flushPromises()

    const row = wrapper.get('.el-table__body-wrapper .el-table__row')
    // No permission to paint, and the blue-only action does not apply to a red row.
    expect(row.find('[data-testid="thing-paint-t1"]').exists()).toBe(false)
    expect(document.querySelector('[data-testid="thing-blue-t1"]')).toBeNull()
    expect(row.find('[data-testid="thing-edit-t1"]').exists()).toBe(true)
    expect(row.find('[data-testid="thing-reset-t1"]').exists()).toBe(true)
    expect(row.find('[data-testid="thing-leave-t1"]').exists()).toBe(false)
    expect(row.get('[data-testid="things-more-t1"]').text()).toBe('更多')

    // The folded actions are built when "More" opens its menu.
    expect(document.querySelector('[data-testid="thing-leave-t1"]')).toBeNull()
    await row.get('[data-testid="things-more-t1"]').trigger('click')
    const leave = await vi.waitFor(() => {
      const item = document.querySelector<HTMLElement>('[data-testid="thing-leave-t1"]')
      if (item === null) throw new Error('"More" did not open its menu')
      return item
    })
    leave.click()
    await flushPromises()
    expect(run).toHaveBeenCalledWith(thing(1))
  })

  it('on a phone folds all but the search into a drawer, drops minor columns and applies from the drawer', async () => {
    setViewportWidth(390)
    const load = vi.fn(async (_query: Query) => ({ items: [thing(1, { note: '备注' })], total: 1 }))
    const { router } = await open('/dashboard', harness(load))

    expect(wrapper!.find('input[data-testid="things-search"]').exists()).toBe(true)
    expect(wrapper!.find('[data-testid="things-colour"]').exists()).toBe(false)
    expect(tableText()).not.toContain('备注')

    await wrapper!.get('[data-testid="things-filters-toggle"]').trigger('click')
    await flushPromises()
    const drawer = document.querySelector('[data-testid="things-filters"]')!
    expect(drawer).not.toBeNull()
    drawer.querySelector<HTMLElement>('[data-testid="things-archived"] input')!.click()
    await flushPromises()
    // Nothing is asked until the drawer's button says so.
    expect(load).toHaveBeenCalledTimes(1)
    document.querySelector<HTMLElement>('[data-testid="things-filters-apply"]')!.click()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ archived: 'true' })
    expect(load).toHaveBeenCalledTimes(2)
    expect(bodyText()).toContain('筛选')
  })

  it('pages a list paged by cursor forward and back, keeping the cursor in the address and starting over on new filters', async () => {
    // Each page's cursor is the name of the page after it.
    const load = vi.fn(async (query: Query) => {
      const page = query.after === undefined ? 1 : Number(query.after.slice(1))
      return { items: [thing(page)], total: 3, nextCursor: page < 3 ? `p${page + 1}` : null }
    })
    const { router } = await open('/dashboard', harness(load, [], true))
    const previous = () => wrapper!.get('[data-testid="things-previous"]')
    const next = () => wrapper!.get('[data-testid="things-next"]')
    expect(previous().attributes('disabled')).toBeDefined()
    expect(wrapper!.find('[data-testid="things-pagination"] .el-pager').exists()).toBe(false)

    await next().trigger('click')
    await flushPromises()
    await next().trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ after: 'p3' })
    expect(lastQuery(load)).toEqual(expect.objectContaining({ after: 'p3', page: 1 }))
    expect(tableText()).toContain('物品3')
    expect(next().attributes('disabled')).toBeDefined()

    await previous().trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ after: 'p2' })
    await previous().trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(lastQuery(load)).toEqual(expect.not.objectContaining({ after: expect.anything() }))

    await next().trigger('click')
    await flushPromises()
    await wrapper!.get('input[data-testid="things-search"]').setValue('铜')
    await wrapper!.get('[data-testid="things-apply"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ search: '铜' })
    expect(previous().attributes('disabled')).toBeDefined()
  })

  it('goes back to the first page from a cursor it was reloaded at', async () => {
    const load = vi.fn(async (query: Query) => ({ items: [thing(query.after === undefined ? 1 : 2)], total: 2, totalIsEstimate: true, nextCursor: null }))
    const { router } = await open('/dashboard?after=p2', harness(load, [], true))
    expect(lastQuery(load)).toEqual(expect.objectContaining({ after: 'p2' }))
    expect(wrapper!.get('[data-testid="things-total"]').text()).toBe('约 2 条')
    await wrapper!.get('[data-testid="things-previous"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(tableText()).toContain('物品1')
  })
})
