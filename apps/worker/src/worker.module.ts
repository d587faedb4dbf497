import { Module, type DynamicModule } from '@nestjs/common';
import { AuditContextModule, PlatformModule, type PlatformModuleOptions } from '@zhongshu/platform';

/**
 * The worker process: the same platform and context modules as the API, without the
 * business HTTP routes. It consumes the event bus and runs scheduled jobs; its HTTP
 * side answers only /api/health and /api/ready for the orchestrator.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return { module: WorkerModule, imports: [PlatformModule.forRoot(options), AuditContextModule] };
  }
}
