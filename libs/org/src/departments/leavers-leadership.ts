import type { EntityManager } from 'typeorm';
import type { DepartmentSnapshots, OrgEvents } from '../events/org-events.js';

/**
 * A person who leaves stops leading: the departments they lead or deputise for lose
 * them in the transaction of the leaving, each with its `org.department.changed`.
 *
 * Lock order matters. A department edit locks the department and then, naming a
 * leader, the leader's row (the foreign key check); so the departments are locked
 * here before the leaver's row is (`lock`, before `beforePeople`), and `clear`, after
 * the leaver's row is locked, picks up any department that named them in between.
 */
export class LeaversLeadership {
  private constructor(
    private readonly orgEvents: OrgEvents,
    private readonly personIds: readonly string[],
    private readonly before: DepartmentSnapshots,
  ) {}

  static async lock(manager: EntityManager, orgEvents: OrgEvents, personIds: readonly string[]): Promise<LeaversLeadership> {
    const led = personIds.length === 0 ? [] : await ledBy(manager, personIds);
    return new LeaversLeadership(orgEvents, personIds, await orgEvents.beforeDepartments(manager, led));
  }

  /** Clears the leader and deputy who left, and emits for each department that changed. */
  async clear(manager: EntityManager): Promise<void> {
    if (this.personIds.length === 0) return;
    const led = await ledBy(manager, this.personIds);
    if (led.length === 0) return;
    const late = await this.orgEvents.beforeDepartments(
      manager,
      led.filter((id) => !this.before.has(id)),
    );
    await manager.query(
      `UPDATE org.department
          SET leader_id = CASE WHEN leader_id = ANY($2::uuid[]) THEN NULL ELSE leader_id END,
              deputy_id = CASE WHEN deputy_id = ANY($2::uuid[]) THEN NULL ELSE deputy_id END,
              version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [led, this.personIds],
    );
    await this.orgEvents.publishDepartments(manager, new Map([...this.before, ...late]), led);
  }
}

async function ledBy(manager: EntityManager, personIds: readonly string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    'SELECT id FROM org.department WHERE leader_id = ANY($1::uuid[]) OR deputy_id = ANY($1::uuid[]) ORDER BY id',
    [personIds],
  );
  return rows.map((row) => row.id);
}
