import { declarePermissions } from './permission-catalogue.js';

/** The org context's permissions: the structure, people, roles and their import/export. */
export const OrgPermission = declarePermissions('org', {
  MeRead: { code: 'org:me:read', 'zh-CN': '查看本人信息与菜单', en: 'View own profile and menu', everyone: true },
  PasswordChange: { code: 'org:password:change', 'zh-CN': '修改本人密码', en: 'Change own password', everyone: true },
  DepartmentRead: { code: 'org:department:read', 'zh-CN': '查看部门', en: 'View departments' },
  DepartmentCreate: { code: 'org:department:create', 'zh-CN': '新建部门', en: 'Create departments' },
  DepartmentUpdate: { code: 'org:department:update', 'zh-CN': '编辑部门', en: 'Edit departments' },
  DepartmentMove: { code: 'org:department:move', 'zh-CN': '调整部门上级', en: 'Move departments' },
  DepartmentDelete: { code: 'org:department:delete', 'zh-CN': '删除或归档部门', en: 'Delete or archive departments' },
  DepartmentImport: { code: 'org:department:import', 'zh-CN': '导入部门', en: 'Import departments' },
  DepartmentExport: { code: 'org:department:export', 'zh-CN': '导出部门', en: 'Export departments' },
  PersonRead: { code: 'org:person:read', 'zh-CN': '查看人员', en: 'View people' },
  DirectoryRead: { code: 'org:directory:read', 'zh-CN': '在通讯录中查找同事（姓名与部门）', en: 'Find colleagues in the directory (name and department)', everyone: true },
  PersonCreate: { code: 'org:person:create', 'zh-CN': '新增人员', en: 'Add people' },
  PersonUpdate: { code: 'org:person:update', 'zh-CN': '编辑人员', en: 'Edit people' },
  PersonDisable: { code: 'org:person:disable', 'zh-CN': '停用人员', en: 'Disable people' },
  PersonEnable: { code: 'org:person:enable', 'zh-CN': '启用人员', en: 'Enable people' },
  PersonOffboard: { code: 'org:person:offboard', 'zh-CN': '办理离职', en: 'Offboard people' },
  PersonResetPassword: { code: 'org:person:reset-password', 'zh-CN': '重置他人密码', en: "Reset others' passwords" },
  PersonAssignRoles: { code: 'org:person:assign-roles', 'zh-CN': '分配角色', en: 'Assign roles' },
  PersonImport: { code: 'org:person:import', 'zh-CN': '导入人员', en: 'Import people' },
  PersonExport: { code: 'org:person:export', 'zh-CN': '导出人员', en: 'Export people' },
  PositionRead: { code: 'org:position:read', 'zh-CN': '查看岗位', en: 'View positions' },
  PositionCreate: { code: 'org:position:create', 'zh-CN': '新建岗位', en: 'Create positions' },
  PositionUpdate: { code: 'org:position:update', 'zh-CN': '编辑岗位', en: 'Edit positions' },
  RoleRead: { code: 'org:role:read', 'zh-CN': '查看角色', en: 'View roles' },
  RoleCreate: { code: 'org:role:create', 'zh-CN': '新建角色', en: 'Create roles' },
  RoleUpdate: { code: 'org:role:update', 'zh-CN': '编辑角色', en: 'Edit roles' },
});

export type OrgPermissionCode = (typeof OrgPermission)[keyof typeof OrgPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<OrgPermissionCode, true> {}
}
