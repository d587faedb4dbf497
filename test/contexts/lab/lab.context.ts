// A throwaway bounded context that exists only in test code: it declares permissions,
// an event, a menu section, a demo role grant, a demo seed, an HTTP route and an event
// handler exactly as a real context does from its own folder, and plugs in without
// touching libs/org or any central list. test/contexts/context-plug-in.e2e-spec.ts
// proves it, with the handler running in a separate worker process.
import { Body, Controller, Get, Injectable, Post } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { declareEventTypes, declarePermissions, type EventEnvelope } from '@zhongshu/contracts';
import { DemoSeeder, EventBus, EventHandler, RequirePermission, UnitOfWork, defineContext, newId, type DemoSeed } from '@zhongshu/platform';

export const LabPermission = declarePermissions('lab', {
  SampleRead: { code: 'lab:sample:read', 'zh-CN': '查看样品', en: 'View samples' },
  SampleCreate: { code: 'lab:sample:create', 'zh-CN': '登记样品', en: 'Register samples' },
});

type LabPermissionCode = (typeof LabPermission)[keyof typeof LabPermission];

declare module '@zhongshu/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<LabPermissionCode, true> {}
  interface EventCatalogue {
    'lab.sample.registered': { version: 1; payload: { label: string } };
  }
}

declareEventTypes({ 'lab.sample.registered': 1 });

/** What the lab context's migration would create; the spec runs it as "the migration". */
export const LAB_SCHEMA_SQL = `
  CREATE SCHEMA lab;
  CREATE TABLE lab.sample (id uuid PRIMARY KEY, label text NOT NULL, seeded boolean NOT NULL DEFAULT false);
  CREATE TABLE lab.sample_handled (event_id uuid PRIMARY KEY, label text NOT NULL, handled_by_pid int NOT NULL);`;

class RegisterSampleDto {
  @IsString() @Length(1, 100) label!: string;
}

@Controller('lab/samples')
class LabSamplesController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
  ) {}

  @RequirePermission(LabPermission.SampleRead)
  @Get()
  async list(): Promise<Array<{ id: string; label: string }>> {
    return this.uow.manager.query('SELECT id, label FROM lab.sample ORDER BY label');
  }

  @RequirePermission(LabPermission.SampleCreate)
  @Post()
  async register(@Body() body: RegisterSampleDto): Promise<{ id: string; eventId: string }> {
    return this.uow.run(async (manager) => {
      const id = newId();
      await manager.query('INSERT INTO lab.sample (id, label) VALUES ($1, $2)', [id, body.label]);
      const event = await this.bus.emit('lab.sample.registered', id, { label: body.label });
      return { id, eventId: event.id };
    });
  }
}

/** Runs wherever the context's handlers run; records which process handled the event. */
@Injectable()
export class LabSampleHandler {
  @EventHandler('lab.sample.registered', { name: 'lab.record-sample' })
  async record(event: EventEnvelope<'lab.sample.registered'>, manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO lab.sample_handled (event_id, label, handled_by_pid) VALUES ($1, $2, $3)', [event.id, event.payload.label, process.pid]);
  }
}

@DemoSeeder({ after: ['org.structure'] })
@Injectable()
export class LabDemoSeed implements DemoSeed {
  readonly name = 'lab.samples';
  readonly roleGrants = { sales: [LabPermission.SampleRead] };

  async seed(manager: EntityManager): Promise<void> {
    for (const label of ['钢样 A-01', '钢样 A-02']) {
      await manager.query('INSERT INTO lab.sample (id, label, seeded) VALUES ($1, $2, true)', [newId(), label]);
    }
  }
}

export const LabContext = defineContext({
  name: 'lab',
  menu: [
    {
      key: 'lab',
      title: 'menu.lab',
      icon: 'Box',
      order: 60,
      children: [{ key: 'lab-samples', title: 'menu.labSamples', path: '/lab/samples', permission: LabPermission.SampleRead }],
    },
  ],
  providers: [LabSampleHandler],
  http: { controllers: [LabSamplesController], providers: [LabDemoSeed] },
});
