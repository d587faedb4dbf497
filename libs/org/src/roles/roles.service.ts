import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDeclaredPermission } from '@zhongshu/contracts';
import { UnitOfWork, saveVersioned, newId } from '@zhongshu/platform';
import { SessionCache } from '../identity/session-cache.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import type { CreateRoleDto, UpdateRoleDto } from './role.dto.js';
import { Role } from './role.entity.js';

@Injectable()
export class RolesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionCache: SessionCache,
  ) {}

  list(): Promise<Role[]> {
    return this.uow.repo(Role).find({ order: { code: 'ASC' } });
  }

  async get(id: string, manager: EntityManager = this.uow.manager): Promise<Role> {
    const role = await manager.findOne(Role, { where: { id } });
    if (!role) throw OrgError.notFound('Role', id);
    return role;
  }

  async create(input: CreateRoleDto): Promise<Role> {
    this.requireKnownPermissions(input.permissions);
    return this.uow.run(async (manager) => {
      const [existing] = await manager.query('SELECT 1 FROM org.role WHERE code = $1', [input.code]);
      if (existing) throw OrgError.duplicate('code', `A role with the code ${input.code} already exists`);
      const scopeDepartmentIds = await this.requireScopeDepartments(manager, input.dataScope, input.scopeDepartmentIds ?? []);
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
      return manager.save(role);
    });
  }

  async update(id: string, change: UpdateRoleDto): Promise<Role> {
    if (change.permissions) this.requireKnownPermissions(change.permissions);
    return this.uow.run(async (manager) => {
      const role = await this.get(id, manager);
      if (change.name !== undefined) role.name = change.name;
      if (change.description !== undefined) role.description = change.description;
      if (change.permissions) role.permissions = [...new Set(change.permissions)].sort();
      if (change.dataScope) role.dataScope = change.dataScope;
      if (change.scopeDepartmentIds) role.scopeDepartmentIds = change.scopeDepartmentIds;
      role.scopeDepartmentIds = await this.requireScopeDepartments(manager, role.dataScope, role.scopeDepartmentIds);
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

  private async requireScopeDepartments(manager: EntityManager, kind: string, ids: string[]): Promise<string[]> {
    if (kind !== 'chosen-departments') return [];
    if (ids.length === 0) throw OrgError.invalidReference('scopeDepartmentIds', 'A chosen-departments scope needs at least one department');
    const unique = [...new Set(ids)];
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM org.department WHERE id = ANY($1)', [unique]);
    const missing = unique.filter((id) => !rows.some((row) => row.id === id));
    if (missing.length > 0) throw OrgError.invalidReference('scopeDepartmentIds', `Unknown departments: ${missing.join(', ')}`);
    return unique;
  }
}
