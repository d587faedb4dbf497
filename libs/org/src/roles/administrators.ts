import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgError, OrgErrorCode } from '../org-error.js';

interface AdministratorRole {
  id: string;
  code: string;
  name: string;
  holders: number;
}

// Serialises the changes that may take an all-permissions role from its last active holder.
const ADMINISTRATORS_LOCK = 704_231_020;

/**
 * Keeps every all-permissions role (the built-in administrator) with at least one
 * active holder, so the system can never be left without an administrator. Start it
 * before a change that may take such a role from someone (revoking it, disabling or
 * offboarding a holder) and before locking any person row, then `check` after writing.
 * Starting takes a transaction lock, so two concurrent changes cannot each see the
 * other's holder still there.
 */
export class AdministratorWatch {
  private constructor(private readonly before: AdministratorRole[]) {}

  static async start(manager: EntityManager): Promise<AdministratorWatch> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMINISTRATORS_LOCK]);
    // Counted in a statement of its own: it then sees whatever committed while this one waited for the lock.
    return new AdministratorWatch(await activeHolders(manager));
  }

  /** Refuses (and so rolls back) the change when it left such a role without an active holder. */
  async check(manager: EntityManager): Promise<void> {
    if (this.before.length === 0) return;
    const after = new Map((await activeHolders(manager)).map((role) => [role.id, role.holders]));
    const orphaned = this.before.find((role) => role.holders > 0 && after.get(role.id) === 0);
    if (orphaned) {
      throw new OrgError(
        OrgErrorCode.LastAdministrator,
        HttpStatus.UNPROCESSABLE_ENTITY,
        `Nobody else active holds the role ${orphaned.code} (${orphaned.name}), which grants every permission: its last active holder keeps it and stays active, ` +
          'so the system always has an administrator. Give the role to someone else first.',
      );
    }
  }
}

async function activeHolders(manager: EntityManager): Promise<AdministratorRole[]> {
  return manager.query(
    `SELECT r.id, r.code, r.name,
            (SELECT count(*)::int FROM org.person_role pr JOIN org.person p ON p.id = pr.person_id
              WHERE pr.role_id = r.id AND p.status = 'active') AS holders
       FROM org.role r WHERE r.all_permissions`,
  );
}
