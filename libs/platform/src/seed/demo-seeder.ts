import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const DEMO_SEEDER = 'zhongshu:demo-seeder';

export interface DemoSeederOptions {
  /** Lower runs first: the company before its departments, people before their leads. */
  order: number;
}

/** One context's part of the demo company; runs inside the one demo-seed transaction. */
export interface DemoSeed {
  readonly name: string;
  seed(manager: EntityManager): Promise<void>;
}

export const DemoSeeder = (options: DemoSeederOptions): ClassDecorator => SetMetadata(DEMO_SEEDER, options);
