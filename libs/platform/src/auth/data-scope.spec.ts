import { describe, expect, it } from '@jest/globals';
import { combineGrants, dataScopeSql, explainAccess, isInScope, requireInScope } from './data-scope.js';
import type { DataScopeGrant, Principal } from './principal.js';

function principal(grants: DataScopeGrant[]): Principal {
  return { userId: 'me', username: 'me', permissions: new Set(), departmentIds: ['d1'], dataScope: combineGrants(grants) };
}

const self: DataScopeGrant = { roleCode: 'employee', roleName: '员工', kind: 'self', departmentIds: [] };
const below: DataScopeGrant = { roleCode: 'manager', roleName: '经理', kind: 'department-and-below', departmentIds: ['d1', 'd2'] };
const all: DataScopeGrant = { roleCode: 'admin', roleName: '管理员', kind: 'all', departmentIds: [] };

describe('data scope rules', () => {
  it('self reaches only the caller\'s own records', () => {
    const caller = principal([self]);
    expect(isInScope(caller, { ownerId: 'me', departmentId: 'd9' })).toBe(true);
    expect(isInScope(caller, { ownerId: 'other', departmentId: 'd1' })).toBe(false);
  });

  it('departments reach records of those departments; roles add up', () => {
    const caller = principal([self, below]);
    expect(isInScope(caller, { ownerId: 'other', departmentId: 'd2' })).toBe(true);
    expect(isInScope(caller, { ownerId: 'other', departmentId: 'd3' })).toBe(false);
    expect(explainAccess(caller, { ownerId: 'other', departmentId: 'd2' })).toEqual([
      { roleCode: 'manager', roleName: '经理', kind: 'department-and-below', matchedBy: 'department', departmentId: 'd2' },
    ]);
  });

  it('all reaches everything, and says so', () => {
    expect(explainAccess(principal([all]), { departmentId: 'anything' })).toEqual([{ roleCode: 'admin', roleName: '管理员', kind: 'all', matchedBy: 'all' }]);
  });

  it('a caller without roles still owns their own records', () => {
    expect(explainAccess(principal([]), { ownerId: 'me' })).toEqual([{ roleCode: '', roleName: 'own record', kind: 'self', matchedBy: 'owner' }]);
    expect(isInScope(principal([]), { ownerId: 'x', departmentId: 'd1' })).toBe(false);
  });

  it('answers out of scope as not found', () => {
    expect(() => requireInScope(principal([self]), { ownerId: 'x' }, 'Customer', 'c1')).toThrow('Customer c1 was not found');
  });

  it('renders the same rule as SQL with numbered parameters', () => {
    expect(dataScopeSql(principal([self, below]), { owner: 'c.owner_id', department: 'c.department_id' }, 3)).toEqual({
      sql: '(c.owner_id = $3 OR c.department_id = ANY($4::uuid[]))',
      parameters: ['me', ['d1', 'd2']],
    });
    expect(dataScopeSql(principal([all]), { owner: 'c.owner_id' }, 1)).toEqual({ sql: 'TRUE', parameters: [] });
    expect(dataScopeSql(principal([self]), { department: 'd.id' }, 1)).toEqual({ sql: 'FALSE', parameters: [] });
  });
});
