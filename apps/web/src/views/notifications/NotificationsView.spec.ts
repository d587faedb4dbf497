import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { AppNotification } from '@/api/platform/notifications'
import { useAuthStore } from '@/stores/auth'
import { useNotificationsStore } from '@/stores/notifications'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { fakeNotificationStreams } from '@/testing/notification-stream'
import { blankRouter, testApp } from '@/testing/plugins'
import NotificationsView from './NotificationsView.vue'

const idOf = (n: number) => `0190a000-0000-7000-8000-0000000001${String(99 - n).padStart(2, '0')}`

function notification(n: number, readAt: string | null = null): AppNotification {
  return {
    id: idOf(n),
    kind: 'oa.request.approved',
    title: `你的申请 OA-2026-0000${n} 已通过`,
    body: null,
    link: `/oa/requests/${n}`,
    sourceType: null,
    sourceId: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    readAt,
  }
}

/** The server's pages: newest first, 2 to a page here, cut by `before` (an id). */
function pages(all: AppNotification[]) {
  return (request: Request) => {
    const query = new URL(request.url).searchParams
    const unreadOnly = query.get('unreadOnly') === 'true'
    const before = query.get('before')
    const matching = all.filter((item) => (!unreadOnly || item.readAt === null) && (before === null || item.id < before))
    const items = matching.slice(0, 2)
    const unread = all.filter((item) => item.readAt === null).length
    return jsonResponse(200, { items, unread, total: unreadOnly ? unread : all.length, nextBefore: matching.length > 2 ? items[1]!.id : null })
  }
}

let wrapper: VueWrapper | undefined

/** The page at `path`, as the app mounts it (its route is real, so the list's address can change). */
async function openPage(path: string) {
  const app = testApp(blankRouter([{ path: '/notifications', name: 'notifications', component: NotificationsView }]))
  await app.router.push(path)
  wrapper = mount(NotificationsView, { global: { plugins: app.plugins }, attachTo: document.body })
  await flushPromises()
  return app
}
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

// Element Plus also renders a column's cell once without a row, to learn its columns.
const rows = () => wrapper!.findAll('.el-table__body [data-testid^="notification-row-"]').map((row) => row.attributes('data-testid')!.slice('notification-row-'.length))

describe('NotificationsView', () => {
  it('pages by the cursor: next and previous, the cursor kept in the address', async () => {
    const all = [1, 2, 3, 4, 5].map((n) => notification(n, n === 2 ? '2026-12-01T09:00:00.000Z' : null))
    const server = fakeServer({ 'GET /api/v1/platform/notifications': pages(all), 'GET /api/v1/platform/company': () => jsonResponse(404, {}) })
    const mounted = await openPage('/notifications')
    expect(rows()).toEqual([idOf(1), idOf(2)])
    expect(wrapper!.get('[data-testid="notifications-previous"]').attributes('disabled')).toBeDefined()

    await wrapper!.get('[data-testid="notifications-next"]').trigger('click')
    await flushPromises()
    expect(rows()).toEqual([idOf(3), idOf(4)])
    expect(mounted.router.currentRoute.value.query.after).toBe(idOf(2))
    await wrapper!.get('[data-testid="notifications-next"]').trigger('click')
    await flushPromises()
    expect(rows()).toEqual([idOf(5)])
    expect(wrapper!.get('[data-testid="notifications-next"]').attributes('disabled')).toBeDefined()

    await wrapper!.get('[data-testid="notifications-previous"]').trigger('click')
    await flushPromises()
    expect(rows()).toEqual([idOf(3), idOf(4)])
    await wrapper!.get('[data-testid="notifications-previous"]').trigger('click')
    await flushPromises()
    expect(rows()).toEqual([idOf(1), idOf(2)])
    expect(mounted.router.currentRoute.value.query.after).toBeUndefined()

    const befores = server.callsTo('GET /api/v1/platform/notifications').map((request) => new URL(request.url).searchParams.get('before'))
    expect(befores).toEqual([null, idOf(2), idOf(4), idOf(2), null])
  })

  it('shows only the unread ones when asked, from the first page, and marks one read', async () => {
    const all = [1, 2, 3].map((n) => notification(n, n === 1 ? '2026-12-01T09:00:00.000Z' : null))
    const server = fakeServer({
      'GET /api/v1/platform/notifications': pages(all),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
      [`POST /api/v1/platform/notifications/${idOf(2)}/read`]: () => {
        all[1] = { ...all[1]!, readAt: '2026-12-01T10:00:00.000Z' }
        return new Response(null, { status: 204 })
      },
    })
    const mounted = await openPage(`/notifications?after=${idOf(1)}`)

    await wrapper!.get('[data-testid="notifications-unread-only"] input').setValue(true)
    await flushPromises()
    expect(rows()).toEqual([idOf(2), idOf(3)])
    const last = server.callsTo('GET /api/v1/platform/notifications').at(-1)!
    expect(new URL(last.url).searchParams.get('unreadOnly')).toBe('true')
    expect(new URL(last.url).searchParams.get('before')).toBeNull()
    expect(mounted.router.currentRoute.value.query).toEqual({ unreadOnly: 'true' })

    await wrapper!.get(`[data-testid="notification-read-${idOf(2)}"]`).trigger('click')
    await flushPromises()
    expect(server.callsTo(`POST /api/v1/platform/notifications/${idOf(2)}/read`)).toHaveLength(1)
    expect(rows()).toEqual([idOf(3)])
  })

  it('opens a notification from its title, marking it read; one without an app link reads as plain text', async () => {
    const all = [notification(1), { ...notification(2), link: null }]
    const server = fakeServer({
      'GET /api/v1/platform/notifications': pages(all),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
      [`POST /api/v1/platform/notifications/${idOf(1)}/read`]: () => new Response(null, { status: 204 }),
    })
    const app = testApp(
      blankRouter([
        { path: '/notifications', name: 'notifications', component: NotificationsView },
        { path: '/oa/requests/:id', name: 'request', component: { template: '<p>request</p>' } },
      ]),
    )
    await app.router.push('/notifications')
    wrapper = mount(NotificationsView, { global: { plugins: app.plugins }, attachTo: document.body })
    await flushPromises()

    const title = wrapper.get(`.el-table__body [data-testid="notification-title-${idOf(1)}"]`)
    expect(title.element.tagName).toBe('A')
    expect(title.attributes('href')).toBe('/oa/requests/1')
    expect(wrapper.find(`.el-table__body [data-testid="notification-title-${idOf(2)}"]`).exists()).toBe(false)
    await title.trigger('click')
    await flushPromises()
    expect(server.callsTo(`POST /api/v1/platform/notifications/${idOf(1)}/read`)).toHaveLength(1)
    expect(app.router.currentRoute.value.fullPath).toBe('/oa/requests/1')
  })

  it('shows what arrives live at the top of the first page', async () => {
    const all = [notification(2)]
    const streams = fakeNotificationStreams()
    fakeServer({ ...streams.routes, 'GET /api/v1/platform/notifications': pages(all), 'GET /api/v1/platform/company': () => jsonResponse(404, {}) })
    await openPage('/notifications')
    useAuthStore().keepTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })
    useNotificationsStore().connect()
    await vi.waitFor(() => expect(streams.count).toBe(1))
    expect(rows()).toEqual([idOf(2)])

    all.unshift(notification(1))
    streams.send('notification', { items: [notification(1)], unread: 2 })
    await vi.waitFor(() => expect(rows()).toEqual([idOf(1), idOf(2)]))
    useNotificationsStore().disconnect()
  })
})
