import type { ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { Brackets } from 'typeorm';
import { PlatformError } from '../errors/domain-error.js';
import type { PermissionCode } from '@zhongshu/contracts';
import type { DataScope, DataScopeGrant, PermissionScope, Principal } from './principal.js';

/**
 * Where a context keeps the two facts data scope is decided on: whose record it is
 * and which department it belongs to. Either may be missing (a department has no
 * owner), but not both.
 */
export interface ScopedColumns {
  /** SQL expression of the owning person's id, e.g. `customer.owner_id`. */
  owner?: string;
  /** SQL expression of the department id, e.g. `customer.department_id`. */
  department?: string;
}

/** The two facts of one record, read back for `isInScope` and `explainAccess`. */
export interface ScopedRecord {
  ownerId?: string | null;
  departmentId?: string | null;
}

let parameterSequence = 0;

const NO_DEPARTMENTS: ReadonlySet<string> = new Set();

/**
 * How far the caller reaches while exercising `permission`: the scope of the roles
 * that grant it, never that of roles granting something else. A map lookup: the
 * identity context computed every permission's reach when it built the principal.
 */
export function scopeFor(principal: Principal, permission: PermissionCode): PermissionScope {
  return principal.dataScope.byPermission.get(permission) ?? principal.dataScope.otherwise;
}

/**
 * Narrows a list or read query to what the caller may see while exercising
 * `permission` (the route's own: `org:person:read` for the people list). Every
 * context's list and read queries go through here, so a role's data scope means the
 * same everywhere. Uses fresh parameter names, so it composes with the query's own
 * parameters.
 */
export function applyDataScope<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  principal: Principal,
  permission: PermissionCode,
  columns: ScopedColumns,
): SelectQueryBuilder<E> {
  if (!columns.owner && !columns.department) throw new Error('applyDataScope needs an owner or a department column');
  const scope = scopeFor(principal, permission);
  if (scope.all) return query;
  const sequence = (parameterSequence = (parameterSequence + 1) % 1_000_000);
  const self = `scopeSelf${sequence}`;
  const departments = `scopeDepartments${sequence}`;
  return query.andWhere(
    new Brackets((where: WhereExpressionBuilder) => {
      let any = false;
      if (columns.owner) {
        where.orWhere(`${columns.owner} = :${self}`, { [self]: principal.userId });
        any = true;
      }
      if (columns.department && scope.departmentIds.size > 0) {
        where.orWhere(`${columns.department} = ANY(:${departments})`, { [departments]: [...scope.departmentIds] });
        any = true;
      }
      if (!any) where.where('1 = 0');
    }),
  );
}

/**
 * The same rule as SQL text and parameters, for hand-written queries:
 * `WHERE ${scope.sql}` with `scope.parameters` appended after the query's own `$n`.
 */
export function dataScopeSql(
  principal: Principal,
  permission: PermissionCode,
  columns: ScopedColumns,
  firstParameter: number,
): { sql: string; parameters: unknown[] } {
  const scope = scopeFor(principal, permission);
  if (scope.all) return { sql: 'TRUE', parameters: [] };
  const parts: string[] = [];
  const parameters: unknown[] = [];
  if (columns.owner) {
    parameters.push(principal.userId);
    parts.push(`${columns.owner} = $${firstParameter + parameters.length - 1}`);
  }
  if (columns.department && scope.departmentIds.size > 0) {
    parameters.push([...scope.departmentIds]);
    parts.push(`${columns.department} = ANY($${firstParameter + parameters.length - 1}::uuid[])`);
  }
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE', parameters };
}

/** Whether one record, already loaded, lies inside the caller's reach for `permission`. */
export function isInScope(principal: Principal, permission: PermissionCode, record: ScopedRecord): boolean {
  if (record.ownerId && record.ownerId === principal.userId) return true;
  const scope = scopeFor(principal, permission);
  return scope.all || (!!record.departmentId && scope.departmentIds.has(record.departmentId));
}

/**
 * A record outside the caller's scope answers exactly like one that does not exist,
 * so ids cannot be probed: 404, never 403.
 */
export function requireInScope(principal: Principal, permission: PermissionCode, record: ScopedRecord, entityLabel: string, id: string): void {
  if (!isInScope(principal, permission, record)) throw PlatformError.notFound(entityLabel, id);
}

/** Why the caller sees a record: each grant that reaches it, and by which rule. */
export interface AccessReason {
  roleCode: string;
  roleName: string;
  kind: DataScopeGrant['kind'];
  /** `owner` when the record is the caller's own, else the department that matched. */
  matchedBy: 'all' | 'owner' | 'department';
  departmentId?: string;
}

/**
 * The answer to "why can I see this" while exercising `permission` (a record type's
 * read permission): every role granting that permission whose data scope reaches the
 * record. Ownership is granted by every such role (self is the floor of every scope),
 * so an owned record lists each with `matchedBy: 'owner'`. Empty means: not visible.
 */
export function explainAccess(principal: Principal, permission: PermissionCode, record: ScopedRecord): AccessReason[] {
  const reasons: AccessReason[] = [];
  for (const grant of scopeFor(principal, permission).grants) {
    const base = { roleCode: grant.roleCode, roleName: grant.roleName, kind: grant.kind };
    if (grant.kind === 'all') reasons.push({ ...base, matchedBy: 'all' });
    else if (record.ownerId && record.ownerId === principal.userId) reasons.push({ ...base, matchedBy: 'owner' });
    else if (record.departmentId && grant.departmentIds.includes(record.departmentId)) {
      reasons.push({ ...base, matchedBy: 'department', departmentId: record.departmentId });
    }
  }
  // Everyone sees their own records, even with no role granting the permission (as applyDataScope does).
  if (reasons.length === 0 && record.ownerId && record.ownerId === principal.userId) {
    reasons.push({ roleCode: '', roleName: 'own record', kind: 'self', matchedBy: 'owner' });
  }
  return reasons;
}

/**
 * Builds a person's scope from their grants, once (the identity context caches it per
 * access revision): for each permission some grant names, the union of the grants
 * that give it, all-permission grants included; `otherwise` for the rest.
 */
export function combineGrants(grants: readonly DataScopeGrant[]): DataScope {
  const universal = grants.filter((grant) => grant.allPermissions);
  const named = new Map<string, DataScopeGrant[]>();
  for (const grant of grants) {
    for (const permission of grant.permissions) {
      const givers = named.get(permission) ?? [];
      if (!givers.includes(grant)) givers.push(grant);
      named.set(permission, givers);
    }
  }
  const byPermission = new Map<string, PermissionScope>();
  for (const [permission, givers] of named) {
    // Keep the caller's role order whichever way the grant gives the permission.
    byPermission.set(permission, union(grants.filter((grant) => grant.allPermissions || givers.includes(grant))));
  }
  return { grants, byPermission, otherwise: union(universal) };
}

function union(grants: readonly DataScopeGrant[]): PermissionScope {
  if (grants.length === 0) return { all: false, departmentIds: NO_DEPARTMENTS, grants };
  const departmentIds = new Set<string>();
  for (const grant of grants) for (const id of grant.departmentIds) departmentIds.add(id);
  return { all: grants.some((grant) => grant.kind === 'all'), departmentIds, grants };
}
