import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until now leaving did not take a person off the departments they led, so a
 * department could still show a leader or deputy who had left. From now on leaving
 * clears them (with an `org.department.changed`); this clears those left behind. No
 * event is written for them: no context keeps department snapshots yet, and the audit
 * trigger records each change (as `system`).
 */
export class LeaversLeadNoMore1764100000001 implements MigrationInterface {
  name = 'LeaversLeadNoMore1764100000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE org.department d
         SET leader_id = CASE WHEN leader.status = 'left' THEN NULL ELSE d.leader_id END,
             deputy_id = CASE WHEN deputy.status = 'left' THEN NULL ELSE d.deputy_id END,
             version = d.version + 1, updated_at = now()
        FROM org.department d2
        LEFT JOIN org.person leader ON leader.id = d2.leader_id
        LEFT JOIN org.person deputy ON deputy.id = d2.deputy_id
       WHERE d2.id = d.id AND (leader.status = 'left' OR deputy.status = 'left')`);
  }

  async down(): Promise<void> {
    // Who led before leaving is in the audit trail; putting them back would be wrong.
  }
}
