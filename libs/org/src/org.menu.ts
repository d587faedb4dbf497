import { OrgPermission } from '@zhongshu/contracts';
import type { MenuEntry } from '@zhongshu/platform';

/** 组织架构: the org context's section of the sidebar. */
export const ORG_MENU: MenuEntry[] = [
  {
    key: 'org',
    title: 'menu.org',
    icon: 'OfficeBuilding',
    order: 80,
    children: [
      { key: 'org-departments', title: 'menu.orgDepartments', path: '/org/departments', permission: OrgPermission.DepartmentRead },
      { key: 'org-people', title: 'menu.orgPeople', path: '/org/people', permission: OrgPermission.PersonRead },
      { key: 'org-positions', title: 'menu.orgPositions', path: '/org/positions', permission: OrgPermission.PositionRead },
      { key: 'org-roles', title: 'menu.orgRoles', path: '/org/roles', permission: OrgPermission.RoleRead },
    ],
  },
];
