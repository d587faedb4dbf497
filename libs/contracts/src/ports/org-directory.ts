/**
 * The org context's synchronous query port: the reporting-line questions another
 * context (approvals first) must answer while it works, implemented by org and
 * injected by token, so nobody imports org itself.
 *
 * The rule for this port and every port after it: the caller usually asks inside its
 * own transaction (`UnitOfWork.run`), so the implementation answers on that
 * transaction's connection, by querying through `UnitOfWork.manager` (the running
 * transaction's manager, the pooled one outside any), never through `DataSource`, a
 * repository injected from it, or a connection of its own. Then it sees what the caller
 * has written but not yet committed, and it never asks the pool for a second connection
 * while the caller holds one: with every connection held by such callers (a busy event
 * worker), that second request would wait forever. A port method does not open a
 * transaction of its own and does not write. `test/ports/` proves it per port.
 */
export interface DepartmentLeader {
  /** 0 = the person's own (main) department, 1 = its parent, and so on. */
  level: number;
  departmentId: string;
  departmentName: string;
  /** null when the department has no active leader. */
  leaderId: string | null;
  leaderName: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
  username: string;
}

/** What approvals need to know of a person: where they sit, their grade, whether they are still here. */
export interface PersonProfile {
  id: string;
  name: string;
  username: string;
  /** The main department. */
  departmentId: string;
  positionId: string | null;
  /** 职级: the job grade of the person's position; null without a position or a grade. */
  level: number | null;
  /** The direct manager (直属上级). */
  managerId: string | null;
  status: 'active' | 'disabled' | 'left';
}

/** A department as approvals see it: its leader (active people only) and whether it is open. */
export interface DepartmentProfile {
  id: string;
  name: string;
  parentId: string | null;
  status: 'active' | 'archived';
  /** 负责人, when the department has one who is active. */
  leaderId: string | null;
  leaderName: string | null;
}

/** A person as leave entitlements see them: when they joined, whether they are still here. */
export interface EmployeeRecord {
  id: string;
  name: string;
  departmentId: string;
  /** YYYY-MM-DD; null when org does not know it. */
  hireDate: string | null;
  status: 'active' | 'disabled' | 'left';
}

export interface OrgDirectory {
  /** The leader of the person's department and of up to `levelsUp` departments above it. */
  departmentLeaders(personId: string, levelsUp: number): Promise<DepartmentLeader[]>;
  /** The direct manager first, then theirs, up the chain. */
  managerChain(personId: string): Promise<PersonRef[]>;
  /** Active people holding the position in the department (main or part-time post). */
  holdersOfPosition(departmentId: string, positionId: string): Promise<PersonRef[]>;
  /** Active people holding the position in any department (main or part-time post). */
  holdersOfPositionAnywhere(positionId: string): Promise<PersonRef[]>;
  /** Active people holding the role (by org's role code); empty for an unknown code. */
  holdersOfRole(roleCode: string): Promise<PersonRef[]>;
  /** The people with these ids, whatever their status; unknown ids are simply absent. */
  people(ids: readonly string[]): Promise<PersonProfile[]>;
  /** Every person (any status) with their hire date, or those with these ids; in id order. */
  employees(ids?: readonly string[]): Promise<EmployeeRecord[]>;
  /** The departments with these ids, with their active leader; unknown ids are simply absent. */
  departments(ids: readonly string[]): Promise<DepartmentProfile[]>;
}

export const ORG_DIRECTORY = Symbol.for('zhongshu.org-directory');
