import { describe, expect, it } from '@jest/globals';
import { OrgPermission, PlatformPermission } from '@zhongshu/contracts';
import { combineGrants, dataScopeSql, explainAccess, isInScope, requireInScope, scopeFor } from './data-scope.js';
import type { DataScopeGrant, Principal } from './principal.js';

const read = OrgPermission.PersonRead;
const update = OrgPermission.PersonUpdate;
const departments = OrgPermission.DepartmentRead;

function principal(grants: DataScopeGrant[]): Principal {
  return { userId: 'me', username: 'me', permissions: new Set(grants.flatMap((grant) => grant.permissions)), departmentIds: ['d1'], dataScope: combineGrants(grants) };
}

function grant(roleCode: string, kind: DataScopeGrant['kind'], departmentIds: string[], permissions: string[], allPermissions = false): DataScopeGrant {
  return { roleCode, roleName: roleCode.toUpperCase(), kind, departmentIds, permissions, allPermissions };
}

const self = grant('employee', 'self', [], [read]);
const below = grant('manager', 'department-and-below', ['d1', 'd2'], [read, departments]);
const admin = grant('admin', 'all', [], [], true);

describe('data scope rules', () => {
  it('self reaches only the caller\'s own records', () => {
    const caller = principal([self]);
    expect(isInScope(caller, read, { ownerId: 'me', departmentId: 'd9' })).toBe(true);
    expect(isInScope(caller, read, { ownerId: 'other', departmentId: 'd1' })).toBe(false);
  });

  it('departments reach records of those departments; roles granting the same permission add up', () => {
    const caller = principal([self, below]);
    expect(isInScope(caller, read, { ownerId: 'other', departmentId: 'd2' })).toBe(true);
    expect(isInScope(caller, read, { ownerId: 'other', departmentId: 'd3' })).toBe(false);
    expect(explainAccess(caller, read, { ownerId: 'other', departmentId: 'd2' })).toEqual([
      { roleCode: 'manager', roleName: 'MANAGER', kind: 'department-and-below', matchedBy: 'department', departmentId: 'd2' },
    ]);
    expect(explainAccess(caller, read, { ownerId: 'me' }).map((reason) => reason.roleCode)).toEqual(['employee', 'manager']);
  });

  it('takes for each permission the widest of the roles that grant it, and only of those', () => {
    // hr reads people in d5 (chosen); sales exports with self. A union would let the export reach d5.
    const hr = grant('hr', 'chosen-departments', ['d5'], [read]);
    const sales = grant('sales', 'self', [], [OrgPermission.PersonExport]);
    const caller = principal([hr, sales]);
    expect(isInScope(caller, read, { ownerId: 'other', departmentId: 'd5' })).toBe(true);
    expect(isInScope(caller, OrgPermission.PersonExport, { ownerId: 'other', departmentId: 'd5' })).toBe(false);
    expect(isInScope(caller, OrgPermission.PersonExport, { ownerId: 'me', departmentId: 'd9' })).toBe(true);
    expect(explainAccess(caller, OrgPermission.PersonExport, { ownerId: 'other', departmentId: 'd5' })).toEqual([]);
    expect(dataScopeSql(caller, OrgPermission.PersonExport, { owner: 'p.id', department: 'p.department_id' }, 1)).toEqual({ sql: '(p.id = $1)', parameters: ['me'] });
    // Two roles granting one permission: the union of both, whichever is wider where.
    const wider = principal([hr, below]);
    expect([...scopeFor(wider, read).departmentIds].sort()).toEqual(['d1', 'd2', 'd5']);
    expect([...scopeFor(wider, departments).departmentIds].sort()).toEqual(['d1', 'd2']);
    expect(scopeFor(wider, update)).toEqual({ all: false, departmentIds: new Set(), grants: [] });
  });

  it('gives an all-permissions role\'s scope to every permission, declared now or later', () => {
    const caller = principal([self, admin]);
    expect(scopeFor(caller, read).all).toBe(true);
    expect(scopeFor(caller, PlatformPermission.AuditRead).all).toBe(true);
    expect(scopeFor(caller, read).grants.map((entry) => entry.roleCode)).toEqual(['employee', 'admin']);
    expect(explainAccess(caller, update, { departmentId: 'anything' })).toEqual([{ roleCode: 'admin', roleName: 'ADMIN', kind: 'all', matchedBy: 'all' }]);
  });

  it('a caller without a role granting the permission still owns their own records', () => {
    const caller = principal([grant('depts', 'all', [], [departments])]);
    expect(explainAccess(caller, read, { ownerId: 'me' })).toEqual([{ roleCode: '', roleName: 'own record', kind: 'self', matchedBy: 'owner' }]);
    expect(isInScope(caller, read, { ownerId: 'x', departmentId: 'd1' })).toBe(false);
    expect(isInScope(caller, departments, { departmentId: 'd1' })).toBe(true);
  });

  it('answers out of scope as not found', () => {
    expect(() => requireInScope(principal([self]), read, { ownerId: 'x' }, 'Customer', 'c1')).toThrow('Customer c1 was not found');
  });

  it('renders the same rule as SQL with numbered parameters', () => {
    expect(dataScopeSql(principal([self, below]), read, { owner: 'c.owner_id', department: 'c.department_id' }, 3)).toEqual({
      sql: '(c.owner_id = $3 OR c.department_id = ANY($4::uuid[]))',
      parameters: ['me', ['d1', 'd2']],
    });
    expect(dataScopeSql(principal([admin]), read, { owner: 'c.owner_id' }, 1)).toEqual({ sql: 'TRUE', parameters: [] });
    expect(dataScopeSql(principal([self]), read, { department: 'd.id' }, 1)).toEqual({ sql: 'FALSE', parameters: [] });
  });
});
