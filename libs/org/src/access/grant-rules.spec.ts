import { describe, expect, it } from '@jest/globals';
import { OrgPermission } from '@zhongshu/contracts';
import { combineGrants, type DataScopeGrant, type Principal } from '@zhongshu/platform';
import { DepartmentTree } from './department-tree.js';
import { grantShortfalls, type RoleGrant } from './grant-rules.js';

//   hq
//   ├── sales ── east
//   └── prod
const tree = new DepartmentTree([
  { id: 'hq', parentId: null },
  { id: 'sales', parentId: 'hq' },
  { id: 'east', parentId: 'sales' },
  { id: 'prod', parentId: 'hq' },
]);

const read = OrgPermission.PersonRead;
const update = OrgPermission.PersonUpdate;
const disable = OrgPermission.PersonDisable;

function actor(...grants: DataScopeGrant[]): Principal {
  return { userId: 'me', username: 'me', permissions: new Set(grants.flatMap((grant) => grant.permissions)), departmentIds: ['sales'], dataScope: combineGrants(grants) };
}

function grant(kind: DataScopeGrant['kind'], departmentIds: string[], permissions: string[], allPermissions = false): DataScopeGrant {
  return { roleCode: kind, roleName: kind, kind, departmentIds, permissions, allPermissions };
}

function role(dataScope: RoleGrant['dataScope'], permissions: string[], scopeDepartmentIds: string[] = []): RoleGrant {
  return { code: 'r', name: 'r', allPermissions: false, permissions, dataScope, scopeDepartmentIds };
}

const salesLead = actor(grant('department-and-below', ['sales', 'east'], [read, update]));
const admin: RoleGrant = { code: 'admin', name: 'admin', allPermissions: true, permissions: [], dataScope: 'all', scopeDepartmentIds: [] };

describe('grant only what you hold', () => {
  it('lets only a holder of an all-permissions role grant one', () => {
    expect(grantShortfalls(salesLead, admin)).toEqual(['it grants every permission, and only a holder of such a role may grant or change one']);
    expect(grantShortfalls(actor(grant('all', [], [], true)), admin)).toEqual([]);
    // Holding every permission one by one, with all, is not holding the administrator role.
    expect(grantShortfalls(actor(grant('all', [], [read, update, disable])), admin)).toHaveLength(1);
  });

  it('names the permissions the actor does not hold', () => {
    expect(grantShortfalls(salesLead, role('self', [read, disable]))).toEqual([`you do not hold ${disable}`]);
  });

  it('ranks scope kinds for a role definition: self < department < department-and-below < all', () => {
    expect(grantShortfalls(salesLead, role('self', [read]))).toEqual([]);
    expect(grantShortfalls(salesLead, role('department', [read]))).toEqual([]);
    expect(grantShortfalls(salesLead, role('department-and-below', [read, update]))).toEqual([]);
    expect(grantShortfalls(salesLead, role('all', [read, update]))).toEqual([`its data scope "all" is wider than yours for ${read}, ${update}`]);
    const departmentOnly = actor(grant('department', ['sales'], [read]));
    expect(grantShortfalls(departmentOnly, role('department-and-below', [read]))).toEqual([`its data scope "department-and-below" is wider than yours for ${read}`]);
    expect(grantShortfalls(actor(grant('all', [], [read])), role('all', [read]))).toEqual([]);
  });

  it('measures chosen departments by the actor\'s reach for each permission', () => {
    expect(grantShortfalls(salesLead, role('chosen-departments', [read], ['east']))).toEqual([]);
    expect(grantShortfalls(salesLead, role('chosen-departments', [read], ['east', 'prod']))).toEqual([`its departments prod lie outside your reach for ${read}`]);
    // A chosen-departments actor is no measure for a relative kind.
    const chosen = actor(grant('chosen-departments', ['sales', 'east'], [read]));
    expect(grantShortfalls(chosen, role('department', [read]))).toEqual([`its data scope "department" is wider than yours for ${read}`]);
  });

  it('takes the scope of each permission from the roles that grant it', () => {
    // Reads everything, but updates only in 销售部 and below.
    const mixed = actor(grant('all', [], [read]), grant('department-and-below', ['sales', 'east'], [update]));
    expect(grantShortfalls(mixed, role('all', [read]))).toEqual([]);
    expect(grantShortfalls(mixed, role('all', [read, update]))).toEqual([`its data scope "all" is wider than yours for ${update}`]);
  });

  it('resolves the role for the person it is given to', () => {
    const inEast = { departmentIds: ['east'], tree };
    const postedInProd = { departmentIds: ['east', 'prod'], tree };
    expect(grantShortfalls(salesLead, role('department-and-below', [read]), inEast)).toEqual([]);
    expect(grantShortfalls(salesLead, role('department', [read]), postedInProd)).toEqual([`its departments prod lie outside your reach for ${read}`]);
    // For a person, a chosen-departments actor measures a relative kind by what it reaches.
    const chosen = actor(grant('chosen-departments', ['sales', 'east'], [read]));
    expect(grantShortfalls(chosen, role('department-and-below', [read]), inEast)).toEqual([]);
    expect(grantShortfalls(chosen, role('all', [read]), inEast)).toEqual([`its data scope "all" is wider than yours for ${read}`]);
  });
});
