import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DemoRoleCode, PermissionCode } from '@zhongshu/contracts';

export const DEMO_SEEDER = 'zhongshu:demo-seeder';

export interface DemoSeederOptions {
  /**
   * The seeders whose records this one needs, by name (`org.structure` before CRM's
   * customers, which have owners). Start-up refuses a name no loaded seeder has.
   */
  after?: readonly string[];
}

/** The permissions a context gives each demo role (libs/contracts `DEMO_ROLE_CODES`). */
export type DemoRoleGrants = Partial<Record<DemoRoleCode, readonly PermissionCode[]>>;

/**
 * One context's part of the demo company, run once per database in its own
 * transaction and recorded by name in `platform.seed_run`; a context that lands later
 * is seeded into an existing demo database at its next start.
 */
export interface DemoSeed {
  /** Stable and unique, `<context>.<what>`: it is what `platform.seed_run` records. */
  readonly name: string;
  /** Granted to the demo roles in the same transaction as the seed. */
  readonly roleGrants?: DemoRoleGrants;
  seed(manager: EntityManager): Promise<void>;
}

export const DemoSeeder = (options: DemoSeederOptions = {}): ClassDecorator => SetMetadata(DEMO_SEEDER, options);

/**
 * Implemented by the context that owns roles (org) and bound to DEMO_ROLE_GRANTER:
 * adds permissions to the demo roles, leaving what they hold and roles that are gone
 * (an administrator deleted one) alone.
 */
export interface DemoRoleGranter {
  grant(manager: EntityManager, grants: DemoRoleGrants): Promise<void>;
}

export const DEMO_ROLE_GRANTER = Symbol('DEMO_ROLE_GRANTER');
