import type { Me } from '@/api/auth/session'
import { jsonResponse } from './fake-server'

export const DEPARTMENT_OPS = '0190a000-0000-7000-8000-0000000000d2'

/** A GET /api/v1/me answer; by default an administrator of the whole org menu. */
export function meFixture(overrides: Partial<Me> = {}): Me {
  return {
    profile: {
      id: '0190a000-0000-7000-8000-000000000101',
      username: 'wang.fang',
      name: '王芳',
      employeeNo: 'E0003',
      email: null,
      mobile: null,
      department: { id: DEPARTMENT_OPS, name: '综合管理部' },
      positionName: '部门经理',
      managerId: null,
    },
    roles: [{ code: 'admin', name: '系统管理员' }],
    permissions: ['org:department:read', 'org:person:read', 'org:me:read'],
    dataScope: { grants: [], permissions: [] },
    menus: [
      { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
      {
        key: 'org',
        title: 'menu.org',
        icon: 'OfficeBuilding',
        children: [
          { key: 'org-departments', title: 'menu.orgDepartments', path: '/org/departments', permission: 'org:department:read' },
          { key: 'org-people', title: 'menu.orgPeople', path: '/org/people', permission: 'org:person:read' },
        ],
      },
    ],
    ...overrides,
  }
}

export const meRoute = (me: Me = meFixture()) => () => jsonResponse(200, me)
