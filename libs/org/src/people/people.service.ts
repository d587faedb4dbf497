import { HttpStatus, Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { OrgPermission, type OrgPersonSnapshot, type Page, type PermissionCode } from '@zhongshu/contracts';
import {
  PlatformError,
  PlatformErrorCode,
  ReadModel,
  UnitOfWork,
  containsText,
  isInScope,
  requireInScope,
  scopeCondition,
  sql,
  saveVersioned,
  type Principal,
  newId,
} from '@zhongshu/platform';
import { PersonAccessLoader } from '../access/person-access.js';
import { findReachableDepartment, findReachablePerson } from '../access/reachable.js';
import { OrgEvents } from '../events/org-events.js';
import { PasswordHasher } from '../identity/password-hasher.js';
import { PasswordService, assertAcceptable } from '../identity/password.service.js';
import { SessionCache } from '../identity/session-cache.js';
import { SessionsService } from '../identity/sessions.service.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { LeaversLeadership } from '../departments/leavers-leadership.js';
import { AdministratorWatch } from '../roles/administrators.js';
import { assignmentRefusals, holder, postDepartmentsOf, rolesByCode, rolesOfPeople, takeoverRefusals } from '../roles/role-grants.js';
import type { CreatePersonDto, PersonDto, PersonListItemDto, PersonQueryDto, SetPartTimePostsDto, UpdatePersonDto } from './person.dto.js';
import { Person, type PersonStatus } from './person.entity.js';
import { PartTimePost } from './part-time-post.entity.js';

/** The hired event's snapshot of a row just written (a new person has no part-time posts yet). */
const PERSON_SNAPSHOT = `id AS "personId", employee_no AS "employeeNo", name, username, email, mobile, main_department_id AS "departmentId",
  position_id AS "positionId", manager_id AS "managerId", to_char(hire_date, 'YYYY-MM-DD') AS "hireDate", status, '[]'::json AS "partTimePosts"`;

/** What the unique indexes and foreign keys of org.person refuse, as the answers the checks before them gave. */
const PERSON_UNIQUE: Record<string, 'employeeNo' | 'username' | 'email'> = {
  person_employee_no: 'employeeNo',
  person_username: 'username',
  person_email: 'email',
};
const PERSON_REFERENCES: Record<string, { field: 'positionId' | 'managerId'; entity: string }> = {
  person_position_id_fkey: { field: 'positionId', entity: 'Position' },
  person_manager_id_fkey: { field: 'managerId', entity: 'Person' },
};

function refusedPerson(error: unknown, values: Record<'employeeNo' | 'username' | 'email' | 'positionId' | 'managerId', string | null>): OrgError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  const unique = code === '23505' && constraint ? PERSON_UNIQUE[constraint] : undefined;
  if (unique) return OrgError.duplicate(unique, `Another person already has this ${unique}: ${values[unique]}`);
  const reference = code === '23503' && constraint ? PERSON_REFERENCES[constraint] : undefined;
  if (reference) return OrgError.invalidReference(reference.field, `${reference.entity} ${values[reference.field]} does not exist`);
  return undefined;
}

const SORTABLE = {
  name: 'person.name',
  employeeNo: 'person.employee_no',
  username: 'person.username',
  hireDate: 'person.hire_date',
  createdAt: 'person.created_at',
};

/**
 * The people list and a person's card, read straight into their DTO. `name` sorts in
 * pinyin order (the column's collation); search is served by trigram indexes.
 */
const PEOPLE = new ReadModel<PersonListItemDto>({
  // Left joins on primary keys: the count's plan drops them (they cannot change it).
  from: 'org.person person LEFT JOIN org.department main_department ON main_department.id = person.main_department_id LEFT JOIN org.position person_position ON person_position.id = person.position_id',
  fields: {
    id: 'person.id',
    employeeNo: 'person.employee_no',
    name: 'person.name',
    username: 'person.username',
    email: 'person.email',
    mobile: 'person.mobile',
    mainDepartmentId: 'person.main_department_id',
    departmentName: 'main_department.name',
    positionId: 'person.position_id',
    positionName: 'person_position.name',
    managerId: 'person.manager_id',
    // A calendar date stays 'YYYY-MM-DD' text, never a Date at local midnight.
    hireDate: 'person.hire_date::text',
    status: 'person.status',
    version: 'person.version',
  },
  sortable: SORTABLE,
  defaultSort: [{ column: 'person.name', direction: 'ASC' }],
  key: 'person.id',
});

