import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuditColumnsSubscriber } from './audit-columns.subscriber.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { PinoTypeOrmLogger } from './typeorm-logger.js';
import { UnitOfWork } from './unit-of-work.js';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  logQueries?: boolean;
  /** Where TypeORM's messages go (the process's JSON log). */
  logger: Logger;
}

/**
 * The one TypeORM connection. The schema changes only through migrations, which run
 * before Nest starts (`runMigrations`), never through `synchronize`.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          synchronize: false,
          migrationsRun: false,
          autoLoadEntities: true,
          namingStrategy: new SnakeNamingStrategy(),
          subscribers: [AuditColumnsSubscriber],
          logging: options.logQueries ? ['query', 'error'] : ['error'],
          logger: new PinoTypeOrmLogger(options.logger),
          extra: { max: options.poolSize, application_name: options.applicationName },
        }),
      ],
      providers: [UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}
