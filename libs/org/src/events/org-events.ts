import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgDepartmentSnapshot, OrgPersonSnapshot } from '@zhongshu/contracts';
import { EventBus } from '@zhongshu/platform';
import { changedDepartmentFields, changedPersonFields } from './org-snapshots.js';

export type PersonSnapshots = Map<string, OrgPersonSnapshot>;
export type DepartmentSnapshots = Map<string, OrgDepartmentSnapshot>;

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
   * The lock is a statement of its own: a read that waited for it must take a fresh
   * snapshot, or it would miss the part-time posts the previous writer committed.
   */
  async beforePeople(manager: EntityManager, ids: readonly string[]): Promise<PersonSnapshots> {
    await this.lock(manager, 'org.person', ids);
    return this.people(manager, ids);
  }

  async beforeDepartments(manager: EntityManager, ids: readonly string[]): Promise<DepartmentSnapshots> {
    await this.lock(manager, 'org.department', ids);
    return this.departments(manager, ids);
  }

  /** A person written just now, with the snapshot their INSERT returned. */
  async hired(snapshot: OrgPersonSnapshot): Promise<void> {
    await this.events.emit('org.person.hired', snapshot.personId, snapshot);
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

  private async lock(manager: EntityManager, table: 'org.person' | 'org.department', ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  private async people(manager: EntityManager, ids: readonly string[]): Promise<PersonSnapshots> {
    if (ids.length === 0) return new Map();
    const rows: OrgPersonSnapshot[] = await manager.query(
      `SELECT p.id AS "personId", p.employee_no AS "employeeNo", p.name, p.username, p.email, p.mobile,
              p.main_department_id AS "departmentId", p.position_id AS "positionId", p.manager_id AS "managerId",
              to_char(p.hire_date, 'YYYY-MM-DD') AS "hireDate", p.status,
              COALESCE((SELECT json_agg(json_build_object('departmentId', t.department_id, 'positionId', t.position_id) ORDER BY t.department_id)
                          FROM org.part_time_post t WHERE t.person_id = p.id), '[]'::json) AS "partTimePosts"
         FROM org.person p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.personId, row]));
  }

  private async departments(manager: EntityManager, ids: readonly string[]): Promise<DepartmentSnapshots> {
    if (ids.length === 0) return new Map();
    const rows: OrgDepartmentSnapshot[] = await manager.query(
      `SELECT id AS "departmentId", code, name, parent_id AS "parentId", leader_id AS "leaderId", deputy_id AS "deputyId", status
         FROM org.department WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.departmentId, row]));
  }
}
