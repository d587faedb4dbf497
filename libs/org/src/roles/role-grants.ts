import type { EntityManager } from 'typeorm';
import type { Principal } from '@zhongshu/platform';
import type { DepartmentTree } from '../access/department-tree.js';
import { grantShortfalls, type GrantHolder, type RoleGrant } from '../access/grant-rules.js';

/** A role as the grant rule reads it. */
export interface RoleRecord extends RoleGrant {
  id: string;
}

const ROLE_COLUMNS = `r.id, r.code, r.name, r.permissions, r.all_permissions AS "allPermissions", r.data_scope AS "dataScope",
  r.scope_department_ids AS "scopeDepartmentIds"`;

export function roleLabel(role: Pick<RoleGrant, 'code' | 'name'>): string {
  return `the role ${role.code} (${role.name})`;
}

export async function allRoles(manager: EntityManager): Promise<RoleRecord[]> {
  return manager.query(`SELECT ${ROLE_COLUMNS} FROM org.role r`);
}

export async function rolesByCode(manager: EntityManager, codes: readonly string[]): Promise<RoleRecord[]> {
  return manager.query(`SELECT ${ROLE_COLUMNS} FROM org.role r WHERE r.code = ANY($1)`, [codes]);
}

/** The roles each of these people holds now. */
export async function rolesOfPeople(manager: EntityManager, personIds: readonly string[]): Promise<Map<string, RoleRecord[]>> {
  const rows: Array<RoleRecord & { personId: string }> = await manager.query(
    `SELECT pr.person_id AS "personId", ${ROLE_COLUMNS} FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id WHERE pr.person_id = ANY($1)`,
    [personIds],
  );
  const held = new Map<string, RoleRecord[]>(personIds.map((id) => [id, []]));
  for (const { personId, ...role } of rows) held.get(personId)?.push(role);
  return held;
}

/** Each person's part-time post departments (their main department the caller knows already). */
export async function postDepartmentsOf(manager: EntityManager, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ person_id: string; department_id: string }> = await manager.query(
    'SELECT person_id, department_id FROM org.part_time_post WHERE person_id = ANY($1) ORDER BY created_at',
    [personIds],
  );
  const posts = new Map<string, string[]>();
  for (const row of rows) posts.set(row.person_id, [...(posts.get(row.person_id) ?? []), row.department_id]);
  return posts;
}

export function holder(mainDepartmentId: string, postDepartmentIds: readonly string[], tree: DepartmentTree): GrantHolder {
  return { departmentIds: [...new Set([mainDepartmentId, ...postDepartmentIds])], tree };
}

/**
 * Why `actor` may not change one person's roles from `current` to `wanted`: every role
 * given and every role taken away must be one the actor could grant that person
 * (grant-rules.ts); roles the person keeps are not the actor's business.
 */
export function assignmentRefusals(
  actor: Principal,
  person: GrantHolder,
  current: readonly RoleRecord[],
  wanted: readonly RoleRecord[],
): Array<{ action: string; problems: string[] }> {
  const { added, removed } = roleChanges(current, wanted);
  const changes = [...added.map((role) => ({ role, action: `grant ${roleLabel(role)}` })), ...removed.map((role) => ({ role, action: `take away ${roleLabel(role)}` }))];
  return changes.map(({ role, action }) => ({ action, problems: grantShortfalls(actor, role, person) })).filter((refusal) => refusal.problems.length > 0);
}

/** Why `actor` may not act as a person holding `held` (set their password): each role they could not grant that person. */
export function takeoverRefusals(actor: Principal, person: GrantHolder, held: readonly RoleRecord[]): Array<{ action: string; problems: string[] }> {
  return held
    .map((role) => ({ action: `set the password of a holder of ${roleLabel(role)}`, problems: grantShortfalls(actor, role, person) }))
    .filter((refusal) => refusal.problems.length > 0);
}

/** The roles a change from `current` to `wanted` gives and takes away. */
export function roleChanges<R extends { id: string }>(current: readonly R[], wanted: readonly R[]): { added: R[]; removed: R[] } {
  return {
    added: [...new Map(wanted.filter((role) => !current.some((held) => held.id === role.id)).map((role) => [role.id, role])).values()],
    removed: current.filter((role) => !wanted.some((kept) => kept.id === role.id)),
  };
}
