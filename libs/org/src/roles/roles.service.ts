import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDeclaredPermission, OrgPermission, type PermissionCode } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, saveVersioned, newId, isInScope, sql, type Principal } from '@zhongshu/platform';
import { grantShortfalls } from '../access/grant-rules.js';
import { SessionCache } from '../identity/session-cache.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import type { CreateRoleDto, RoleDto, UpdateRoleDto } from './role.dto.js';
import { Role } from './role.entity.js';
import { roleLabel } from './role-grants.js';

const ROLES = new ReadModel<RoleDto>({
  from: 'org.role role',
  fields: {
    id: 'role.id',
    code: 'role.code',
    name: 'role.name',
    description: 'role.description',
    // Byte order, as the API always listed them (the codes are ASCII).
    permissions: 'ARRAY(SELECT code FROM unnest(role.permissions) AS code ORDER BY code COLLATE "C")',
    allPermissions: 'role.all_permissions',
    dataScope: 'role.data_scope',
    scopeDepartmentIds: 'role.scope_department_ids',
    version: 'role.version',
  },
  sortable: {},
  defaultSort: [{ column: 'role.code', direction: 'ASC' }],
  key: 'role.id',
});

@Injectable()
export class RolesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionCache: SessionCache,
  ) {}

  list(): Promise<RoleDto[]> {
    return ROLES.list(this.uow.manager, []);
  }

  async read(id: string): Promise<RoleDto> {
    const role = await ROLES.one(this.uow.manager, [sql`role.id = ${id}`]);
    if (!role) throw OrgError.notFound('Role', id);
    return role;
  }

  async get(id: string, manager: EntityManager = this.uow.manager): Promise<Role> {
    const role = await manager.findOne(Role, { where: { id } });
    if (!role) throw OrgError.notFound('Role', id);
    return role;
  }

  /** Grant only what you hold: the new role's permissions and scope must lie within the creator's own. */
  async create(principal: Principal, input: CreateRoleDto): Promise<Role> {
    this.requireKnownPermissions(input.permissions);
    return this.uow.run(async (manager) => {
      const [existing] = await manager.query('SELECT 1 FROM org.role WHERE code = $1', [input.code]);
      if (existing) throw OrgError.duplicate('code', `A role with the code ${input.code} already exists`);
      const chosen = input.dataScope === 'chosen-departments' ? (input.scopeDepartmentIds ?? []) : [];
      await this.requireReachableDepartments(principal, OrgPermission.RoleCreate, manager, chosen);
      const scopeDepartmentIds = chosenDepartments(input.dataScope, chosen);
      const role = manager.create(Role, {
        id: newId(),
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        permissions: [...new Set(input.permissions)].sort(),
        allPermissions: false,
        dataScope: input.dataScope,
        scopeDepartmentIds,
      });
      requireGrantable(principal, role, `create ${roleLabel(role)}`);
      return manager.save(role);
    });
  }

  /**
   * Nobody edits a role they hold, nor one that grants more than they hold, before the
   * edit or after it. The built-in administrator role keeps its data scope (`all`).
   */
  async update(principal: Principal, id: string, change: UpdateRoleDto): Promise<Role> {
    if (change.permissions) this.requireKnownPermissions(change.permissions);
    return this.uow.run(async (manager) => {
      const role = await this.get(id, manager);
      if (role.allPermissions && change.dataScope !== undefined && change.dataScope !== role.dataScope) {
        throw new OrgError(
          OrgErrorCode.BuiltInRole,
          HttpStatus.UNPROCESSABLE_ENTITY,
          `${roleLabel(role)} is the built-in administrator role: it holds every permission over all data, and its data scope cannot be changed.`,
          [{ field: 'dataScope', message: 'cannot be changed on the administrator role' }],
        );
      }
      if (principal.dataScope.grants.some((grant) => grant.roleCode === role.code)) {
        throw new OrgError(
          OrgErrorCode.CannotChangeSelf,
          HttpStatus.UNPROCESSABLE_ENTITY,
          `You hold ${roleLabel(role)} yourself and cannot edit it; ask someone who does not hold it.`,
        );
      }
      requireGrantable(principal, role, `edit ${roleLabel(role)}`);
      if (change.name !== undefined) role.name = change.name;
      if (change.description !== undefined) role.description = change.description;
      if (change.permissions) role.permissions = [...new Set(change.permissions)].sort();
      if (change.dataScope) role.dataScope = change.dataScope;
      if (change.scopeDepartmentIds) {
        // Only departments the edit adds are checked; those the role names already are on the record.
        const named = new Set(role.scopeDepartmentIds);
        await this.requireReachableDepartments(principal, OrgPermission.RoleUpdate, manager, change.scopeDepartmentIds.filter((departmentId) => !named.has(departmentId)));
        role.scopeDepartmentIds = change.scopeDepartmentIds;
      }
      role.scopeDepartmentIds = chosenDepartments(role.dataScope, role.scopeDepartmentIds);
      requireGrantable(principal, role, `change ${roleLabel(role)} that way`);
      this.sessionCache.accessChanged();
      return saveVersioned(manager, role, change.version, 'Role');
    });
  }

  private requireKnownPermissions(codes: string[]): void {
    const unknown = codes.filter((code) => !isDeclaredPermission(code));
    if (unknown.length > 0) {
      throw new OrgError(
        OrgErrorCode.UnknownPermission,
        HttpStatus.UNPROCESSABLE_ENTITY,
        `No context declares these permissions: ${unknown.join(', ')}. GET /api/v1/org/permissions lists them all.`,
        unknown.map((code) => ({ field: 'permissions', message: `unknown permission ${code}` })),
      );
    }
  }

  /** Departments a role names. One outside the caller's reach for the write is unknown to them, exactly like one that does not exist. */
  private async requireReachableDepartments(principal: Principal, permission: PermissionCode, manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM org.department WHERE id = ANY($1)', [unique]);
    const unknown = unique.filter((id) => !rows.some((row) => row.id === id) || !isInScope(principal, permission, { departmentId: id }));
    if (unknown.length > 0) throw OrgError.invalidReference('scopeDepartmentIds', `Unknown departments: ${unknown.join(', ')}`);
  }
}

/** The departments a role of this kind keeps: its chosen ones (at least one), or none for the other kinds. */
function chosenDepartments(kind: string, ids: readonly string[]): string[] {
  if (kind !== 'chosen-departments') return [];
  if (ids.length === 0) throw OrgError.invalidReference('scopeDepartmentIds', 'A chosen-departments scope needs at least one department');
  return [...new Set(ids)];
}

function requireGrantable(principal: Principal, role: Role, action: string): void {
  const problems = grantShortfalls(principal, role);
  if (problems.length > 0) throw OrgError.grantExceedsOwn('permissions', [{ action, problems }]);
}
