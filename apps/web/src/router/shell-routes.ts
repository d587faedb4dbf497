import type { RouteRecordRaw } from 'vue-router'
import './route-meta'

/**
 * The pages inside the shell, each its own chunk. Paths are relative to '/'. Route
 * names are the server's menu keys (libs/org/src/access/menu.ts) and each page's
 * `meta.permission` is the one its menu entry and its list call need. Kept apart from
 * `routes.ts` because the shell builds its fallback menu from this list, and
 * `routes.ts` imports the shell.
 */
export const shellRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardView.vue'),
    meta: { titleKey: 'menu.dashboard', menu: true, icon: 'Odometer' },
  },
  {
    path: 'org',
    name: 'org',
    redirect: { name: 'org-people' },
    meta: { titleKey: 'menu.org', menu: true, icon: 'OfficeBuilding' },
    children: [
      {
        path: 'departments',
        name: 'org-departments',
        component: () => import('@/views/org/DepartmentsView.vue'),
        meta: { titleKey: 'menu.orgDepartments', menu: true, permission: 'org:department:read' },
      },
      {
        path: 'people',
        name: 'org-people',
        component: () => import('@/views/org/PeopleView.vue'),
        meta: { titleKey: 'menu.orgPeople', menu: true, permission: 'org:person:read' },
      },
      {
        path: 'positions',
        name: 'org-positions',
        component: () => import('@/views/org/PositionsView.vue'),
        meta: { titleKey: 'menu.orgPositions', menu: true, permission: 'org:position:read' },
      },
      {
        path: 'roles',
        name: 'org-roles',
        component: () => import('@/views/org/RolesView.vue'),
        meta: { titleKey: 'menu.orgRoles', menu: true, permission: 'org:role:read' },
      },
    ],
  },
  {
    path: 'system',
    name: 'system',
    redirect: { name: 'system-audit' },
    meta: { titleKey: 'menu.system', menu: true, icon: 'Setting' },
    children: [
      {
        path: 'company',
        name: 'system-company',
        component: () => import('@/views/system/CompanyView.vue'),
        meta: { titleKey: 'menu.company', menu: true, permission: 'platform:company:update' },
      },
      {
        path: 'audit',
        name: 'system-audit',
        component: () => import('@/views/system/AuditLogView.vue'),
        meta: { titleKey: 'menu.audit', menu: true, permission: 'platform:audit:read' },
      },
    ],
  },
  {
    path: 'forbidden',
    name: 'forbidden',
    component: () => import('@/views/errors/ForbiddenView.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
]
