import { createSecretKey } from 'node:crypto';
import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ORG_DIRECTORY } from '@zhongshu/contracts';
import { APP_CONFIG, AccessExplanationModule, AuditModule, PRINCIPAL_RESOLVER, ScopedRecordRegistry, type AppConfig } from '@zhongshu/platform';
import { MeController } from './access/me.controller.js';
import { PersonAccessLoader } from './access/person-access.js';
import { Department } from './departments/department.entity.js';
import { DepartmentsController } from './departments/departments.controller.js';
import { DepartmentsService } from './departments/departments.service.js';
import { OrgDemoSeed } from './demo/org.demo-seed.js';
import { OrgEvents } from './events/org-events.js';
import { AccessNotifications } from './identity/access-notifications.js';
import { AccessTokenService } from './identity/access-token.service.js';
import { AuthController } from './identity/auth.controller.js';
import { FirstRunSetup } from './identity/first-run-setup.service.js';
import { JwtPrincipalResolver } from './identity/jwt-principal.resolver.js';
import { resolveJwtSecret } from './identity/jwt-secret.js';
import { LocalStrategy } from './identity/local.strategy.js';
import { PasswordHasher } from './identity/password-hasher.js';
import { PasswordService } from './identity/password.service.js';
import { RefreshToken } from './identity/refresh-token.entity.js';
import { Session } from './identity/session.entity.js';
import { SessionCache } from './identity/session-cache.js';
import { SessionsService } from './identity/sessions.service.js';
import { SignInService } from './identity/sign-in.service.js';
import { PartTimePost } from './people/part-time-post.entity.js';
import { PeopleController } from './people/people.controller.js';
import { PeopleService } from './people/people.service.js';
import { Person } from './people/person.entity.js';
import { PositionHoldersController } from './people/position-holders.controller.js';
import { ReportingLines } from './people/reporting-lines.service.js';
import { Position } from './positions/position.entity.js';
import { PositionsController } from './positions/positions.controller.js';
import { PositionsService } from './positions/positions.service.js';
import { Role } from './roles/role.entity.js';
import { RolesController } from './roles/roles.controller.js';
import { RolesService } from './roles/roles.service.js';
import { OrgTransferController } from './transfer/org-transfer.controller.js';
import { OrgExport } from './transfer/org-export.service.js';
import { OrgImport } from './transfer/org-import.service.js';
import { CSV_TYPE, XLSX_TYPE } from './transfer/tabular.js';

/**
 * Identity and org structure. Global only to provide two ports: the platform's
 * PRINCIPAL_RESOLVER to the guard, and ORG_DIRECTORY (libs/contracts) to contexts that
 * ask reporting-line questions. Nothing else is exported, and no other context imports
 * it (dependency-cruiser enforces that).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Department, Position, Person, PartTimePost, Role, Session, RefreshToken]),
    DiscoveryModule,
    AuditModule,
    AccessExplanationModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A ready KeyObject: given a string, jsonwebtoken first tries (and fails) to parse
      // it as a public key on every verification, which cost a tenth of a request.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(resolveJwtSecret(config), 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256' as const },
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    DepartmentsController,
    PositionsController,
    PeopleController,
    PositionHoldersController,
    RolesController,
    OrgTransferController,
  ],
  providers: [
    PersonAccessLoader,
    OrgEvents,
    AccessTokenService,
    AccessNotifications,
    SessionCache,
    JwtPrincipalResolver,
    { provide: PRINCIPAL_RESOLVER, useExisting: JwtPrincipalResolver },
    PasswordHasher,
    PasswordService,
    SessionsService,
    SignInService,
    LocalStrategy,
    FirstRunSetup,
    DepartmentsService,
    PositionsService,
    PeopleService,
    ReportingLines,
    { provide: ORG_DIRECTORY, useExisting: ReportingLines },
    RolesService,
    OrgImport,
    OrgExport,
    OrgDemoSeed,
  ],
  exports: [PRINCIPAL_RESOLVER, ORG_DIRECTORY],
})
export class OrgModule implements OnModuleInit {
  constructor(
    private readonly records: ScopedRecordRegistry,
    private readonly dataSource: DataSource,
    private readonly http: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // Imports upload the sheet itself as the body.
    const fastify = this.http.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser(CSV_TYPE)) {
      fastify.addContentTypeParser([CSV_TYPE, XLSX_TYPE], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    }
    // People and departments answer "why can I see this" through the platform.
    this.records.register('org.person', {
      readPermission: 'org:person:read',
      locate: async (id) => {
        const [row] = await this.dataSource.query('SELECT id, main_department_id FROM org.person WHERE id::text = $1', [id]);
        return row ? { ownerId: row.id, departmentId: row.main_department_id } : undefined;
      },
    });
    this.records.register('org.department', {
      readPermission: 'org:department:read',
      locate: async (id) => {
        const [row] = await this.dataSource.query('SELECT id FROM org.department WHERE id::text = $1', [id]);
        return row ? { departmentId: row.id } : undefined;
      },
    });
  }
}
