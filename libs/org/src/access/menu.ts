/** The SPA's sidebar model (apps/web/src/router/menu.ts): a leaf has a path, a group children. */
export interface MenuNode {
  key: string;
  /** An i18n key the SPA translates. */
  title: string;
  icon?: string;
  permission?: string;
  path?: string;
  children?: MenuNode[];
}

/**
 * Every menu entry of the application and the permission it needs. Contexts add
 * their entries here as their screens land; `/me` sends each person the part of it
 * they may open.
 */
export const MENU: readonly MenuNode[] = [
  { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard' },
  {
    key: 'org',
    title: 'menu.org',
    icon: 'OfficeBuilding',
    children: [
      { key: 'org-departments', title: 'menu.orgDepartments', path: '/org/departments', permission: 'org:department:read' },
      { key: 'org-people', title: 'menu.orgPeople', path: '/org/people', permission: 'org:person:read' },
      { key: 'org-positions', title: 'menu.orgPositions', path: '/org/positions', permission: 'org:position:read' },
      { key: 'org-roles', title: 'menu.orgRoles', path: '/org/roles', permission: 'org:role:read' },
    ],
  },
  {
    key: 'system',
    title: 'menu.system',
    icon: 'Setting',
    children: [
      { key: 'system-company', title: 'menu.company', path: '/system/company', permission: 'platform:company:update' },
      { key: 'system-audit', title: 'menu.audit', path: '/system/audit', permission: 'platform:audit:read' },
    ],
  },
];

/** Drops entries the person may not open and groups left empty (as the SPA's filterMenuTree). */
export function menuFor(permissions: ReadonlySet<string>, nodes: readonly MenuNode[] = MENU): MenuNode[] {
  const kept: MenuNode[] = [];
  for (const node of nodes) {
    if (node.permission !== undefined && !permissions.has(node.permission)) continue;
    if (node.children) {
      const children = menuFor(permissions, node.children);
      if (children.length > 0) kept.push({ ...node, children });
    } else {
      kept.push(node);
    }
  }
  return kept;
}
