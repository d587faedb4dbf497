import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgPermission, type FieldError } from '@zhongshu/contracts';
import { UnitOfWork, isInScope, newId, scopeFor, type Principal, readTogether } from '@zhongshu/platform';
import { PersonAccessLoader } from '../access/person-access.js';
import { OrgEvents } from '../events/org-events.js';
import { SessionCache } from '../identity/session-cache.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { EMPLOYEE_NO, MOBILE, USERNAME } from '../people/person.dto.js';
import { PERSON_STATUSES } from '../people/person.entity.js';
import { LeaversLeadership } from '../departments/leavers-leadership.js';
import { AdministratorWatch } from '../roles/administrators.js';
import { allRoles, assignmentRefusals, holder, postDepartmentsOf, roleChanges, rolesOfPeople } from '../roles/role-grants.js';
import type { SheetRow } from './tabular.js';

export const DEPARTMENT_COLUMNS = ['code', 'name', 'parentCode', 'leaderEmployeeNo', 'deputyEmployeeNo', 'sortOrder'] as const;
export const PERSON_COLUMNS = [
  'employeeNo',
  'name',
  'username',
  'email',
  'mobile',
  'departmentCode',
  'positionCode',
  'managerEmployeeNo',
  'hireDate',
  'status',
  'roles',
  // The version the row was exported at: an import checks it like a PATCH does (empty: not checked).
  'version',
] as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Serialises imports with the tree changes of DepartmentsService.
const TREE_LOCK = 704_231_010;

export interface ImportResult {
  created: number;
  /** Rows whose values differed from what was stored, and were written. */
  updated: number;
  /** Rows equal to what was stored: not written, no version bump, no event. */
  unchanged: number;
}

/**
 * Bulk import of departments and people, keyed by department code and employee
 * number (a row creates or updates). Every row is checked, against the database and
 * against the other rows of the file, before anything is written; one bad row and
 * the answer lists every problem by row and column and nothing changes.
 */
