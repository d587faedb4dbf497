import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AccessExplanationModule, AuditModule, CompanyModule, FilesHttpModule, NotificationsHttpModule, PlatformModule, type PlatformModuleOptions } from '@zhongshu/platform';
import { OaModule } from '@zhongshu/oa';
import { CrmModule } from '@zhongshu/crm';
import { ErpModule } from '@zhongshu/erp';
import { OrgModule } from '@zhongshu/org';

export interface AppModuleOptions extends PlatformModuleOptions {
  /** Modules added after the platform; the tests use it for test doubles and test contexts. */
  extraModules?: Array<Type | DynamicModule>;
}

/** The HTTP app: the platform, then every context with its HTTP side (`forApi`). */
@Module({})
export class AppModule {
  static forRoot({ extraModules = [], ...platform }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      // The first global provider of a token wins: extra modules come before the contexts
      // so a platform test's stand-in PRINCIPAL_RESOLVER replaces org's.
      imports: [PlatformModule.forRoot(platform), AuditModule, AccessExplanationModule, CompanyModule, NotificationsHttpModule, FilesHttpModule, ...extraModules, OrgModule.forApi(), OaModule.forApi(), CrmModule.forApi(), ErpModule.forApi()],
    };
  }
}