/** A person's own records are themselves; their department is their main department. */
export const PERSON_SCOPE = { owner: 'person.id', department: 'person.main_department_id' };

/** The permission each status change exercises, whose data scope decides whom it reaches. */
const STATUS_PERMISSION: Record<PersonStatus, PermissionCode> = {
  active: OrgPermission.PersonEnable,
  disabled: OrgPermission.PersonDisable,
  left: OrgPermission.PersonOffboard,
};

@Injectable()
export class PeopleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly sessionCache: SessionCache,
    private readonly orgEvents: OrgEvents,
    private readonly access: PersonAccessLoader,
  ) {}

  /**
   * The hottest read of the application (every picker of people uses it): the page and
   * the count side by side, each one statement, rows shaped as the DTO by the SQL.
   */
  async list(principal: Principal, query: PersonQueryDto): Promise<Page<PersonListItemDto>> {
    const where = [scopeCondition(principal, OrgPermission.PersonRead, PERSON_SCOPE)];
    if (query.search) where.push(containsText(['person.name', 'person.username', 'person.employee_no'], query.search));
    if (query.departmentId) {
      // The branch comes from the same cached tree the data scope walks.
      const departmentIds = query.includeSubDepartments === 'true' ? (await this.access.departmentTree()).subtree(query.departmentId) : [query.departmentId];
      where.push(sql`person.main_department_id = ANY(${departmentIds}::uuid[])`);
    }
    if (query.positionId) where.push(sql`person.position_id = ${query.positionId}`);
    if (query.status) where.push(sql`person.status = ${query.status}`);
    return PEOPLE.page(this.uow.manager, where, query);
  }

  /** A person's card as the caller may see it: outside their reach reads as missing (404). */
  async read(principal: Principal, id: string): Promise<PersonListItemDto> {
    const person = await PEOPLE.one(this.uow.manager, [sql`person.id = ${id}`, scopeCondition(principal, OrgPermission.PersonRead, PERSON_SCOPE)]);
    if (!person) throw OrgError.notFound('Person', id);
    return person;
  }

  /**
   * A person outside the caller's reach for `permission` (the one the route exercises)
   * answers 404, exactly like one that does not exist.
   */
  async get(principal: Principal, id: string, manager: EntityManager = this.uow.manager, permission: PermissionCode = OrgPermission.PersonRead): Promise<Person> {
    const person = await manager.findOne(Person, { where: { id } });
    if (!person) throw OrgError.notFound('Person', id);
    requireInScope(principal, permission, { ownerId: person.id, departmentId: person.mainDepartmentId }, 'Person', id);
    return person;
  }

  /**
   * One statement writes the person (the department's existence and status are its
   * condition, the unique indexes and foreign keys check the rest) and answers their
   * snapshot, which the hired event carries: no read before the write, none after.
   */
  async create(principal: Principal, input: CreatePersonDto): Promise<PersonDto> {
    // Roles given with a new person are an assignment like any other.
    if (input.roleCodes?.length && !principal.permissions.has(OrgPermission.PersonAssignRoles)) {
      throw new PlatformError(PlatformErrorCode.Forbidden, HttpStatus.FORBIDDEN, `You need the permission ${OrgPermission.PersonAssignRoles} to give roles`);
    }
    if (input.password !== undefined) assertAcceptable(input.password, input.username, 'password');
    const passwordHash = input.password === undefined ? null : await this.hasher.hash(input.password);
    return this.uow.run(async (manager) => {
      const permission = OrgPermission.PersonCreate;
      // Outside the caller's reach reads as missing, without asking the database.
      if (!isInScope(principal, permission, { departmentId: input.mainDepartmentId })) {
        throw OrgError.invalidReference('mainDepartmentId', `Department ${input.mainDepartmentId} does not exist`);
      }
      if (input.managerId) await this.requireActivePerson(principal, permission, manager, input.managerId, 'managerId');
      const fields = {
        employeeNo: input.employeeNo,
        username: input.username,
        email: input.email ?? null,
        positionId: input.positionId ?? null,
        managerId: input.managerId ?? null,
      };
      const [hired] = (await manager
        .query(
          `INSERT INTO org.person
             (id, employee_no, name, username, email, mobile, main_department_id, position_id, manager_id, hire_date, status,
              password_hash, password_changed_at, created_by, updated_by)
           SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, d.id, $8::uuid, $9::uuid, $10::date, 'active',
                  $11::text, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END, $12::uuid, $12::uuid
             FROM org.department d WHERE d.id = $7::uuid AND d.status = 'active'
           RETURNING ${PERSON_SNAPSHOT}, version`,
          [
            newId(),
            input.employeeNo,
            input.name,
            input.username,
            fields.email,
            input.mobile ?? null,
            input.mainDepartmentId,
            fields.positionId,
            fields.managerId,
            input.hireDate ?? null,
            passwordHash,
            principal.userId,
          ],
        )
        .catch((error: unknown) => {
          throw refusedPerson(error, fields) ?? error;
        })) as Array<OrgPersonSnapshot & { version: number }>;
      if (!hired) {
        // Missing or archived: the read that says which is made only now.
        await this.requireDepartment(principal, permission, manager, input.mainDepartmentId, 'mainDepartmentId');
        throw OrgError.invalidReference('mainDepartmentId', `Department ${input.mainDepartmentId} is archived`);
      }
      const { version, ...snapshot } = hired;
      if (input.roleCodes?.length) await this.replaceRoles(principal, manager, { id: snapshot.personId, mainDepartmentId: snapshot.departmentId }, input.roleCodes);
      await this.orgEvents.hired(snapshot);
      return {
        id: snapshot.personId,
        employeeNo: snapshot.employeeNo,
        name: snapshot.name,
        username: snapshot.username,
        email: snapshot.email,
        mobile: snapshot.mobile,
        mainDepartmentId: snapshot.departmentId,
        positionId: snapshot.positionId,
        managerId: snapshot.managerId,
        hireDate: snapshot.hireDate,
        status: snapshot.status,
        version,
      };
    });
  }

  async update(principal: Principal, id: string, change: UpdatePersonDto): Promise<Person> {
    return this.uow.run(async (manager) => {
      const before = await this.orgEvents.beforePeople(manager, [id]);
      const permission = OrgPermission.PersonUpdate;
      const person = await this.get(principal, id, manager, permission);
      // Only a reference the change makes is checked: one already on the record is
      // there for the caller to see (the form sends every field back).
      if (change.mainDepartmentId && change.mainDepartmentId !== person.mainDepartmentId) {
        await this.requireDepartment(principal, permission, manager, change.mainDepartmentId, 'mainDepartmentId');
      }
      await this.requirePosition(manager, change.positionId);
      if (change.managerId && change.managerId !== person.managerId) {
        await this.requireActivePerson(principal, permission, manager, change.managerId, 'managerId');
        await this.refuseManagerCycle(manager, id, change.managerId);
      }
      const { version, ...fields } = change;
      Object.assign(person, fields);
      await this.requireUnique(manager, person);
      if (change.mainDepartmentId) this.sessionCache.forgetPerson(id);
      const saved = await saveVersioned(manager, person, version, 'Person');
      await this.orgEvents.publishPeople(manager, before, [id]);
      return saved;
    });
  }

  /**
   * Disabling or offboarding ends the person's sessions in the same transaction;
   * offboarding also takes them off as leader or deputy of their departments.
   */
  async setStatus(principal: Principal, id: string, status: PersonStatus, version: number): Promise<Person> {
    if (id === principal.userId && status !== 'active') {
      throw new OrgError(OrgErrorCode.CannotChangeSelf, HttpStatus.UNPROCESSABLE_ENTITY, 'You cannot disable or offboard yourself.');
    }
    return this.uow.run(async (manager) => {
      const administrators = status === 'active' ? undefined : await AdministratorWatch.start(manager);
      const leadership = status === 'left' ? await LeaversLeadership.lock(manager, this.orgEvents, [id]) : undefined;
      const before = await this.orgEvents.beforePeople(manager, [id]);
      const person = await this.get(principal, id, manager, STATUS_PERMISSION[status]);
      person.status = status;
      const saved = await saveVersioned(manager, person, version, 'Person');
      await administrators?.check(manager);
      if (status !== 'active') await this.sessions.revokeAllOf(manager, id, `person ${status}`);
      await this.orgEvents.publishPeople(manager, before, [id]);
      await leadership?.clear(manager);
      return saved;
    });
  }

  /**
   * Setting someone's password is signing in as them, so it is granting oneself their
   * roles: refused when they hold a role the caller could not grant them.
   */
  async setPassword(principal: Principal, id: string, newPassword: string): Promise<void> {
    const person = await this.get(principal, id, this.uow.manager, OrgPermission.PersonResetPassword);
    if (id !== principal.userId) {
      const held = (await rolesOfPeople(this.uow.manager, [id])).get(id) ?? [];
      const posts = (await postDepartmentsOf(this.uow.manager, [id])).get(id) ?? [];
      const refusals = takeoverRefusals(principal, holder(person.mainDepartmentId, posts, await this.access.departmentTree()), held);
      if (refusals.length > 0) throw OrgError.grantExceedsOwn('newPassword', refusals);
    }
    await this.passwords.set(person, newPassword, 'password reset by an administrator');
  }

  async assignRoles(principal: Principal, id: string, roleCodes: string[]): Promise<string[]> {
    if (id === principal.userId) {
      throw new OrgError(OrgErrorCode.CannotChangeSelf, HttpStatus.UNPROCESSABLE_ENTITY, 'You cannot change your own roles; ask another administrator.');
    }
    return this.uow.run(async (manager) => {
      const person = await this.get(principal, id, manager, OrgPermission.PersonAssignRoles);
      this.sessionCache.forgetPerson(id);
      return this.replaceRoles(principal, manager, person, roleCodes);
    });
  }

  async roleCodesOf(principal: Principal, id: string): Promise<string[]> {
    await this.read(principal, id);
    const rows: Array<{ code: string }> = await this.uow.manager.query(
      'SELECT r.code FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id WHERE pr.person_id = $1 ORDER BY r.code',
      [id],
    );
    return rows.map((row) => row.code);
  }

  async postsOf(principal: Principal, id: string): Promise<PartTimePost[]> {
    await this.read(principal, id);
    return this.uow.repo(PartTimePost).find({ where: { personId: id }, order: { createdAt: 'ASC' } });
  }

  async setPosts(principal: Principal, id: string, input: SetPartTimePostsDto): Promise<PartTimePost[]> {
    return this.uow.run(async (manager) => {
      const before = await this.orgEvents.beforePeople(manager, [id]);
      const permission = OrgPermission.PersonUpdate;
      const person = await this.get(principal, id, manager, permission);
      const current = new Set((await manager.find(PartTimePost, { where: { personId: id } })).map((post) => post.departmentId));
      const departments = new Set<string>();
      for (const [index, post] of input.posts.entries()) {
        if (post.departmentId === person.mainDepartmentId || departments.has(post.departmentId)) {
          throw OrgError.invalidReference(`posts[${index}].departmentId`, 'A part-time post must be in a department other than the main one, once each');
        }
        departments.add(post.departmentId);
        // A post the person already has stays, even where the caller does not reach.
        if (!current.has(post.departmentId)) await this.requireDepartment(principal, permission, manager, post.departmentId, `posts[${index}].departmentId`);
        await this.requirePosition(manager, post.positionId, `posts[${index}].positionId`);
      }
      this.sessionCache.forgetPerson(id);
      await manager.delete(PartTimePost, { personId: id });
      const posts = input.posts.map((post) => manager.create(PartTimePost, { id: newId(), personId: id, departmentId: post.departmentId, positionId: post.positionId ?? null }));
      const saved = await manager.save(posts);
      await this.orgEvents.publishPeople(manager, before, [id]);
      return saved;
    });
  }

  /**
   * Grant only what you hold: every role given and every role taken away must be one
   * the caller could grant this person (access/grant-rules.ts), and no all-permissions
   * role may lose its last active holder.
   */
  private async replaceRoles(principal: Principal, manager: EntityManager, person: Pick<Person, 'id' | 'mainDepartmentId'>, roleCodes: string[]): Promise<string[]> {
    const codes = [...new Set(roleCodes)];
    const roles = await rolesByCode(manager, codes);
    const missing = codes.filter((code) => !roles.some((role) => role.code === code));
    if (missing.length > 0) throw OrgError.invalidReference('roleCodes', `Unknown roles: ${missing.join(', ')}`);
    const current = (await rolesOfPeople(manager, [person.id])).get(person.id) ?? [];
    const posts = (await postDepartmentsOf(manager, [person.id])).get(person.id) ?? [];
    const refusals = assignmentRefusals(principal, holder(person.mainDepartmentId, posts, await this.access.departmentTree()), current, roles);
    if (refusals.length > 0) throw OrgError.grantExceedsOwn('roleCodes', refusals);
    const administrators = current.some((role) => role.allPermissions && !roles.some((kept) => kept.id === role.id)) ? await AdministratorWatch.start(manager) : undefined;
    await manager.query('DELETE FROM org.person_role WHERE person_id = $1 AND NOT (role_id = ANY($2))', [person.id, roles.map((role) => role.id)]);
    for (const role of roles) {
      await manager.query('INSERT INTO org.person_role (person_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [person.id, role.id]);
    }
    await administrators?.check(manager);
    return codes.sort();
  }

  /** Placing people in a department needs that department within the caller's reach for the write. */
  private async requireDepartment(principal: Principal, permission: PermissionCode, manager: EntityManager, id: string, field: string): Promise<void> {
    const department = await findReachableDepartment(manager, principal, permission, id);
    if (!department) throw OrgError.invalidReference(field, `Department ${id} does not exist`);
    if (department.status !== 'active') throw OrgError.invalidReference(field, `Department ${id} is archived`);
  }

  private async requirePosition(manager: EntityManager, id: string | null | undefined, field = 'positionId'): Promise<void> {
    if (!id) return;
    const [row] = await manager.query('SELECT 1 FROM org.position WHERE id = $1', [id]);
    if (!row) throw OrgError.invalidReference(field, `Position ${id} does not exist`);
  }

  private async requireActivePerson(principal: Principal, permission: PermissionCode, manager: EntityManager, id: string, field: string): Promise<void> {
    const person = await findReachablePerson(manager, principal, permission, id);
    if (!person) throw OrgError.invalidReference(field, `Person ${id} does not exist`);
    if (person.status !== 'active') throw OrgError.invalidReference(field, `Person ${id} is not active`);
  }

  /** Refuses a manager who reports, directly or not, to the person: the chain would loop. */
  private async refuseManagerCycle(manager: EntityManager, personId: string, managerId: string): Promise<void> {
    const [row] = await manager.query(
      `WITH RECURSIVE chain (id, depth) AS (
         SELECT $2::uuid, 0
         UNION ALL
         SELECT p.manager_id, chain.depth + 1 FROM org.person p JOIN chain ON p.id = chain.id
          WHERE p.manager_id IS NOT NULL AND chain.depth < 100
       ) SELECT EXISTS (SELECT 1 FROM chain WHERE id = $1) AS loops`,
      [personId, managerId],
    );
    if (row.loops) {
      throw new OrgError(OrgErrorCode.ManagerCycle, HttpStatus.UNPROCESSABLE_ENTITY, 'This manager reports to the person, directly or through others; the reporting line would loop.', [
        { field: 'managerId', message: 'reports to this person' },
      ]);
    }
  }

  private async requireUnique(manager: EntityManager, person: Person): Promise<void> {
    const checks: Array<[string, string, string | null]> = [
      ['employeeNo', 'lower(employee_no) = lower($1)', person.employeeNo],
      ['username', 'username = $1', person.username],
      ['email', 'lower(email) = lower($1)', person.email],
    ];
    for (const [field, condition, value] of checks) {
      if (value === null) continue;
      const [row] = await manager.query(`SELECT 1 FROM org.person WHERE ${condition} AND id IS DISTINCT FROM $2`, [value, person.id ?? null]);
      if (row) throw OrgError.duplicate(field, `Another person already has this ${field}: ${value}`);
    }
  }
}