@Injectable()
export class OrgImport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionCache: SessionCache,
    private readonly orgEvents: OrgEvents,
    private readonly access: PersonAccessLoader,
  ) {}

  async departments(principal: Principal, rows: SheetRow[]): Promise<ImportResult> {
    requireAll(principal);
    return this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const existing: Array<{ id: string; code: string; parent_id: string | null; status: string }> = await manager.query('SELECT id, code, parent_id, status FROM org.department');
      const archived = new Set(existing.filter((row) => row.status !== 'active').map((row) => row.code.toLowerCase()));
      const idByCode = new Map(existing.map((row) => [row.code.toLowerCase(), row.id]));
      const people = await employeeIndex(manager);
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      const planned = rows.map((row) => {
        const cell = cellsOf(row);
        const problem = (field: string, message: string): void => void errors.push({ field: `rows[${row.line}].${field}`, message });
        const code = cell('code');
        if (!CODE.test(code)) problem('code', 'must be 1-40 letters, digits, _ . or -');
        else if (seen.has(code.toLowerCase())) problem('code', `appears twice in the file`);
        else if (archived.has(code.toLowerCase())) problem('code', `department ${code} is archived; an archived department cannot be changed`);
        seen.add(code.toLowerCase());
        const name = cell('name');
        if (name.length < 1 || name.length > 100) problem('name', 'must be 1-100 characters');
        const sortOrder = cell('sortOrder') === '' ? 0 : Number(cell('sortOrder'));
        if (!Number.isInteger(sortOrder)) problem('sortOrder', 'must be a whole number');
        const leaderId = personRef(cell('leaderEmployeeNo'), people, (message) => problem('leaderEmployeeNo', message));
        const deputyId = personRef(cell('deputyEmployeeNo'), people, (message) => problem('deputyEmployeeNo', message));
        const id = idByCode.get(code.toLowerCase()) ?? newId();
        if (!idByCode.has(code.toLowerCase())) idByCode.set(code.toLowerCase(), id);
        return { row, id, code, name, parentCode: cell('parentCode'), sortOrder, leaderId, deputyId, isNew: !existing.some((e) => e.id === id) };
      });
      const parents = new Map(existing.map((row) => [row.id, row.parent_id]));
      for (const department of planned) {
        if (department.parentCode === '') {
          parents.set(department.id, null);
          continue;
        }
        const parentId = idByCode.get(department.parentCode.toLowerCase());
        if (!parentId) errors.push({ field: `rows[${department.row.line}].parentCode`, message: `no department ${department.parentCode} in the file or the system` });
        else parents.set(department.id, parentId);
      }
      for (const department of planned) {
        if (loops(parents, department.id)) {
          errors.push({ field: `rows[${department.row.line}].parentCode`, message: 'makes the department tree loop' });
        }
      }
      reject(errors);
      this.sessionCache.accessChanged();
      // Parents before children, so every foreign key is there when a row is written.
      const order = planned.slice().sort((a, b) => depth(parents, a.id) - depth(parents, b.id));
      const before = await this.orgEvents.beforeDepartments(
        manager,
        planned.filter((department) => !department.isNew).map((department) => department.id),
      );
      let updated = 0;
      for (const department of order) {
        const parentId = parents.get(department.id) ?? null;
        if (department.isNew) {
          await manager.query(
            `INSERT INTO org.department (id, code, name, parent_id, leader_id, deputy_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [department.id, department.code, department.name, parentId, department.leaderId, department.deputyId, department.sortOrder],
          );
        } else {
          // A row equal to what is stored is not written: its version stays, so nobody
          // editing it meanwhile gets a 409 for an import that changed nothing.
          const [, changed] = await manager.query(
            `UPDATE org.department SET name = $2, parent_id = $3, leader_id = $4, deputy_id = $5, sort_order = $6,
                    version = version + 1, updated_at = now()
              WHERE id = $1 AND (name, parent_id, leader_id, deputy_id, sort_order) IS DISTINCT FROM ($2::text, $3::uuid, $4::uuid, $5::uuid, $6::int)`,
            [department.id, department.name, parentId, department.leaderId, department.deputyId, department.sortOrder],
          );
          updated += changed;
        }
      }
      await this.orgEvents.publishDepartments(
        manager,
        before,
        order.map((department) => department.id),
      );
      const created = planned.filter((department) => department.isNew).length;
      return { created, updated, unchanged: planned.length - created - updated };
    });
  }

  /**
   * People are keyed by employee number. A department, a manager or a person outside
   * the caller's reach for `org:person:import` reads as one that does not exist; the
   * roles column follows the grant rule of `PUT /people/:id/roles`.
   */
  async people(principal: Principal, rows: SheetRow[]): Promise<ImportResult> {
    const permission = OrgPermission.PersonImport;
    return this.uow.run(async (manager) => {
      const departments = await codeIndex(manager, 'org.department', `status = 'active'`);
      const positions = await codeIndex(manager, 'org.position');
      const roles = new Map((await allRoles(manager)).map((role) => [role.code.toLowerCase(), role]));
      const existing: Array<{ id: string; employee_no: string; username: string; email: string | null; main_department_id: string; status: string; version: number }> =
        await manager.query('SELECT id, employee_no, username, email, main_department_id, status, version FROM org.person');
      const byEmployeeNo = new Map(existing.map((row) => [row.employee_no.toLowerCase(), row]));
      // What the grant rule needs of the people the file updates: their roles and posts.
      const updatedIds = rows.map((row) => byEmployeeNo.get(cellsOf(row)('employeeNo').toLowerCase())?.id).filter((id): id is string => id !== undefined);
      const [heldRoles, posts, tree] = await readTogether(manager, [() => rolesOfPeople(manager, updatedIds), () => postDepartmentsOf(manager, updatedIds), () => this.access.departmentTree()]);
      let mayLoseAdministrator = false;
      const errors: FieldError[] = [];
      const fileEmployeeNos = new Set<string>();
      const fileUsernames = new Map<string, string>();
      const planned = rows.map((row) => {
        const cell = cellsOf(row);
        const problem = (field: string, message: string): void => void errors.push({ field: `rows[${row.line}].${field}`, message });
        const employeeNo = cell('employeeNo');
        if (!EMPLOYEE_NO.test(employeeNo)) problem('employeeNo', 'must be 1-40 letters, digits, _ . or -');
        else if (fileEmployeeNos.has(employeeNo.toLowerCase())) problem('employeeNo', 'appears twice in the file');
        fileEmployeeNos.add(employeeNo.toLowerCase());
        const current = byEmployeeNo.get(employeeNo.toLowerCase());
        const id = current?.id ?? newId();
        const name = cell('name');
        if (name.length < 1 || name.length > 100) problem('name', 'must be 1-100 characters');
        const username = cell('username').toLowerCase();
        if (!USERNAME.test(username)) problem('username', 'must be 2-40 lower-case letters, digits, _ . or -, starting with a letter');
        else if (fileUsernames.has(username)) problem('username', 'appears twice in the file');
        else if (existing.some((person) => person.username === username && person.id !== id)) problem('username', `is taken by another person`);
        fileUsernames.set(username, id);
        const email = cell('email') || null;
        if (email && (!EMAIL.test(email) || email.length > 200)) problem('email', 'must be an email address');
        else if (email && existing.some((person) => person.email?.toLowerCase() === email.toLowerCase() && person.id !== id)) problem('email', 'is used by another person');
        const mobile = cell('mobile') || null;
        if (mobile && !MOBILE.test(mobile)) problem('mobile', 'must be a phone number');
        const found = departments.get(cell('departmentCode').toLowerCase());
        const departmentId = found && isInScope(principal, permission, { departmentId: found }) ? found : undefined;
        if (!departmentId) problem('departmentCode', `no active department ${cell('departmentCode') || '(empty)'}`);
        // The employee number is a key: one taken outside the caller's reach cannot be
        // updated, and says no more than a taken username does.
        if (current && !isInScope(principal, permission, { ownerId: current.id, departmentId: current.main_department_id })) problem('employeeNo', 'is taken by another person');
        const positionCode = cell('positionCode');
        const positionId = positionCode ? positions.get(positionCode.toLowerCase()) : null;
        if (positionCode && !positionId) problem('positionCode', `no position ${positionCode}`);
        const hireDate = cell('hireDate') || null;
        if (hireDate && !isDate(hireDate)) problem('hireDate', 'must be a date YYYY-MM-DD');
        const status = cell('status') || 'active';
        if (!(PERSON_STATUSES as readonly string[]).includes(status)) problem('status', `must be one of ${PERSON_STATUSES.join(', ')}`);
        else if (id === principal.userId && status !== 'active') problem('status', 'you cannot disable or offboard yourself');
        const roleCodes = cell('roles') === '' ? undefined : cell('roles').split('|').map((code) => code.trim()).filter(Boolean);
        const wanted = (roleCodes ?? []).map((code) => roles.get(code.toLowerCase()));
        const missingRoles = (roleCodes ?? []).filter((_, index) => !wanted[index]);
        const held = (current && heldRoles.get(current.id)) || [];
        if (missingRoles.length > 0) problem('roles', `unknown roles: ${missingRoles.join(', ')}`);
        else if (roleCodes && !principal.permissions.has(OrgPermission.PersonAssignRoles)) problem('roles', 'you may not assign roles');
        else if (roleCodes && departmentId) {
          const chosen = wanted.filter((role) => role !== undefined);
          const { added, removed } = roleChanges(held, chosen);
          const refusals = assignmentRefusals(principal, holder(departmentId, posts.get(id) ?? [], tree), held, chosen);
          if (id === principal.userId && added.length + removed.length > 0) problem('roles', 'you cannot change your own roles');
          else if (refusals.length > 0) problem('roles', `you cannot ${refusals.map((refusal) => `${refusal.action}: ${refusal.problems.join('; ')}`).join('; nor ')}`);
          if (removed.some((role) => role.allPermissions)) mayLoseAdministrator = true;
        }
        if (current && current.status === 'active' && status !== 'active') mayLoseAdministrator = true;
        const version = cell('version') === '' ? undefined : Number(cell('version'));
        if (version !== undefined && (!Number.isInteger(version) || version < 1)) problem('version', 'must be a whole number of at least 1, or empty');
        else if (version !== undefined && !current) problem('version', `is given, but no person has employee number ${employeeNo}: leave it empty for a new person`);
        else if (version !== undefined && current && current.version !== version) problem('version', staleVersion(version, current.version));
        return {
          row,
          id,
          isNew: !current,
          employeeNo,
          name,
          username,
          email,
          mobile,
          departmentId: departmentId ?? null,
          positionId: positionId ?? null,
          managerEmployeeNo: cell('managerEmployeeNo'),
          hireDate,
          status,
          roleIds: roleCodes ? wanted.map((role) => role?.id as string) : undefined,
          version,
        };
      });
      const idByEmployeeNo = new Map(existing.map((row) => [row.employee_no.toLowerCase(), row.id]));
      for (const person of planned) idByEmployeeNo.set(person.employeeNo.toLowerCase(), person.id);
      const existingById = new Map(existing.map((row) => [row.id, row]));
      const fileIds = new Set(planned.map((person) => person.id));
      const managers = new Map<string, string | null>();
      for (const person of planned) {
        if (person.managerEmployeeNo === '') {
          managers.set(person.id, null);
          continue;
        }
        const known = idByEmployeeNo.get(person.managerEmployeeNo.toLowerCase());
        const stored = known === undefined || fileIds.has(known) ? undefined : existingById.get(known);
        // A manager outside the caller's reach does not exist for them. One in the file is
        // within it: its own row placed them in a department of the caller's reach.
        const managerId = stored && !isInScope(principal, permission, { ownerId: stored.id, departmentId: stored.main_department_id }) ? undefined : known;
        if (!managerId) errors.push({ field: `rows[${person.row.line}].managerEmployeeNo`, message: `no person ${person.managerEmployeeNo}` });
        else if (managerId === person.id) errors.push({ field: `rows[${person.row.line}].managerEmployeeNo`, message: 'a person cannot manage themselves' });
        else managers.set(person.id, managerId);
      }
      if (errors.length === 0) {
        const chain = new Map<string, string | null>((await manager.query('SELECT id, manager_id FROM org.person')).map((row: { id: string; manager_id: string | null }) => [row.id, row.manager_id]));
        for (const [id, managerId] of managers) chain.set(id, managerId);
        for (const person of planned) {
          if (loops(chain, person.id)) errors.push({ field: `rows[${person.row.line}].managerEmployeeNo`, message: 'makes the reporting line loop' });
        }
      }
      reject(errors);
      const administrators = mayLoseAdministrator ? await AdministratorWatch.start(manager) : undefined;
      const leavers = planned.filter((person) => !person.isNew && person.status === 'left').map((person) => person.id);
      const leadership = await LeaversLeadership.lock(manager, this.orgEvents, leavers);
      const before = await this.orgEvents.beforePeople(
        manager,
        planned.filter((person) => !person.isNew).map((person) => person.id),
      );
      // The rows are locked now: a version checked above that has moved since is stale
      // too (someone saved the person while the file was being checked).
      const checked = planned.filter((person) => person.version !== undefined && !person.isNew);
      const versions = new Map<string, number>(
        checked.length === 0
          ? []
          : (await manager.query('SELECT id, version FROM org.person WHERE id = ANY($1::uuid[])', [checked.map((person) => person.id)])).map(
              (row: { id: string; version: number }) => [row.id, row.version],
            ),
      );
      reject(
        checked
          .filter((person) => versions.get(person.id) !== person.version)
          .map((person) => ({ field: `rows[${person.row.line}].version`, message: staleVersion(person.version as number, versions.get(person.id) as number) })),
      );
      this.sessionCache.accessChanged();
      // New people first, so a manager the file names exists when it is set.
      for (const person of planned.filter((row) => row.isNew)) {
        await manager.query(
          `INSERT INTO org.person (id, employee_no, name, username, email, mobile, main_department_id, position_id, hire_date, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [person.id, person.employeeNo, person.name, person.username, person.email, person.mobile, person.departmentId, person.positionId, person.hireDate, person.status],
        );
      }
      const changed = new Set<string>();
      for (const person of planned) {
        const managerId = managers.get(person.id) ?? null;
        if (person.isNew) {
          await manager.query('UPDATE org.person SET manager_id = $2 WHERE id = $1 AND manager_id IS DISTINCT FROM $2', [person.id, managerId]);
        } else {
          this.sessionCache.forgetPerson(person.id);
          // A row equal to what is stored is not written: its version stays, so nobody
          // editing the person meanwhile gets a 409 for an import that changed nothing.
          const [, written] = await manager.query(
            `UPDATE org.person SET employee_no = $2, name = $3, username = $4, email = $5, mobile = $6, main_department_id = $7,
                    position_id = $8, hire_date = $9, status = $10, manager_id = $11, version = version + 1, updated_at = now()
              WHERE id = $1 AND (employee_no, name, username, email, mobile, main_department_id, position_id, hire_date, status, manager_id)
                    IS DISTINCT FROM ($2::text, $3::text, $4::text, $5::text, $6::text, $7::uuid, $8::uuid, $9::date, $10::text, $11::uuid)`,
            [person.id, person.employeeNo, person.name, person.username, person.email, person.mobile, person.departmentId, person.positionId, person.hireDate, person.status, managerId],
          );
          if (written > 0) changed.add(person.id);
        }
        if (person.roleIds) {
          const [, removed] = await manager.query('DELETE FROM org.person_role WHERE person_id = $1 AND NOT (role_id = ANY($2))', [person.id, person.roleIds]);
          const added: unknown[] = await manager.query(
            'INSERT INTO org.person_role (person_id, role_id) SELECT $1, role_id FROM unnest($2::uuid[]) AS role_id ON CONFLICT DO NOTHING RETURNING role_id',
            [person.id, person.roleIds],
          );
          if (!person.isNew && removed + added.length > 0) changed.add(person.id);
        }
        if (person.status !== 'active') {
          await manager.query(`UPDATE org.session SET revoked_at = now(), revoked_reason = 'person ${person.status} by import' WHERE person_id = $1 AND revoked_at IS NULL`, [person.id]);
        }
      }
      await administrators?.check(manager);
      await this.orgEvents.publishPeople(
        manager,
        before,
        planned.map((person) => person.id),
      );
      await leadership.clear(manager);
      const created = planned.filter((person) => person.isNew).length;
      return { created, updated: changed.size, unchanged: planned.length - created - changed.size };
    });
  }
}

