import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { PermissionGuard } from './auth/permission.guard.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ContextRegistry } from './contexts/context-registry.js';
import { DatabaseModule } from './database/database.module.js';
import { EventBusModule } from './events/event-bus.module.js';
import { HealthModule } from './health/health.module.js';
import { BodyAuthentication } from './http/authenticate-before-body.js';
import { Files } from './files/files.service.js';
import { BadgeCounters } from './notifications/badge-counters.js';
import { Notifications } from './notifications/notifications.service.js';
import { PLATFORM_MENU } from './platform.menu.js';
import { SeedModule } from './seed/seed.module.js';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
const PLATFORM_MANIFEST = Symbol('PLATFORM_MANIFEST');

export interface PlatformModuleOptions {
  config: AppConfig;
  /** The resolved database: DATABASE_URL, or the embedded server's. */
  databaseUrl: string;
  logger: Logger;
  applicationName: string;
}

/**
 * Everything a Zhongshu app stands on: config, database, health, demo seeding and the
 * deny-by-default guard. Each app imports it once, then the contexts it serves.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          poolSize: options.config.databasePoolSize,
          applicationName: options.applicationName,
          logger: options.logger,
        }),
        HealthModule,
        SeedModule,
        EventBusModule.forRoot({ databaseUrl: options.databaseUrl }),
      ],
      providers: [
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: APP_GUARD, useClass: PermissionGuard },
        BodyAuthentication,
        ContextRegistry,
        BadgeCounters,
        Notifications,
        Files,
        {
          // The platform's own menu entries (dashboard, 系统设置), beside the contexts'.
          provide: PLATFORM_MANIFEST,
          inject: [ContextRegistry],
          useFactory: (registry: ContextRegistry) => registry.register({ name: 'platform', menu: PLATFORM_MENU }),
        },
      ],
      exports: [ROOT_LOGGER, BodyAuthentication, SeedModule, ContextRegistry, BadgeCounters, Notifications, Files],
    };
  }
}
