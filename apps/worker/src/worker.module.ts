import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuditContextModule, PlatformModule, type PlatformModuleOptions } from '@zhongshu/platform';
import { OaModule } from '@zhongshu/oa';
import { CrmModule } from '@zhongshu/crm';
import { ErpModule } from '@zhongshu/erp';
import { OrgModule } from '@zhongshu/org';

export interface WorkerModuleOptions extends PlatformModuleOptions {
  /** Modules added after the platform; the tests use it for test contexts. */
  extraModules?: Array<Type | DynamicModule>;
}

/**
 * The worker process: the platform and every context without its HTTP side
 * (`forWorker`: event handlers, scheduled jobs, query ports). It consumes the event
 * bus and runs scheduled jobs; its HTTP side answers only /api/health, /api/ready and
 * the event bus's own routes for the orchestrator.
 */
@Module({})
export class WorkerModule {
  static forRoot({ extraModules = [], ...platform }: WorkerModuleOptions): DynamicModule {
    return { module: WorkerModule, imports: [PlatformModule.forRoot(platform), AuditContextModule, ...extraModules, OrgModule.forWorker(), OaModule.forWorker(), CrmModule.forWorker(), ErpModule.forWorker()] };
  }
}
