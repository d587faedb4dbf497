import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { declaredPermissions, permissionsForEveryone } from '@zhongshu/contracts';
import { combineGrants, type DataScope, type DataScopeGrant, type DataScopeKind } from '@zhongshu/platform';
import { accessRevision, structureRevisionOf } from '../identity/session-cache.js';
import { DepartmentTree } from './department-tree.js';

/** What a person may do and see, computed from their roles, departments and the tree. */
export interface PersonAccess {
  permissions: ReadonlySet<string>;
  departmentIds: readonly string[];
  dataScope: DataScope;
  roles: ReadonlyArray<{ code: string; name: string }>;
}

interface RoleRow {
  code: string;
  name: string;
  permissions: string[];
  all_permissions: boolean;
  data_scope: DataScopeKind;
  scope_department_ids: string[];
}

const CACHE_LIMIT = 10_000;

/**
 * Computes people's access and keeps it per process until its revision moves: the
 * person's own (`org.person.access_revision`, moved by triggers when their roles,
 * part-time posts, main department or status change) or the structure's
 * (`org.access_revision`: the tree's shape, roles' grants). A request costs one small
 * query, or none with the session cache, while a change still applies at once.
 */
@Injectable()
export class PersonAccessLoader {
  private readonly cache = new Map<string, { revision: string; access: PersonAccess }>();
  private tree: { revision: string; tree: DepartmentTree } | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** The revision a person's access is computed at now (see `accessRevision`). */
  async currentRevision(personId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT revision::text FROM org.access_revision) AS structure,
              (SELECT access_revision::text FROM org.person WHERE id = $1) AS person`,
      [personId],
    );
    return accessRevision(row.structure as string, (row.person as string | null) ?? '0');
  }

  private async structureRevision(): Promise<string> {
    const [row] = await this.dataSource.query('SELECT revision::text AS revision FROM org.access_revision');
    return row.revision as string;
  }

  /** The access computed at `revision`, if this process has it: no waiting. */
  cachedFor(personId: string, revision: string): PersonAccess | undefined {
    const cached = this.cache.get(personId);
    return cached?.revision === revision ? cached.access : undefined;
  }

  async forPerson(personId: string, revision?: string): Promise<PersonAccess> {
    const current = revision ?? (await this.currentRevision(personId));
    const cached = this.cache.get(personId);
    if (cached && cached.revision === current) return cached.access;
    const access = await this.compute(personId, current);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(personId, { revision: current, access });
    return access;
  }

  /** The tree as of `revision` (a person's access revision or the structure's alone), or now. */
  async departmentTree(revision?: string): Promise<DepartmentTree> {
    const current = revision === undefined ? await this.structureRevision() : structureRevisionOf(revision);
    if (this.tree?.revision === current) return this.tree.tree;
    const rows: Array<{ id: string; parent_id: string | null }> = await this.dataSource.query('SELECT id, parent_id FROM org.department');
    const tree = new DepartmentTree(rows.map((row) => ({ id: row.id, parentId: row.parent_id })));
    this.tree = { revision: current, tree };
    return tree;
  }

  private async compute(personId: string, revision: string): Promise<PersonAccess> {
    const [roles, departments, tree] = await Promise.all([
      this.dataSource.query(
        `SELECT r.code, r.name, r.permissions, r.all_permissions, r.data_scope, r.scope_department_ids
           FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id
          WHERE pr.person_id = $1 ORDER BY r.code`,
        [personId],
      ) as Promise<RoleRow[]>,
      this.dataSource.query(
        `SELECT main_department_id AS id, 0 AS rank FROM org.person WHERE id = $1
         UNION ALL
         SELECT department_id, 1 FROM org.part_time_post WHERE person_id = $1
         ORDER BY rank`,
        [personId],
      ) as Promise<Array<{ id: string }>>,
      this.departmentTree(revision),
    ]);
    const departmentIds = [...new Set(departments.map((row) => row.id))];
    const permissions = new Set<string>(permissionsForEveryone());
    const grants: DataScopeGrant[] = [];
    for (const role of roles) {
      if (role.all_permissions) for (const { code } of declaredPermissions()) permissions.add(code);
      for (const code of role.permissions) permissions.add(code);
      grants.push({
        roleCode: role.code,
        roleName: role.name,
        kind: role.data_scope,
        departmentIds: roleReach(role.data_scope, role.scope_department_ids, departmentIds, tree),
        allPermissions: role.all_permissions,
        // What an all-permissions role scopes is every permission; the list names those a role screen offers.
        permissions: role.all_permissions ? grantablePermissions() : [...role.permissions].sort(),
      });
    }
    return { permissions, departmentIds, dataScope: combineGrants(grants), roles: roles.map((role) => ({ code: role.code, name: role.name })) };
  }
}

/**
 * The departments a role's data scope reaches for one holder, given the holder's own
 * departments (main first, then part-time posts): empty for `self` and `all`.
 */
export function roleReach(kind: DataScopeKind, chosen: readonly string[], own: readonly string[], tree: DepartmentTree): string[] {
  switch (kind) {
    case 'all':
    case 'self':
      return [];
    case 'department':
      return [...own];
    case 'department-and-below':
      return [...new Set(own.flatMap((id) => tree.subtree(id)))];
    case 'chosen-departments':
      return [...chosen];
  }
}

/** Every permission a role can grant: the declared ones, less those everyone holds anyway. */
export function grantablePermissions(): string[] {
  return declaredPermissions()
    .filter((entry) => !entry.everyone)
    .map((entry) => entry.code);
}
