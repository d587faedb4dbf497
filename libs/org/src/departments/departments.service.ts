import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgPermission, type Page, type PermissionCode } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, containsText, requireInScope, saveVersioned, scopeCondition, scopeFor, sql, type Principal, newId } from '@zhongshu/platform';
import { DepartmentTree } from '../access/department-tree.js';
import { findReachableDepartment, findReachablePerson } from '../access/reachable.js';
import { OrgEvents } from '../events/org-events.js';
import { SessionCache } from '../identity/session-cache.js';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { Department } from './department.entity.js';
import type { CreateDepartmentDto, DepartmentDto, DepartmentQueryDto, MoveDepartmentDto, UpdateDepartmentDto } from './department.dto.js';

// Tree changes take this transaction lock, so two concurrent moves cannot each pass
// the cycle check and together close a loop.
const TREE_LOCK = 704_231_010;
const SORTABLE = { name: 'department.name', code: 'department.code', sortOrder: 'department.sort_order', createdAt: 'department.created_at' };

/** Departments read straight into their DTO; `name` sorts in pinyin order (the column's collation). */
const DEPARTMENTS = new ReadModel<DepartmentDto>({
  from: 'org.department department',
  fields: {
    id: 'department.id',
    parentId: 'department.parent_id',
    code: 'department.code',
    name: 'department.name',
    leaderId: 'department.leader_id',
    deputyId: 'department.deputy_id',
    sortOrder: 'department.sort_order',
    status: 'department.status',
    version: 'department.version',
  },
  sortable: SORTABLE,
  defaultSort: [
    { column: 'department.sort_order', direction: 'ASC' },
    { column: 'department.name', direction: 'ASC' },
  ],
  key: 'department.id',
});

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionCache: SessionCache,
    private readonly orgEvents: OrgEvents,
  ) {}

  async list(principal: Principal, query: DepartmentQueryDto): Promise<Page<DepartmentDto>> {
    const where = [scopeCondition(principal, OrgPermission.DepartmentRead, { department: 'department.id' })];
    if (query.search) where.push(containsText(['department.name', 'department.code'], query.search));
    if (query.status) where.push(sql`department.status = ${query.status}`);
    if (query.parentId) where.push(sql`department.parent_id = ${query.parentId}`);
    return DEPARTMENTS.page(this.uow.manager, where, query);
  }

  /** A department as the caller may see it: outside their reach reads as missing (404). */
  async read(principal: Principal, id: string): Promise<DepartmentDto> {
    const department = await DEPARTMENTS.one(this.uow.manager, [sql`department.id = ${id}`, scopeCondition(principal, OrgPermission.DepartmentRead, { department: 'department.id' })]);
    if (!department) throw OrgError.notFound('Department', id);
    return department;
  }

  /** A department outside the caller's reach for `permission` (the route's) answers 404, like a missing one. */
  async get(principal: Principal, id: string, manager: EntityManager = this.uow.manager, permission: PermissionCode = OrgPermission.DepartmentRead): Promise<Department> {
    const department = await manager.findOne(Department, { where: { id } });
    if (!department) throw OrgError.notFound('Department', id);
    requireInScope(principal, permission, { departmentId: department.id }, 'Department', id);
    return department;
  }

  async create(principal: Principal, input: CreateDepartmentDto): Promise<Department> {
    const permission = OrgPermission.DepartmentCreate;
    return this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      if (input.parentId) await this.requireActiveParent(principal, permission, manager, input.parentId);
      else requireTopLevelReach(principal, permission, 'create a department at the top level');
      await this.requirePeople(principal, permission, manager, { leaderId: input.leaderId, deputyId: input.deputyId });
      await this.requireFreeCode(manager, input.code);
      const department = manager.create(Department, {
        id: newId(),
        code: input.code,
        name: input.name,
        parentId: input.parentId ?? null,
        leaderId: input.leaderId ?? null,
        deputyId: input.deputyId ?? null,
        sortOrder: input.sortOrder ?? 0,
        status: 'active',
        archivedAt: null,
      });
      const saved = await manager.save(department);
      await this.orgEvents.publishDepartments(manager, new Map(), [saved.id]);
      return saved;
    });
  }

  async update(principal: Principal, id: string, change: UpdateDepartmentDto): Promise<Department> {
    return this.uow.run(async (manager) => {
      const permission = OrgPermission.DepartmentUpdate;
      const before = await this.orgEvents.beforeDepartments(manager, [id]);
      const department = await this.get(principal, id, manager, permission);
      requireActive(department);
      // Only a leader or deputy the change names anew is checked: the current one is on the record already.
      await this.requirePeople(principal, permission, manager, {
        leaderId: change.leaderId === department.leaderId ? undefined : change.leaderId,
        deputyId: change.deputyId === department.deputyId ? undefined : change.deputyId,
      });
      if (change.code !== undefined) await this.requireFreeCode(manager, change.code, id);
      const { version, ...fields } = change;
      Object.assign(department, fields);
      const saved = await saveVersioned(manager, department, version, 'Department');
      await this.orgEvents.publishDepartments(manager, before, [id]);
      return saved;
    });
  }

  /** Re-parents a subtree; a parent inside the subtree itself would make a loop and is refused. */
  async move(principal: Principal, id: string, input: MoveDepartmentDto): Promise<Department> {
    return this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const permission = OrgPermission.DepartmentMove;
      const before = await this.orgEvents.beforeDepartments(manager, [id]);
      const department = await this.get(principal, id, manager, permission);
      requireActive(department);
      if (input.parentId) await this.requireActiveParent(principal, permission, manager, input.parentId);
      else requireTopLevelReach(principal, permission, 'move a department to the top level');
      const rows: Array<{ id: string; parent_id: string | null }> = await manager.query('SELECT id, parent_id FROM org.department');
      const tree = new DepartmentTree(rows.map((row) => ({ id: row.id, parentId: row.parent_id })));
      if (tree.wouldCycle(id, input.parentId)) {
        throw new OrgError(
          OrgErrorCode.DepartmentCycle,
          HttpStatus.UNPROCESSABLE_ENTITY,
          'A department cannot be moved under itself or under one of its own sub-departments.',
          [{ field: 'parentId', message: 'is the department itself or lies below it' }],
        );
      }
      department.parentId = input.parentId;
      this.sessionCache.accessChanged();
      const saved = await saveVersioned(manager, department, input.version, 'Department');
      await this.orgEvents.publishDepartments(manager, before, [id]);
      return saved;
    });
  }

  /**
   * Deletes a department nobody ever belonged to; one with people, part-time posts or
   * a past (anyone who left) keeps its history and is archived instead.
   */
  async remove(principal: Principal, id: string): Promise<'deleted' | 'archived'> {
    return this.uow.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const before = await this.orgEvents.beforeDepartments(manager, [id]);
      const department = await this.get(principal, id, manager, OrgPermission.DepartmentDelete);
      const [children] = await manager.query(`SELECT count(*)::int AS n FROM org.department WHERE parent_id = $1 AND status = 'active'`, [id]);
      if (children.n > 0) {
        throw new OrgError(OrgErrorCode.DepartmentHasChildren, HttpStatus.CONFLICT, `Department ${department.name} still has ${children.n} active sub-departments; move or remove them first.`);
      }
      const [history] = await manager.query(
        `SELECT (EXISTS (SELECT 1 FROM org.person WHERE main_department_id = $1)
              OR EXISTS (SELECT 1 FROM org.part_time_post WHERE department_id = $1)
              OR EXISTS (SELECT 1 FROM org.department WHERE parent_id = $1)) AS used`,
        [id],
      );
      if (!history.used) {
        await manager.query('UPDATE org.role SET scope_department_ids = array_remove(scope_department_ids, $1) WHERE $1 = ANY(scope_department_ids)', [id]);
        await manager.delete(Department, { id });
        await this.orgEvents.departmentDeleted(id);
        this.sessionCache.accessChanged();
        return 'deleted';
      }
      const [active] = await manager.query(`SELECT count(*)::int AS n FROM org.person WHERE main_department_id = $1 AND status <> 'left'`, [id]);
      if (active.n > 0) {
        throw new OrgError(OrgErrorCode.DepartmentHasChildren, HttpStatus.CONFLICT, `Department ${department.name} still has ${active.n} people; move them to another department first.`);
      }
      department.status = 'archived';
      department.archivedAt = new Date();
      await saveVersioned(manager, department, department.version, 'Department');
      await this.orgEvents.publishDepartments(manager, before, [id]);
      return 'archived';
    });
  }

  /** A parent outside the caller's reach for the write answers exactly like one that does not exist. */
  private async requireActiveParent(principal: Principal, permission: PermissionCode, manager: EntityManager, parentId: string): Promise<void> {
    const parent = await findReachableDepartment(manager, principal, permission, parentId);
    if (!parent) throw OrgError.invalidReference('parentId', `Parent department ${parentId} does not exist`);
    if (parent.status !== 'active') {
      throw new OrgError(OrgErrorCode.DepartmentArchived, HttpStatus.UNPROCESSABLE_ENTITY, `Department ${parent.name} is archived and cannot take sub-departments`, [
        { field: 'parentId', message: 'is archived' },
      ]);
    }
  }

  private async requireFreeCode(manager: EntityManager, code: string, exceptId?: string): Promise<void> {
    const [row] = await manager.query('SELECT 1 FROM org.department WHERE lower(code) = lower($1) AND id IS DISTINCT FROM $2', [code, exceptId ?? null]);
    if (row) throw OrgError.duplicate('code', `Another department already has the code ${code}`);
  }

  /** A leader or deputy outside the caller's reach for the write answers exactly like one that does not exist. */
  private async requirePeople(principal: Principal, permission: PermissionCode, manager: EntityManager, refs: Record<string, string | null | undefined>): Promise<void> {
    for (const [field, id] of Object.entries(refs)) {
      if (!id) continue;
      const person = await findReachablePerson(manager, principal, permission, id);
      if (!person) throw OrgError.invalidReference(field, `Person ${id} does not exist`);
      if (person.status !== 'active') throw OrgError.invalidReference(field, `Person ${id} is not active`);
    }
  }
}

/** An archived department is history: it keeps its name, place and leaders as they were. */
function requireActive(department: Department): void {
  if (department.status === 'active') return;
  throw new OrgError(OrgErrorCode.DepartmentArchived, HttpStatus.UNPROCESSABLE_ENTITY, `Department ${department.name} is archived: an archived department cannot be changed.`);
}

/**
 * The top of the tree belongs to nobody's department: only a caller whose scope for
 * the permission is `all` may add a department there or move one there.
 */
function requireTopLevelReach(principal: Principal, permission: PermissionCode, action: string): void {
  if (scopeFor(principal, permission).all) return;
  throw new OrgError(
    OrgErrorCode.OutsideScope,
    HttpStatus.FORBIDDEN,
    `You cannot ${action}: that needs a role granting ${permission} with the data scope "all". Choose a parent department within your reach.`,
    [{ field: 'parentId', message: `the top level needs the data scope "all" for ${permission}` }],
  );
}
