import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AuditScope } from '../audit/audit-scope.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from '../database/ids.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DEMO_SEEDER, type DemoSeed, type DemoSeederOptions } from './demo-seeder.js';

const DEMO_SEED_NAME = 'demo';

/**
 * Fills the believable demo company once: on the first start in demo mode, every
 * `@DemoSeeder` of every context runs in order inside one transaction, and a row in
 * platform.seed_run marks it done, so a restart keeps what users changed since.
 */
@Injectable()
export class SeedRunner {
  private readonly logger = new Logger(SeedRunner.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
  ) {}

  seeders(): Array<{ options: DemoSeederOptions; seeder: DemoSeed }> {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({
        options: this.reflector.get<DemoSeederOptions | undefined>(DEMO_SEEDER, wrapper.metatype as object as Function),
        seeder: wrapper.instance as DemoSeed,
      }))
      .filter((entry): entry is { options: DemoSeederOptions; seeder: DemoSeed } => entry.options !== undefined)
      .sort((a, b) => a.options.order - b.options.order || a.seeder.name.localeCompare(b.seeder.name));
  }

  /**
   * Returns true when it seeded now, false when the demo company was already there.
   * The whole seed is one flow: its audit rows and events share one correlation id.
   */
  async seedDemoOnce(): Promise<boolean> {
    const flow = newId();
    const context = { requestId: `seed-${flow}`, correlationId: `seed-${flow}` };
    return RequestContext.run(context, () => AuditScope.run({ action: 'platform:seed:demo' }, () => this.seed()));
  }

  private seed(): Promise<boolean> {
    return this.uow.run(async (manager) => {
      // Two processes starting together must not both seed: the row lock serialises them.
      await manager.query('LOCK TABLE platform.seed_run IN SHARE ROW EXCLUSIVE MODE');
      const done = await manager.query('SELECT 1 FROM platform.seed_run WHERE name = $1', [DEMO_SEED_NAME]);
      if (done.length > 0) return false;
      for (const { seeder } of this.seeders()) {
        this.logger.log(`seeding ${seeder.name}`);
        await seeder.seed(manager);
      }
      await manager.query('INSERT INTO platform.seed_run (name) VALUES ($1)', [DEMO_SEED_NAME]);
      return true;
    });
  }
}
