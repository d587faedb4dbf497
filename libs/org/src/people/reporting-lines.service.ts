import { Injectable } from '@nestjs/common';
import type { DepartmentLeader, DepartmentProfile, EmployeeRecord, OrgDirectory, PersonProfile, PersonRef } from '@zhongshu/contracts';
import { UnitOfWork } from '@zhongshu/platform';

/**
 * The reporting-line questions approvals ask: who leads this person's department and
 * the ones above it; who is their manager, and that manager's manager; who holds a
 * position in a department. Cycle-safe even on bad data (depth-bounded).
 *
 * As the ORG_DIRECTORY port it is called by other contexts inside their own
 * transactions, so every query goes through `uow.manager`: the caller's transaction
 * when there is one (it sees the caller's uncommitted changes, and takes no second
 * connection from a pool the caller may have exhausted), the pool outside any.
 */
@Injectable()
export class ReportingLines implements OrgDirectory {
  constructor(private readonly uow: UnitOfWork) {}

  /** Level 0 is the person's main department, level 1 its parent, up to `levelsUp`. */
  async departmentLeaders(personId: string, levelsUp: number): Promise<DepartmentLeader[]> {
    const rows = await this.uow.manager.query(
      `WITH RECURSIVE up (department_id, level) AS (
         SELECT main_department_id, 0 FROM org.person WHERE id = $1
         UNION ALL
         SELECT d.parent_id, up.level + 1 FROM up JOIN org.department d ON d.id = up.department_id
          WHERE d.parent_id IS NOT NULL AND up.level < $2
       )
       SELECT up.level, d.id AS department_id, d.name AS department_name, l.id AS leader_id, l.name AS leader_name
         FROM up JOIN org.department d ON d.id = up.department_id
         LEFT JOIN org.person l ON l.id = d.leader_id AND l.status = 'active'
        ORDER BY up.level`,
      [personId, levelsUp],
    );
    return rows.map((row: Record<string, unknown>) => ({
      level: Number(row.level),
      departmentId: row.department_id as string,
      departmentName: row.department_name as string,
      leaderId: (row.leader_id as string | null) ?? null,
      leaderName: (row.leader_name as string | null) ?? null,
    }));
  }

  /** The direct manager first, then theirs, to the top (at most 50 steps). */
  async managerChain(personId: string): Promise<PersonRef[]> {
    return this.uow.manager.query(
      `WITH RECURSIVE chain (id, depth, path) AS (
         SELECT manager_id, 1, ARRAY[id] FROM org.person WHERE id = $1 AND manager_id IS NOT NULL
         UNION ALL
         SELECT p.manager_id, chain.depth + 1, chain.path || p.id FROM chain JOIN org.person p ON p.id = chain.id
          WHERE p.manager_id IS NOT NULL AND chain.depth < 50 AND NOT p.manager_id = ANY(chain.path || p.id)
       )
       SELECT p.id, p.name, p.username FROM chain JOIN org.person p ON p.id = chain.id ORDER BY chain.depth`,
      [personId],
    );
  }

  /** Active people holding the position in the department, in their main or a part-time post. */
  async holdersOfPosition(departmentId: string, positionId: string): Promise<PersonRef[]> {
    return this.uow.manager.query(
      `SELECT p.id, p.name, p.username FROM org.person p
        WHERE p.status = 'active' AND (
              (p.main_department_id = $1 AND p.position_id = $2)
           OR EXISTS (SELECT 1 FROM org.part_time_post t WHERE t.person_id = p.id AND t.department_id = $1 AND t.position_id = $2))
        ORDER BY p.name, p.id`,
      [departmentId, positionId],
    );
  }

  /** Active people holding the position in any department, in their main or a part-time post. */
  async holdersOfPositionAnywhere(positionId: string): Promise<PersonRef[]> {
    return this.uow.manager.query(
      `SELECT p.id, p.name, p.username FROM org.person p
        WHERE p.status = 'active' AND (
              p.position_id = $1
           OR EXISTS (SELECT 1 FROM org.part_time_post t WHERE t.person_id = p.id AND t.position_id = $1))
        ORDER BY p.name, p.id`,
      [positionId],
    );
  }

  /** Active holders of the role with this code. */
  async holdersOfRole(roleCode: string): Promise<PersonRef[]> {
    return this.uow.manager.query(
      `SELECT p.id, p.name, p.username FROM org.role r
         JOIN org.person_role pr ON pr.role_id = r.id
         JOIN org.person p ON p.id = pr.person_id
        WHERE r.code = $1 AND p.status = 'active'
        ORDER BY p.name, p.id`,
      [roleCode],
    );
  }

  /** Profiles by id (primary key lookups); the grade comes from the person's position. */
  async people(ids: readonly string[]): Promise<PersonProfile[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      `SELECT p.id, p.name, p.username, p.main_department_id, p.position_id, pos.level, p.manager_id, p.status
         FROM org.person p LEFT JOIN org.position pos ON pos.id = p.position_id
        WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      username: row.username as string,
      departmentId: row.main_department_id as string,
      positionId: (row.position_id as string | null) ?? null,
      level: row.level === null || row.level === undefined ? null : Number(row.level),
      managerId: (row.manager_id as string | null) ?? null,
      status: row.status as PersonProfile['status'],
    }));
  }

  /** People with their hire dates: everyone, or those with these ids. */
  async employees(ids?: readonly string[]): Promise<EmployeeRecord[]> {
    const rows: Array<{ id: string; name: string; main_department_id: string; hire_date: string | null; status: EmployeeRecord['status'] }> = await this.uow.manager.query(
      `SELECT id, name, main_department_id, to_char(hire_date, 'YYYY-MM-DD') AS hire_date, status FROM org.person
        WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY id`,
      [ids ? [...new Set(ids)] : null],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, departmentId: row.main_department_id, hireDate: row.hire_date, status: row.status }));
  }

  /** Departments by id, each with its leader when that leader is active. */
  async departments(ids: readonly string[]): Promise<DepartmentProfile[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      `SELECT d.id, d.name, d.parent_id, d.status, l.id AS leader_id, l.name AS leader_name
         FROM org.department d LEFT JOIN org.person l ON l.id = d.leader_id AND l.status = 'active'
        WHERE d.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      parentId: (row.parent_id as string | null) ?? null,
      status: row.status as DepartmentProfile['status'],
      leaderId: (row.leader_id as string | null) ?? null,
      leaderName: (row.leader_name as string | null) ?? null,
    }));
  }
}
