import { describe, expect, it } from 'vitest'
import { menuFromServer } from './menu'

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
})
