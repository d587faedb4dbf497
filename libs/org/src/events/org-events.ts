import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgDepartmentSnapshot, OrgDepartmentStatus, OrgPartTimePost, OrgPersonSnapshot, OrgPersonStatus } from '@zhongshu/contracts';
import { EventBus } from '@zhongshu/platform';
import { changedDepartmentFields, changedPersonFields } from './org-snapshots.js';

export type PersonSnapshots = Map<string, OrgPersonSnapshot>;
export type DepartmentSnapshots = Map<string, OrgDepartmentSnapshot>;

interface PersonRow {
  id: string;
  employee_no: string;
  name: string;
  username: string;
  email: string | null;
  mobile: string | null;
  main_department_id: string;
  position_id: string | null;
  manager_id: string | null;
  hire_date: string | null;
  status: OrgPersonStatus;
  part_time_posts: OrgPartTimePost[];
}

interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  leader_id: string | null;
  deputy_id: string | null;
  status: OrgDepartmentStatus;
}

/**
 * Publishes what happened to people and departments, in the transaction that changed
 * them. Every writer works the same way: `beforePeople` / `beforeDepartments` read (and
 * lock) the records it is about to change, it writes, then `publishPeople` /
 * `publishDepartments` read them again and emit an event for each difference:
 * hired / created for a record that was not there before, `changed` for snapshot
 * fields, `status-changed`, `moved` and `archived` for the changes that have events of
 * their own, nothing for a record that ends up as it was.
 *
 * Reading the snapshots back from the database, rather than from the entities the
 * writer holds, makes the payload exactly what was committed, whichever way the rows
 * were written (entities, raw SQL of the import, the demo seed).
 */
@Injectable()
export class OrgEvents {
  constructor(private readonly events: EventBus) {}

  /**
   * The people's snapshots before a change. Their rows are locked until the transaction
   * ends (in id order, so two writers cannot deadlock on each other), so nobody changes
   * them between this read and the writer's own update: the difference is the writer's.
   */
  async beforePeople(manager: EntityManager, ids: readonly string[]): Promise<PersonSnapshots> {
    if (ids.length === 0) return new Map();
    await manager.query('SELECT id FROM org.person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
    return this.people(manager, ids);
  }

  async beforeDepartments(manager: EntityManager, ids: readonly string[]): Promise<DepartmentSnapshots> {
    if (ids.length === 0) return new Map();
    await manager.query('SELECT id FROM org.department WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
    return this.departments(manager, ids);
  }

  /** Emits, in the order of `ids`, what changed for each person since `before`. */
  async publishPeople(manager: EntityManager, before: PersonSnapshots, ids: readonly string[]): Promise<void> {
    const after = await this.people(manager, ids);
    for (const id of ids) {
      const now = after.get(id);
      if (!now) throw new Error(`Person ${id} was written but cannot be read back in the same transaction`);
      const was = before.get(id);
      if (!was) {
        await this.events.emit('org.person.hired', id, now);
        continue;
      }
      const changed = changedPersonFields(was, now);
      if (changed.length > 0) await this.events.emit('org.person.changed', id, { ...now, changed });
      if (was.status !== now.status) {
        await this.events.emit('org.person.status-changed', id, { personId: id, status: now.status, previousStatus: was.status });
      }
    }
  }

  /** Emits, in the order of `ids`, what changed for each department since `before`. */
  async publishDepartments(manager: EntityManager, before: DepartmentSnapshots, ids: readonly string[]): Promise<void> {
    const after = await this.departments(manager, ids);
    for (const id of ids) {
      const now = after.get(id);
      if (!now) throw new Error(`Department ${id} was written but cannot be read back in the same transaction`);
      const was = before.get(id);
      if (!was) {
        await this.events.emit('org.department.created', id, now);
        continue;
      }
      const changed = changedDepartmentFields(was, now);
      if (changed.length > 0) await this.events.emit('org.department.changed', id, { ...now, changed });
      if (was.parentId !== now.parentId) {
        await this.events.emit('org.department.moved', id, { departmentId: id, parentId: now.parentId, previousParentId: was.parentId });
      }
      if (was.status !== now.status) {
        // Archiving is the only way a department's status changes; anything else would
        // change snapshots downstream without an event saying so.
        if (now.status !== 'archived') throw new Error(`Department ${id} went from ${was.status} to ${now.status}, which no org event describes`);
        await this.events.emit('org.department.archived', id, { departmentId: id });
      }
    }
  }

  async departmentDeleted(id: string): Promise<void> {
    await this.events.emit('org.department.deleted', id, { departmentId: id });
  }

  private async people(manager: EntityManager, ids: readonly string[]): Promise<PersonSnapshots> {
    if (ids.length === 0) return new Map();
    const rows: PersonRow[] = await manager.query(
      `SELECT p.id, p.employee_no, p.name, p.username, p.email, p.mobile, p.main_department_id, p.position_id, p.manager_id,
              to_char(p.hire_date, 'YYYY-MM-DD') AS hire_date, p.status,
              COALESCE((SELECT json_agg(json_build_object('departmentId', t.department_id, 'positionId', t.position_id) ORDER BY t.department_id)
                          FROM org.part_time_post t WHERE t.person_id = p.id), '[]'::json) AS part_time_posts
         FROM org.person p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          personId: row.id,
          employeeNo: row.employee_no,
          name: row.name,
          username: row.username,
          email: row.email,
          mobile: row.mobile,
          departmentId: row.main_department_id,
          positionId: row.position_id,
          managerId: row.manager_id,
          hireDate: row.hire_date,
          status: row.status,
          partTimePosts: row.part_time_posts,
        },
      ]),
    );
  }

  private async departments(manager: EntityManager, ids: readonly string[]): Promise<DepartmentSnapshots> {
    if (ids.length === 0) return new Map();
    const rows: DepartmentRow[] = await manager.query(
      'SELECT id, code, name, parent_id, leader_id, deputy_id, status FROM org.department WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          departmentId: row.id,
          code: row.code,
          name: row.name,
          parentId: row.parent_id,
          leaderId: row.leader_id,
          deputyId: row.deputy_id,
          status: row.status,
        },
      ]),
    );
  }
}
