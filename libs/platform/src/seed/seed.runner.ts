import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AuditScope } from '../audit/audit-scope.js';
import { RequestContext } from '../context/request-context.js';
import { newId } from '../database/ids.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DEMO_ROLE_GRANTER, DEMO_SEEDER, type DemoRoleGranter, type DemoSeed, type DemoSeederOptions } from './demo-seeder.js';

interface RegisteredSeeder {
  seeder: DemoSeed;
  after: readonly string[];
}

/**
 * Fills the believable demo company: in demo mode, at every start, each `@DemoSeeder`
 * of every loaded context that has not run on this database runs once, after the ones
 * it names in `after`, in a transaction of its own that also records it in
 * `platform.seed_run`. What users changed since stays: a seeder never runs twice.
 */
@Injectable()
export class SeedRunner {
  private readonly logger = new Logger(SeedRunner.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
    @Optional() @Inject(DEMO_ROLE_GRANTER) private readonly granter?: DemoRoleGranter,
  ) {}

  /** Every loaded seeder, each after those it depends on (ties by name). */
  seeders(): DemoSeed[] {
    const registered = new Map<string, RegisteredSeeder>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const options = this.reflector.get<DemoSeederOptions | undefined>(DEMO_SEEDER, wrapper.metatype as object as Function);
      if (!options) continue;
      const seeder = wrapper.instance as DemoSeed;
      if (registered.has(seeder.name)) throw new Error(`Demo seeder "${seeder.name}" is declared twice`);
      registered.set(seeder.name, { seeder, after: options.after ?? [] });
    }
    return dependencyOrder(registered);
  }

  /**
   * Runs the seeders this database has not seen yet and returns their names (empty when
   * there was nothing to do). Each seed is one flow: its audit rows and events share
   * one correlation id.
   */
  async seedDemo(): Promise<string[]> {
    const seeded: string[] = [];
    for (const seeder of this.seeders()) {
      const flow = newId();
      const context = { requestId: `seed-${flow}`, correlationId: `seed-${flow}` };
      const ran = await RequestContext.run(context, () => AuditScope.run({ action: 'platform:seed:demo' }, () => this.runOnce(seeder)));
      if (ran) seeded.push(seeder.name);
    }
    return seeded;
  }

  private runOnce(seeder: DemoSeed): Promise<boolean> {
    return this.uow.run(async (manager) => {
      // Two processes starting together must not both seed: the table lock serialises them.
      await manager.query('LOCK TABLE platform.seed_run IN SHARE ROW EXCLUSIVE MODE');
      const done = await manager.query('SELECT 1 FROM platform.seed_run WHERE name = $1', [seeder.name]);
      if (done.length > 0) return false;
      this.logger.log(`seeding ${seeder.name}`);
      await seeder.seed(manager);
      if (seeder.roleGrants && Object.keys(seeder.roleGrants).length > 0) {
        if (!this.granter) throw new Error(`Demo seeder "${seeder.name}" grants permissions to demo roles, but no context that owns roles is loaded`);
        await this.granter.grant(manager, seeder.roleGrants);
      }
      await manager.query('INSERT INTO platform.seed_run (name) VALUES ($1)', [seeder.name]);
      return true;
    });
  }
}

/** Depth-first topological order; refuses an unknown dependency and a cycle, naming them. */
function dependencyOrder(registered: ReadonlyMap<string, RegisteredSeeder>): DemoSeed[] {
  const ordered: DemoSeed[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    const entry = registered.get(name);
    if (!entry) throw new Error(`Demo seeder "${path[path.length - 1]}" runs after "${name}", which no loaded context declares`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`Demo seeders depend on each other in a circle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const dependency of [...entry.after].sort()) visit(dependency, [...path, name]);
    state.set(name, 'done');
    ordered.push(entry.seeder);
  };
  for (const name of [...registered.keys()].sort()) visit(name, []);
  return ordered;
}
