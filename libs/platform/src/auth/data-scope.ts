import type { ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { Brackets } from 'typeorm';
import { PlatformError } from '../errors/domain-error.js';
import type { DataScope, DataScopeGrant, Principal } from './principal.js';

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

/**
 * Narrows a list or read query to what the caller may see. Every context's list and
 * read queries go through here, so a role's data scope means the same everywhere.
 * Uses fresh parameter names, so it composes with the query's own parameters.
 */
export function applyDataScope<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  principal: Principal,
  columns: ScopedColumns,
): SelectQueryBuilder<E> {
  if (!columns.owner && !columns.department) throw new Error('applyDataScope needs an owner or a department column');
  const scope = principal.dataScope;
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
export function dataScopeSql(principal: Principal, columns: ScopedColumns, firstParameter: number): { sql: string; parameters: unknown[] } {
  if (principal.dataScope.all) return { sql: 'TRUE', parameters: [] };
  const parts: string[] = [];
  const parameters: unknown[] = [];
  if (columns.owner) {
    parameters.push(principal.userId);
    parts.push(`${columns.owner} = $${firstParameter + parameters.length - 1}`);
  }
  if (columns.department && principal.dataScope.departmentIds.size > 0) {
    parameters.push([...principal.dataScope.departmentIds]);
    parts.push(`${columns.department} = ANY($${firstParameter + parameters.length - 1}::uuid[])`);
  }
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE', parameters };
}

/** Whether one record, already loaded, lies inside the caller's data scope. */
export function isInScope(principal: Principal, record: ScopedRecord): boolean {
  return explainAccess(principal, record).length > 0;
}

/**
 * A record outside the caller's scope answers exactly like one that does not exist,
 * so ids cannot be probed: 404, never 403.
 */
export function requireInScope(principal: Principal, record: ScopedRecord, entityLabel: string, id: string): void {
  if (!isInScope(principal, record)) throw PlatformError.notFound(entityLabel, id);
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
 * The answer to "why can I see this": every role whose data scope reaches the
 * record. Ownership is granted by every role (self is the floor of every scope), so
 * an owned record lists each role with `matchedBy: 'owner'`. Empty means: not visible.
 */
export function explainAccess(principal: Principal, record: ScopedRecord): AccessReason[] {
  const reasons: AccessReason[] = [];
  for (const grant of principal.dataScope.grants) {
    const base = { roleCode: grant.roleCode, roleName: grant.roleName, kind: grant.kind };
    if (grant.kind === 'all') reasons.push({ ...base, matchedBy: 'all' });
    else if (record.ownerId && record.ownerId === principal.userId) reasons.push({ ...base, matchedBy: 'owner' });
    else if (record.departmentId && grant.departmentIds.includes(record.departmentId)) {
      reasons.push({ ...base, matchedBy: 'department', departmentId: record.departmentId });
    }
  }
  // Everyone sees their own records, even with no role at all (as applyDataScope does).
  if (reasons.length === 0 && record.ownerId && record.ownerId === principal.userId) {
    reasons.push({ roleCode: '', roleName: 'own record', kind: 'self', matchedBy: 'owner' });
  }
  return reasons;
}

/** Builds the union scope of a set of grants; used by the identity context. */
export function combineGrants(grants: readonly DataScopeGrant[]): DataScope {
  const departmentIds = new Set<string>();
  for (const grant of grants) for (const id of grant.departmentIds) departmentIds.add(id);
  return { all: grants.some((grant) => grant.kind === 'all'), departmentIds, grants };
}
