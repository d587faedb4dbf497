import type { EntityManager } from 'typeorm';
import type { PermissionCode } from '@zhongshu/contracts';
import { isInScope, type Principal } from '@zhongshu/platform';

/**
 * Looks up a department a write refers to (a parent, a department to place someone
 * in). One outside the caller's reach for the permission of that write is not
 * returned, exactly as one that does not exist, so the answer cannot tell them apart
 * and ids cannot be probed.
 */
export async function findReachableDepartment(
  manager: EntityManager,
  principal: Principal,
  permission: PermissionCode,
  id: string,
): Promise<{ name: string; status: string } | undefined> {
  const [row] = await manager.query('SELECT name, status FROM org.department WHERE id = $1', [id]);
  if (!row || !isInScope(principal, permission, { departmentId: id })) return undefined;
  return row;
}

/** The same for a person a write refers to (a manager, a leader): their own record, or their main department, must be in reach. */
export async function findReachablePerson(
  manager: EntityManager,
  principal: Principal,
  permission: PermissionCode,
  id: string,
): Promise<{ status: string } | undefined> {
  const [row] = await manager.query('SELECT status, main_department_id FROM org.person WHERE id = $1', [id]);
  if (!row || !isInScope(principal, permission, { ownerId: id, departmentId: row.main_department_id })) return undefined;
  return { status: row.status };
}
