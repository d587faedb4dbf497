import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
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
})
