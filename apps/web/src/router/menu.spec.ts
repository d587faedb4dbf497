import { describe, expect, it } from 'vitest'
import { badgeCount, menuFromServer, type MenuNode } from './menu'

describe('menuFromServer', () => {
  it('keeps leaves with a path and groups with children, and drops anything else', () => {
    expect(
      menuFromServer([
        { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
        { key: 'broken', title: 'no path, no children' },
        { key: 'empty', title: 'menu.system', children: [{ key: 'x', title: 'x' }] },
        {
          key: 'org',
          title: 'menu.org',
          children: [{ key: 'org-people', title: 'menu.orgPeople', path: '/org/people', permission: 'org:person:read' }],
        },
      ]),
    ).toEqual([
      { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
      // The permission stays on the server: it has already left out what this person may not open.
      { key: 'org', title: 'menu.org', children: [{ key: 'org-people', title: 'menu.orgPeople', path: '/org/people' }] },
    ])
  })

  it('keeps the badge key an entry names', () => {
    expect(menuFromServer([{ key: 'notifications', title: 'menu.notifications', path: '/notifications', badge: 'notifications.unread' }])).toEqual([
      { key: 'notifications', title: 'menu.notifications', path: '/notifications', badge: 'notifications.unread' },
    ])
  })
})

describe('badgeCount', () => {
  const group: MenuNode = {
    key: 'oa',
    title: 'OA',
    children: [
      { key: 'todo', title: '待办', path: '/oa/todo', badge: 'oa.todo' },
      { key: 'sub', title: '更多', children: [{ key: 'cc', title: '抄送', path: '/oa/cc', badge: 'oa.cc' }] },
    ],
  }

  it('is a leaf\'s own count, nothing for none', () => {
    expect(badgeCount({ key: 'todo', title: 't', path: '/t', badge: 'oa.todo' }, { 'oa.todo': 4 }, false)).toBe(4)
    expect(badgeCount({ key: 'todo', title: 't', path: '/t', badge: 'oa.todo' }, { 'oa.todo': 0 }, false)).toBeUndefined()
    expect(badgeCount({ key: 'todo', title: 't', path: '/t' }, { 'oa.todo': 4 }, false)).toBeUndefined()
  })

  it('is the sum of every entry below a folded group, and nothing on an open one', () => {
    expect(badgeCount(group, { 'oa.todo': 2, 'oa.cc': 3 }, true)).toBe(5)
    expect(badgeCount(group, { 'oa.todo': 2, 'oa.cc': 3 }, false)).toBeUndefined()
    expect(badgeCount({ ...group, badge: 'oa.todo' }, { 'oa.todo': 2, 'oa.cc': 3 }, false)).toBe(2)
  })
})
