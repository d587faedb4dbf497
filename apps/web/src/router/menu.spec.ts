import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { buildMenuTree, filterMenuTree, type MenuNode } from './menu'

const Page = { render: () => null }

const table: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: Page,
    meta: { menu: true, titleKey: 'menu.dashboard', icon: 'Odometer' },
  },
  {
    path: 'crm',
    name: 'crm',
    meta: { menu: true, titleKey: 'menu.crm', icon: 'User' },
    children: [
      {
        path: 'customers',
        name: 'crm-customers',
        component: Page,
        meta: { menu: true, titleKey: 'menu.customers' },
      },
      { path: 'contracts/:id', name: 'crm-contract', component: Page },
      {
        path: '/finance/receipts',
        name: 'receipts',
        component: Page,
        meta: { menu: true, permission: 'erp:receipt:read' },
      },
    ],
  },
  { path: 'profile', name: 'profile', component: Page },
]

describe('buildMenuTree', () => {
  it('keeps menu routes only, nests groups and joins their paths', () => {
    expect(buildMenuTree(table)).toEqual<MenuNode[]>([
      { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
      {
        key: 'crm',
        title: 'menu.crm',
        icon: 'User',
        children: [
          { key: 'crm-customers', title: 'menu.customers', path: '/crm/customers' },
          // No title key: the route name stands in; an absolute path stays as it is.
          {
            key: 'receipts',
            title: 'receipts',
            permission: 'erp:receipt:read',
            path: '/finance/receipts',
          },
        ],
      },
    ])
  })
})

describe('filterMenuTree', () => {
  const receipts: MenuNode = {
    key: 'receipts',
    title: 'menu.receipts',
    path: '/finance/receipts',
    permission: 'erp:receipt:read',
  }
  const tree: MenuNode[] = [
    { key: 'dashboard', title: 'menu.dashboard', path: '/dashboard' },
    { key: 'finance', title: 'menu.finance', children: [receipts] },
  ]

  it('drops entries the user may not open and groups left empty', () => {
    expect(filterMenuTree(tree, () => false)).toEqual([tree[0]])
  })

  it('keeps everything the user may open', () => {
    expect(filterMenuTree(tree, (code) => code === 'erp:receipt:read')).toEqual(tree)
  })
})
