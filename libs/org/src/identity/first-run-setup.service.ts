import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, RequestContext, UnitOfWork, newId, type AppConfig } from '@zhongshu/platform';
import { OrgEvents } from '../events/org-events.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { assertAcceptable } from './password.service.js';
import { SignInService } from './sign-in.service.js';
import type { TokenPair } from './sessions.service.js';
import { mintOpaqueToken, parseOpaqueToken, secretMatches } from './token-codec.js';

// Serialises first-run work between API processes starting together.
const SETUP_LOCK = 704_231_003;
const SETUP_TOKEN_HOURS = 24;
export const ADMIN_ROLE_CODE = 'admin';
export const ADMIN_USERNAME = 'admin';

/**
 * Outside demo mode nobody knows a password yet, and none is shipped. On the first
 * start the administrator role is created, and then either ADMIN_INITIAL_PASSWORD
 * (checked against the password policy; a weak one stops the start) becomes the
 * `admin` password, or a one-time setup token valid for 24 hours is written to the
 * log, and whoever can read the server log sets the password with it
 * (POST /api/v1/auth/setup). Each start replaces an unused token with a new one.
 */
@Injectable()
export class FirstRunSetup implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('FirstRunSetup');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly signIn: SignInService,
    private readonly orgEvents: OrgEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Fails the start before anything else begins (listeners, workers) when the variable is weak. */
  onModuleInit(): void {
    const initial = this.config.demoMode ? undefined : this.config.auth.adminInitialPassword;
    const problems = initial === undefined ? [] : passwordProblems(initial, ADMIN_USERNAME);
    if (problems.length > 0) throw new Error(`ADMIN_INITIAL_PASSWORD: the password ${problems.join('; ')}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoMode) return;
    const initial = this.config.auth.adminInitialPassword;
    const hash = initial === undefined ? undefined : await this.hasher.hash(initial);
    const token = await this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      await ensureAdminRole(manager);
      if (await hasAdministrator(manager)) return undefined;
      if (hash) {
        await createAdministrator(manager, hash, this.orgEvents);
        this.logger.log('administrator "admin" created with the password from ADMIN_INITIAL_PASSWORD');
        return undefined;
      }
      await manager.query('DELETE FROM org.setup_token WHERE used_at IS NULL');
      const minted = mintOpaqueToken();
      await manager.query(
        `INSERT INTO org.setup_token (id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
        [minted.id, minted.hash, SETUP_TOKEN_HOURS],
      );
      return minted.value;
    });
    if (token) {
      this.logger.warn(
        `First run: there is no administrator yet. Within ${SETUP_TOKEN_HOURS} hours, POST /api/v1/auth/setup ` +
          `{"setupToken":"${token}","password":"<your password>"} to create the user "admin" (or set ADMIN_INITIAL_PASSWORD and restart).`,
      );
    }
  }

  async completeWithToken(value: string, password: string): Promise<TokenPair> {
    const parsed = parseOpaqueToken(value);
    assertAcceptable(password, ADMIN_USERNAME, 'password');
    const hash = await this.hasher.hash(password);
    const admin = await this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      if (await hasAdministrator(manager)) {
        throw new OrgError(OrgErrorCode.SetupUnavailable, HttpStatus.CONFLICT, 'The administrator is already set up; sign in instead.');
      }
      const [row] = parsed
        ? await manager.query('SELECT id, token_hash FROM org.setup_token WHERE id = $1 AND used_at IS NULL AND expires_at > now()', [parsed.id])
        : [];
      if (!parsed || !row || !secretMatches(parsed.secret, row.token_hash as Buffer)) {
        throw new OrgError(OrgErrorCode.SetupUnavailable, HttpStatus.UNAUTHORIZED, 'The setup token is wrong, used or expired; restart the server for a new one.');
      }
      await manager.query('UPDATE org.setup_token SET used_at = now() WHERE id = $1', [row.id]);
      return createAdministrator(manager, hash, this.orgEvents);
    });
    RequestContext.setActor(admin.id);
    return this.signIn.signIn(admin);
  }
}

export async function ensureAdminRole(manager: EntityManager): Promise<string> {
  const [existing] = await manager.query('SELECT id FROM org.role WHERE code = $1', [ADMIN_ROLE_CODE]);
  if (existing) return existing.id as string;
  const id = newId();
  await manager.query(
    `INSERT INTO org.role (id, code, name, description, all_permissions, data_scope)
     VALUES ($1, $2, '系统管理员', 'Every permission, every record', true, 'all')`,
    [id, ADMIN_ROLE_CODE],
  );
  return id;
}

async function hasAdministrator(manager: EntityManager): Promise<boolean> {
  const rows = await manager.query(
    `SELECT 1 FROM org.person p JOIN org.person_role pr ON pr.person_id = p.id JOIN org.role r ON r.id = pr.role_id
      WHERE r.all_permissions AND p.status = 'active' AND p.password_hash IS NOT NULL LIMIT 1`,
  );
  return rows.length > 0;
}

/** Creates `admin` (and a first department for them when there is none), announcing both like the services do. */
async function createAdministrator(manager: EntityManager, passwordHash: string, orgEvents: OrgEvents): Promise<{ id: string; username: string }> {
  const roleId = await ensureAdminRole(manager);
  let [root] = await manager.query(`SELECT id FROM org.department WHERE parent_id IS NULL AND status = 'active' ORDER BY sort_order, created_at LIMIT 1`);
  if (!root) {
    root = { id: newId() };
    await manager.query(`INSERT INTO org.department (id, code, name) VALUES ($1, 'HQ', '总部')`, [root.id]);
    await orgEvents.publishDepartments(manager, new Map(), [root.id]);
  }
  const [existing] = await manager.query('SELECT id FROM org.person WHERE username = $1', [ADMIN_USERNAME]);
  const id = (existing?.id as string | undefined) ?? newId();
  const before = await orgEvents.beforePeople(manager, existing ? [id] : []);
  if (existing) {
    await manager.query(`UPDATE org.person SET password_hash = $2, password_changed_at = now(), status = 'active' WHERE id = $1`, [id, passwordHash]);
  } else {
    await manager.query(
      `INSERT INTO org.person (id, employee_no, name, username, main_department_id, status, password_hash, password_changed_at)
       VALUES ($1, 'ADMIN', '系统管理员', $2, $3, 'active', $4, now())`,
      [id, ADMIN_USERNAME, root.id, passwordHash],
    );
  }
  await manager.query('INSERT INTO org.person_role (person_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, roleId]);
  await orgEvents.publishPeople(manager, before, [id]);
  return { id, username: ADMIN_USERNAME };
}

