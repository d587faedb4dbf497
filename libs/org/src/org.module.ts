import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ORG_DIRECTORY } from '@zhongshu/contracts';
import { Directory, DirectoryController } from './people/directory.js';
import { PersonHandoverController, PersonHandovers } from './people/handover.js';
import { APP_CONFIG, AccessExplanationModule, AuditModule, DEMO_ROLE_GRANTER, PRINCIPAL_RESOLVER, SESSION_CHANGES, TabularBodyParser, declareApiTag, defineContext, type AppConfig } from '@zhongshu/platform';
import { MeController } from './access/me.controller.js';
import { OrgScopedRecords } from './access/org-scoped-records.js';
import { PersonAccessLoader } from './access/person-access.js';
import { Department } from './departments/department.entity.js';
import { DepartmentsController } from './departments/departments.controller.js';
import { DepartmentsService } from './departments/departments.service.js';
import { OrgDemoRoleGranter } from './demo/demo-role-granter.js';
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
import { OrgSessionChanges } from './identity/session-changes.js';
import { SessionsService } from './identity/sessions.service.js';
import { SignInService } from './identity/sign-in.service.js';
import { ORG_MENU } from './org.menu.js';
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

declareApiTag('auth', 'Signing in and out, tokens, passwords and who the caller is (/me)');
declareApiTag('org', 'The organisation: departments, positions, people, roles and permissions, import and export');

/**
 * Identity and org structure. In every process it provides ORG_DIRECTORY (libs/contracts)
 * to contexts that ask reporting-line questions; the API adds sign-in, the org screens'
 * routes, the platform's PRINCIPAL_RESOLVER for the guard, and the demo company. No other
 * context imports it (dependency-cruiser enforces that).
 */
export const OrgModule = defineContext({
  name: 'org',
  menu: ORG_MENU,
  auditNames: { 'org.person': 'name', 'org.department': 'name', 'org.position': 'name', 'org.role': 'name' },
  imports: [TypeOrmModule.forFeature([Department, Position, Person, PartTimePost, Role, Session, RefreshToken])],
  providers: [ReportingLines, { provide: ORG_DIRECTORY, useExisting: ReportingLines }],
  exports: [ORG_DIRECTORY],
  http: {
    imports: [
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
      DirectoryController,
      PersonHandoverController,
      PositionHoldersController,
      RolesController,
      OrgTransferController,
    ],
    providers: [
      Directory,
      PersonHandovers,
      TabularBodyParser,
      OrgScopedRecords,
      PersonAccessLoader,
      OrgEvents,
      AccessTokenService,
      AccessNotifications,
      SessionCache,
      JwtPrincipalResolver,
      { provide: PRINCIPAL_RESOLVER, useExisting: JwtPrincipalResolver },
      OrgSessionChanges,
      { provide: SESSION_CHANGES, useExisting: OrgSessionChanges },
      PasswordHasher,
      PasswordService,
      SessionsService,
      SignInService,
      LocalStrategy,
      FirstRunSetup,
      DepartmentsService,
      PositionsService,
      PeopleService,
      RolesService,
      OrgImport,
      OrgExport,
      OrgDemoSeed,
      OrgDemoRoleGranter,
      { provide: DEMO_ROLE_GRANTER, useExisting: OrgDemoRoleGranter },
    ],
    exports: [PRINCIPAL_RESOLVER, SESSION_CHANGES, DEMO_ROLE_GRANTER],
  },
});
