import type { PermissionCode } from '@zhongshu/contracts';
import { scopeFor, type DataScopeKind, type Principal } from '@zhongshu/platform';
import type { DepartmentTree } from './department-tree.js';
import { roleReach } from './person-access.js';

/** What a role grants: the facts the grant rule is decided on. */
export interface RoleGrant {
  code: string;
  name: string;
  allPermissions: boolean;
  permissions: readonly string[];
  dataScope: DataScopeKind;
  scopeDepartmentIds: readonly string[];
}

/** The person a role is given to or taken from: their departments (main first) and the tree. */
export interface GrantHolder {
  departmentIds: readonly string[];
  tree: DepartmentTree;
}

/**
 * How wide each kind of scope is when a role is defined, before anyone holds it:
 * self < department < department-and-below < all. `chosen-departments` is not on this
 * line; it is compared by its departments.
 */
const WIDTH: Record<Exclude<DataScopeKind, 'chosen-departments'>, number> = { self: 0, department: 1, 'department-and-below': 2, all: 3 };

/**
 * Why `actor` may not grant `role` (empty: they may). Grant only what you hold: every
 * permission of the role, each with a data scope no wider than the actor's own for
 * that permission. An all-permissions role only a holder of one may grant.
 *
 * "No wider", for each permission of the role, against the actor's reach for it:
 * - the actor reaches `all`, or the role's scope is `self` (everyone's floor): fine;
 * - the role's scope is `all`: too wide;
 * - given to (or taken from) a person, `holder`: the departments the role reaches for
 *   that person must all lie within the actor's reach;
 * - as a definition (creating or editing a role): `chosen-departments` must name only
 *   departments within the actor's reach; `department` and `department-and-below` need
 *   a role of the actor's granting the permission with at least that kind on the line
 *   above (a chosen-departments role of the actor's is no measure for them).
 */
export function grantShortfalls(actor: Principal, role: RoleGrant, holder?: GrantHolder): string[] {
  if (role.allPermissions) {
    return actor.dataScope.grants.some((grant) => grant.allPermissions) ? [] : ['it grants every permission, and only a holder of such a role may grant or change one'];
  }
  const lacking = role.permissions.filter((code) => !actor.permissions.has(code));
  const problems = lacking.length > 0 ? [`you do not hold ${lacking.join(', ')}`] : [];
  const resolved = holder ? roleReach(role.dataScope, role.scopeDepartmentIds, holder.departmentIds, holder.tree) : undefined;
  // One line per kind of shortfall, naming every permission it applies to.
  const wider = new Map<string, string[]>();
  for (const permission of role.permissions) {
    if (!actor.permissions.has(permission)) continue;
    const problem = scopeShortfall(actor, permission as PermissionCode, role, resolved);
    if (problem) wider.set(problem, [...(wider.get(problem) ?? []), permission]);
  }
  for (const [problem, permissions] of wider) problems.push(`${problem} for ${permissions.join(', ')}`);
  return problems;
}

function scopeShortfall(actor: Principal, permission: PermissionCode, role: RoleGrant, resolved: readonly string[] | undefined): string | undefined {
  const reach = scopeFor(actor, permission);
  if (reach.all || role.dataScope === 'self') return undefined;
  if (role.dataScope === 'all') return 'its data scope "all" is wider than yours';
  const departments = resolved ?? (role.dataScope === 'chosen-departments' ? role.scopeDepartmentIds : undefined);
  if (departments) {
    const outside = departments.filter((id) => !reach.departmentIds.has(id));
    return outside.length > 0 ? `its departments ${outside.join(', ')} lie outside your reach` : undefined;
  }
  const widest = Math.max(0, ...reach.grants.map((grant) => (grant.kind === 'chosen-departments' ? 0 : WIDTH[grant.kind])));
  return WIDTH[role.dataScope as keyof typeof WIDTH] <= widest ? undefined : `its data scope "${role.dataScope}" is wider than yours`;
}