function staleVersion(given: number, stored: number): string {
  return `is ${given}, but the person was changed since (now version ${stored}): export again and redo the change on the current data`;
}

function cellsOf(row: SheetRow): (column: string) => string {
  // Undo the CSV-injection guard of the export ('=SUM... was written as '=SUM...).
  return (column) => (row.cells[column] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
}

function requireAll(principal: Principal): void {
  if (!scopeFor(principal, OrgPermission.DepartmentImport).all) {
    throw new OrgError(OrgErrorCode.ImportRejected, HttpStatus.FORBIDDEN, `Importing departments reshapes the whole tree and needs a role granting ${OrgPermission.DepartmentImport} with the data scope "all".`);
  }
}

function reject(errors: FieldError[]): void {
  if (errors.length === 0) return;
  const lines = [...new Set(errors.map((error) => /^rows\[(\d+)\]/.exec(error.field)?.[1]))].join(', ');
  throw new OrgError(OrgErrorCode.ImportRejected, HttpStatus.UNPROCESSABLE_ENTITY, `Nothing was imported: rows ${lines} have problems. Fix them and import the whole file again.`, errors);
}

async function employeeIndex(manager: EntityManager): Promise<Map<string, { id: string; status: string }>> {
  const rows: Array<{ id: string; employee_no: string; status: string }> = await manager.query('SELECT id, employee_no, status FROM org.person');
  return new Map(rows.map((row) => [row.employee_no.toLowerCase(), { id: row.id, status: row.status }]));
}

async function codeIndex(manager: EntityManager, table: string, where = 'TRUE'): Promise<Map<string, string>> {
  const rows: Array<{ id: string; code: string }> = await manager.query(`SELECT id, code FROM ${table} WHERE ${where}`);
  return new Map(rows.map((row) => [row.code.toLowerCase(), row.id]));
}

function personRef(employeeNo: string, people: Map<string, { id: string; status: string }>, problem: (message: string) => void): string | null {
  if (employeeNo === '') return null;
  const person = people.get(employeeNo.toLowerCase());
  if (!person) problem(`no person ${employeeNo}`);
  else if (person.status !== 'active') problem(`person ${employeeNo} is not active`);
  return person?.id ?? null;
}

function loops(parents: Map<string, string | null>, start: string): boolean {
  const seen = new Set<string>([start]);
  let current = parents.get(start) ?? null;
  while (current) {
    if (seen.has(current)) return true;
    seen.add(current);
    current = parents.get(current) ?? null;
  }
  return false;
}

function depth(parents: Map<string, string | null>, id: string): number {
  let level = 0;
  let current = parents.get(id) ?? null;
  while (current && level < 1000) {
    level += 1;
    current = parents.get(current) ?? null;
  }
  return level;
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
