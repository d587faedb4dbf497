import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { MenuNode } from '@/router/menu'
import { testApp } from '@/testing/plugins'
import SidebarMenu from './SidebarMenu.vue'

const tree: MenuNode[] = [
  { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
  {
    key: 'crm',
    title: '客户关系',
    icon: 'User',
    children: [
      { key: 'crm-customers', title: '客户', path: '/crm/customers' },
      { key: 'crm-contracts', title: '合同', path: '/crm/contracts' },
    ],
  },
]

function mountMenu(activePath: string) {
  return mount(SidebarMenu, {
    props: { items: tree, activePath },
    global: { plugins: testApp().plugins },
  })
}

describe('SidebarMenu', () => {
  it('renders every entry of the tree, groups with their children, titles translated', () => {
    const wrapper = mountMenu('/dashboard')

    expect(wrapper.get('[data-testid="menu-item-dashboard"]').text()).toBe('工作台')
    const group = wrapper.get('[data-testid="menu-group-crm"]')
    expect(group.text()).toContain('客户关系')
    expect(group.get('[data-testid="menu-item-crm-customers"]').text()).toBe('客户')
    expect(group.get('[data-testid="menu-item-crm-contracts"]').text()).toBe('合同')
  })

  it('marks the entry of the active path, and only that one', () => {
    const wrapper = mountMenu('/crm/contracts')

    const active = wrapper.findAll('.el-menu-item.is-active')
    expect(active).toHaveLength(1)
    expect(active[0]!.attributes('data-testid')).toBe('menu-item-crm-contracts')
    expect(wrapper.get('[data-testid="menu-item-dashboard"]').classes()).not.toContain('is-active')
  })

  it("marks the entry a record's page lies under, and opens its group; a page no entry leads to opens its segment's group", async () => {
    const withOa: MenuNode[] = [
      ...tree,
      { key: 'oa', title: '审批', icon: 'DocumentChecked', children: [{ key: 'oa-todo', title: '待办', path: '/oa/inbox/todo' }] },
    ]
    const on = (activePath: string) => mount(SidebarMenu, { props: { items: withOa, activePath }, global: { plugins: testApp().plugins }, attachTo: document.body })

    const customer = on('/crm/customers/0190a000-0000-7000-8000-000000000001')
    await flushPromises()
    expect(customer.findAll('.el-menu-item.is-active').map((item) => item.attributes('data-testid'))).toEqual(['menu-item-crm-customers'])
    expect(customer.get('[data-testid="menu-group-crm"]').classes()).toContain('is-opened')
    expect(customer.get('[data-testid="menu-group-oa"]').classes()).not.toContain('is-opened')
    customer.unmount()

    // /crm/customers-archive is not under /crm/customers: segments, not characters.
    const elsewhere = on('/crm/customers-archive')
    await flushPromises()
    expect(elsewhere.findAll('.el-menu-item.is-active')).toHaveLength(0)
    elsewhere.unmount()

    const request = on('/oa/requests/0190a000-0000-7000-8000-000000000002')
    await flushPromises()
    expect(request.findAll('.el-menu-item.is-active')).toHaveLength(0)
    expect(request.get('[data-testid="menu-group-oa"]').classes()).toContain('is-opened')
    expect(request.get('[data-testid="menu-group-crm"]').classes()).not.toContain('is-opened')
    request.unmount()
  })

  it('follows the active path when the route changes', async () => {
    const wrapper = mountMenu('/dashboard')
    await wrapper.setProps({ activePath: '/crm/customers' })

    expect(wrapper.get('[data-testid="menu-item-crm-customers"]').classes()).toContain('is-active')
    expect(wrapper.get('[data-testid="menu-item-dashboard"]').classes()).not.toContain('is-active')
  })

  it('asks to navigate to the path of the entry clicked', async () => {
    const wrapper = mountMenu('/dashboard')
    await wrapper.get('[data-testid="menu-item-crm-customers"]').trigger('click')

    expect(wrapper.emitted('navigate')).toEqual([['/crm/customers']])
  })

  describe('badges', () => {
    const withBadges: MenuNode[] = [
      { key: 'notifications', title: 'menu.notifications', icon: 'Bell', path: '/notifications', badge: 'notifications.unread' },
      {
        key: 'oa',
        title: '办公审批',
        children: [
          { key: 'oa-todo', title: '待办', path: '/oa/todo', badge: 'oa.todo' },
          { key: 'oa-cc', title: '抄送我的', path: '/oa/cc', badge: 'oa.cc' },
          { key: 'oa-new', title: '发起申请', path: '/oa/new' },
        ],
      },
    ]

    function mountWithBadges(badges: Record<string, number>, collapsed = false) {
      return mount(SidebarMenu, {
        props: { items: withBadges, activePath: '/dashboard', badges, collapsed },
        global: { plugins: testApp().plugins },
      })
    }

    const badge = (wrapper: ReturnType<typeof mountWithBadges>, key: string) => wrapper.find(`[data-testid="menu-badge-${key}"]`)

    it('shows an entry\'s count beside it, and nothing for a count of 0 or one not sent', async () => {
      const wrapper = mountWithBadges({ 'notifications.unread': 3, 'oa.todo': 0 })
      expect(badge(wrapper, 'notifications').text()).toBe('3')
      expect(badge(wrapper, 'oa-todo').exists()).toBe(false)
      expect(badge(wrapper, 'oa-cc').exists()).toBe(false)

      await wrapper.setProps({ badges: { 'notifications.unread': 120 } })
      expect(badge(wrapper, 'notifications').text()).toBe('99+')
    })

    it('shows the sum of its entries on a closed group, and the entries\' own counts once it is open', async () => {
      const wrapper = mountWithBadges({ 'oa.todo': 2, 'oa.cc': 5 })
      expect(badge(wrapper, 'oa').text()).toBe('7')

      await wrapper.get('[data-testid="menu-group-oa"] .el-sub-menu__title').trigger('click')
      await flushPromises()
      expect(badge(wrapper, 'oa').exists()).toBe(false)
      expect(badge(wrapper, 'oa-todo').text()).toBe('2')
      expect(badge(wrapper, 'oa-cc').text()).toBe('5')

      await wrapper.get('[data-testid="menu-group-oa"] .el-sub-menu__title').trigger('click')
      await flushPromises()
      expect(badge(wrapper, 'oa').text()).toBe('7')
    })

    it('keeps the counts on the icons when the sidebar is folded', () => {
      const wrapper = mountWithBadges({ 'notifications.unread': 1, 'oa.todo': 2 }, true)
      expect(badge(wrapper, 'notifications').text()).toBe('1')
      expect(badge(wrapper, 'oa').text()).toBe('2')
    })
  })
})
