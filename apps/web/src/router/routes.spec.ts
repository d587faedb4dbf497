import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import App from '@/App.vue'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { meFixture, meRoute } from '@/testing/me'
import { testApp } from '@/testing/plugins'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/auth/session'
import { setViewportWidth } from '@/testing/viewport'
import { fakeNotificationStreams } from '@/testing/notification-stream'
import { installGuards } from './guard'
import { createAppRouter } from './index'

async function openApp(path: string, me: Me | null = meFixture()) {
  const streams = fakeNotificationStreams()
  fakeServer({
    ...streams.routes,
    'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    'GET /api/v1/me': meRoute(me ?? meFixture()),
    'GET /api/v1/org/departments': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
    'GET /api/health': () => jsonResponse(200, { status: 'ok', uptimeSeconds: 42 }),
    'GET /api/ready': () => jsonResponse(200, { status: 'ok', checks: {} }),
    'GET /api/v1/platform/company': () =>
      jsonResponse(200, {
        id: '0190a000-0000-7000-8000-000000000001',
        name: '示例制造',
        legalName: '示例制造有限公司',
        currency: 'CNY',
        timeZone: 'Asia/Shanghai',
        locale: 'zh-CN',
        version: 1,
        updatedAt: '2026-01-05T08:00:00.000Z',
      }),
  })
  const { plugins, router, pinia } = testApp(createAppRouter(createMemoryHistory()))
  if (me !== null) useAuthStore().keepTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })
  installGuards(router, pinia)
  await router.push(path)
  const wrapper = mount(App, { global: { plugins }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, streams }
}

describe('route table', () => {
  it('opens the dashboard inside the shell from /', async () => {
    const { wrapper, router } = await openApp('/')

    expect(router.currentRoute.value.name).toBe('dashboard')
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dashboard"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="company-name"]').text()).toBe('示例制造')
    expect(wrapper.get('[data-testid="menu-item-dashboard"]').classes()).toContain('is-active')
  })

  it('shows the 404 page, inside the shell, for an unknown address', async () => {
    const { wrapper, router } = await openApp('/no/such/page')

    expect(router.currentRoute.value.name).toBe('not-found')
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="not-found"]').text()).toContain('/no/such/page')
  })

  it('shows the 404 page for a record address whose id is not an id, without asking the server', async () => {
    for (const path of ['/crm/customers/undefined', '/oa/requests/123', '/crm/contracts/x/edit', '/erp/sales-orders/null']) {
      const { wrapper, router } = await openApp(path)
      expect(router.currentRoute.value.name).toBe('not-found')
      expect(wrapper.get('[data-testid="not-found"]').text()).toContain(path)
      wrapper.unmount()
    }
    const router = createAppRouter(createMemoryHistory())
    expect(router.resolve('/crm/contracts/01a2336e-4ae0-73c2-9307-e8b7b218c303').name).toBe('crm-contract')
    expect(router.resolve('/crm/contracts/new').name).toBe('crm-contract-new')
  })

  it('shows the login page without the shell', async () => {
    const { wrapper } = await openApp('/login', null)

    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
  })

  it('sends an anonymous visitor of / to the login page', async () => {
    const { wrapper, router } = await openApp('/', null)
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true)
  })

  it('shows the signed-in person, their department and the server menu in the shell', async () => {
    const { wrapper } = await openApp('/dashboard')
    expect(wrapper.get('[data-testid="user-name"]').text()).toBe('王芳')
    expect(wrapper.get('[data-testid="user-department"]').text()).toBe('综合管理部')
    expect(wrapper.find('[data-testid="menu-group-org"]').exists()).toBe(true)
    // Not in this person's /me menu, though the route table has it.
    expect(wrapper.find('[data-testid="menu-group-system"]').exists()).toBe(false)
  })

  it('shows the denied view, inside the shell, for an org page the person may not open', async () => {
    const { wrapper, router } = await openApp('/org/roles', meFixture({ permissions: ['org:person:read'] }))
    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(wrapper.get('[data-testid="forbidden"]').text()).toContain('/org/roles')
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
  })

  it('builds the sidebar from /me alone: a menu the route table lacks is shown, with no fallback', async () => {
    const { wrapper } = await openApp(
      '/dashboard',
      meFixture({ menus: [{ key: 'crm', title: '客户关系', children: [{ key: 'crm-customers', title: '客户', path: '/crm/customers' }] }] }),
    )
    expect(wrapper.find('[data-testid="menu-item-crm-customers"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-item-dashboard"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('on a phone puts the menu in a drawer opened from the header, and closes it on navigating', async () => {
    setViewportWidth(390)
    const { wrapper, router } = await openApp('/dashboard')
    const drawer = () => document.querySelector<HTMLElement>('[data-testid="menu-drawer"]')

    expect(wrapper.find('.app-shell__aside').exists()).toBe(false)
    expect(drawer()).toBeNull()
    await wrapper.get('[data-testid="sidebar-toggle"]').trigger('click')
    await flushPromises()
    expect(drawer()).not.toBeNull()
    expect(wrapper.get('[data-testid="sidebar-toggle"]').attributes('aria-expanded')).toBe('true')

    drawer()!.querySelector<HTMLElement>('[data-testid="menu-item-dashboard"]')!.click()
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/dashboard')
    expect(wrapper.get('[data-testid="sidebar-toggle"]').attributes('aria-expanded')).toBe('false')

    await wrapper.get('[data-testid="sidebar-toggle"]').trigger('click')
    await flushPromises()
    drawer()!.querySelector<HTMLElement>('[data-testid="menu-item-org-departments"]')!.click()
    // The page's chunk is compiled on its first import: seconds on a busy machine when no
    // earlier spec in this worker loaded it, longer than waitFor's default second.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/org/departments'), { timeout: 15_000 })
    expect(wrapper.get('[data-testid="sidebar-toggle"]').attributes('aria-expanded')).toBe('false')
    wrapper.unmount()
  })

  it('keeps one notification stream for the signed-in app across pages, and ends it on sign-out', async () => {
    const { wrapper, router, streams } = await openApp('/dashboard')
    await vi.waitFor(() => expect(streams.open).toBe(1))

    await router.push('/org/departments')
    await router.push('/no/such/page')
    await router.push('/dashboard')
    await flushPromises()
    expect(streams.count).toBe(1)
    expect(streams.open).toBe(1)

    await useAuthStore().signOut()
    await router.push('/login')
    await vi.waitFor(() => expect(streams.open).toBe(0))
    expect(streams.count).toBe(1)
    wrapper.unmount()
  })
})
