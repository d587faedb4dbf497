import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent } from 'vue'
import { i18n } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import { useNotificationsStore } from '@/stores/notifications'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { fakeNotificationStreams } from '@/testing/notification-stream'
import { blankRouter, testApp } from '@/testing/plugins'
import { setViewportWidth } from '@/testing/viewport'
import NotificationBell from './NotificationBell.vue'

const Blank = defineComponent({ render: () => null })
const mounted: VueWrapper[] = []

afterEach(() => {
  useNotificationsStore().disconnect()
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  // Popovers and drawers are teleported to <body> and outlive their component here.
  document.body.innerHTML = ''
})
const MINUTE = 60_000
const idOf = (n: number) => `0190a000-0000-7000-8000-0000000000${String(90 - n).padStart(2, '0')}`

function notification(n: number, overrides: Record<string, unknown> = {}) {
  return {
    // UUIDv7 ids are in time order: the smaller n, the newer, the larger its id.
    id: idOf(n),
    kind: 'oa.task.assigned',
    title: `张伟 请你审批：用车申请 OA-2026-0000${n}`,
    body: null,
    link: `/oa/requests/${n}`,
    sourceType: 'oa.request',
    sourceId: String(n),
    createdAt: new Date(Date.now() - n * 5 * MINUTE).toISOString(),
    readAt: null,
    ...overrides,
  }
}

async function mountBell(items = [notification(1), notification(2, { readAt: '2026-12-01T08:00:00.000Z' })]) {
  const streams = fakeNotificationStreams({ 'notifications.unread': 1 })
  const server = fakeServer({
    ...streams.routes,
    'GET /api/v1/platform/notifications': () => jsonResponse(200, { items, unread: items.filter((item) => item.readAt === null).length, nextBefore: null }),
    [`POST /api/v1/platform/notifications/${idOf(1)}/read`]: () => new Response(null, { status: 204 }),
    'POST /api/v1/platform/notifications/read-all': () => jsonResponse(200, { marked: 1 }),
    'GET /api/v1/platform/company': () => jsonResponse(404, {}),
  })
  const router = blankRouter([
    { path: '/notifications', name: 'notifications', component: Blank },
    { path: '/oa/requests/:id', name: 'oa-request', component: Blank },
  ])
  const { plugins } = testApp(router)
  await router.push('/dashboard')
  useAuthStore().keepTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })
  const store = useNotificationsStore()
  store.connect()
  const wrapper = mount(NotificationBell, { props: { mobile: window.innerWidth < 768 }, global: { plugins }, attachTo: document.body })
  mounted.push(wrapper)
  await vi.waitFor(() => expect(streams.count).toBe(1))
  return { wrapper, router, streams, server, store }
}

const bell = () => document.querySelector<HTMLElement>('[data-testid="notification-bell"]')!
const panel = () => document.querySelector<HTMLElement>('[data-testid="notification-panel"]')
const item = (n: number) => document.querySelector<HTMLElement>(`[data-testid="notification-item-${idOf(n)}"]`)

async function openBell(): Promise<void> {
  bell().click()
  await flushPromises()
  await vi.waitFor(() => expect(panel()?.querySelector('[data-testid^="notification-item-"]')).toBeTruthy())
}

describe('NotificationBell', () => {
  it('shows the unread count as the stream tells it, without asking again', async () => {
    const { streams } = await mountBell()
    streams.ready(2)
    await vi.waitFor(() => expect(bell().dataset.unread).toBe('2'))
    expect(bell().textContent).toContain('2')
    expect(bell().getAttribute('aria-label')).toBe('通知，2 条未读')

    streams.send('notification', { items: [notification(3)], unread: 3 })
    await vi.waitFor(() => expect(bell().dataset.unread).toBe('3'))
    streams.send('badges', { 'notifications.unread': 0 })
    await vi.waitFor(() => expect(bell().dataset.unread).toBe('0'))
  })

  it('lists the newest with their title, how long ago, and a dot on the unread ones', async () => {
    await mountBell()
    await openBell()

    expect(item(1)!.textContent).toContain('张伟 请你审批：用车申请 OA-2026-00001')
    expect(item(1)!.querySelector('time')!.textContent).toBe('5分钟前')
    expect(item(1)!.dataset.unread).toBe('true')
    expect(item(1)!.querySelector('.notification-panel__dot--unread')).not.toBeNull()
    expect(item(2)!.dataset.unread).toBe('false')
    expect(item(2)!.querySelector('time')!.textContent).toBe('10分钟前')
  })

  it('puts a notification that arrives while open at the top', async () => {
    const { streams } = await mountBell()
    await openBell()
    streams.send('notification', { items: [notification(0, { title: '新的待办', createdAt: new Date().toISOString() })], unread: 2 })
    await vi.waitFor(() => expect(panel()!.querySelector('[data-testid="notification-title"]')!.textContent).toBe('新的待办'))
    expect(panel()!.querySelectorAll('[data-testid^="notification-item-"]')).toHaveLength(3)
  })

  it('marks one read when it is chosen, and opens its page', async () => {
    const { router, server, store } = await mountBell()
    await openBell()
    item(1)!.click()
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/oa/requests/1'))

    expect(server.callsTo(`POST /api/v1/platform/notifications/${idOf(1)}/read`)).toHaveLength(1)
    expect(store.unread).toBe(0)
    expect(store.latest.find((entry) => entry.id === idOf(1))!.readAt).not.toBeNull()
  })

  it('marks all read, and opens the notifications page from "see all"', async () => {
    const { router, server } = await mountBell()
    await openBell()
    panel()!.querySelector<HTMLElement>('[data-testid="notifications-read-all"]')!.click()
    await vi.waitFor(() => expect(bell().dataset.unread).toBe('0'))
    expect(server.callsTo('POST /api/v1/platform/notifications/read-all')).toHaveLength(1)
    expect(panel()!.querySelector('.notification-panel__dot--unread')).toBeNull()

    panel()!.querySelector<HTMLElement>('[data-testid="notifications-see-all"]')!.click()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notifications'))
  })

  it('speaks English when the interface does', async () => {
    i18n.global.locale.value = 'en'
    await mountBell()
    await openBell()
    expect(panel()!.querySelector('[data-testid="notifications-read-all"]')!.textContent!.trim()).toBe('Mark all read')
    expect(item(1)!.querySelector('time')!.textContent).toBe('5 minutes ago')
  })

  it('opens as a full-screen drawer on a phone', async () => {
    setViewportWidth(390)
    await mountBell()
    await openBell()
    const drawer = document.querySelector<HTMLElement>('[data-testid="notification-drawer"]')!
    expect(drawer.contains(panel())).toBe(true)
    expect(drawer.closest<HTMLElement>('.el-drawer')!.style.width).toBe('100%')
  })

  it('stops the stream and forgets the count when the session ends', async () => {
    const { streams, store } = await mountBell()
    streams.ready(4)
    await vi.waitFor(() => expect(bell().dataset.unread).toBe('4'))
    useAuthStore().forget()
    await vi.waitFor(() => expect(streams.open).toBe(0))
    expect(store.unread).toBe(0)
    expect(store.streamState).toBe('stopped')
  })
})
