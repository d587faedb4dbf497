import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEMO_ROLE_CODES, OrgPermission, type DemoRoleCode } from '@zhongshu/contracts';
import { DemoSeeder, newId, type DataScopeKind, type DemoRoleGrants, type DemoSeed } from '@zhongshu/platform';
import { OrgEvents } from '../events/org-events.js';
import { PasswordHasher } from '../identity/password-hasher.js';

export const DEMO_PASSWORD = 'Demo@2026';

interface DemoDepartment {
  code: string;
  name: string;
  parent?: string;
  leader?: string;
  deputy?: string;
}

interface DemoRole {
  code: DemoRoleCode | 'admin';
  name: string;
  dataScope: DataScopeKind;
  chosen?: string[];
  allPermissions?: boolean;
}

export interface DemoPerson {
  username: string;
  name: string;
  department: string;
  position: string;
  manager?: string;
  roles: string[];
  /** Only the documented demo logins can sign in. */
  login?: boolean;
}

const ORG_READ = [OrgPermission.PersonRead, OrgPermission.DepartmentRead, OrgPermission.PositionRead];

/**
 * What org gives the demo roles; every other context adds its own from its demo seed,
 * so the roles are created here without permissions of anyone else's.
 */
const ORG_ROLE_GRANTS: DemoRoleGrants = {
  employee: [OrgPermission.PersonRead],
  'dept-manager': ORG_READ,
  sales: [OrgPermission.PersonRead],
  'sales-manager': ORG_READ,
  finance: ORG_READ,
  planner: ORG_READ,
  hr: [...ORG_READ, OrgPermission.PersonUpdate],
};

const DEPARTMENTS: DemoDepartment[] = [
  { code: 'HQ', name: '总部', leader: 'gm' },
  { code: 'OPS', name: '综合管理部', parent: 'HQ', leader: 'manager', deputy: 'hr' },
  { code: 'SALES', name: '销售部', parent: 'HQ', leader: 'salesmgr' },
  { code: 'SALES-EAST', name: '华东销售组', parent: 'SALES', leader: 'zhou.qiang' },
  { code: 'FIN', name: '财务部', parent: 'HQ', leader: 'cfo' },
  { code: 'PROD', name: '生产部', parent: 'HQ', leader: 'prodmgr' },
];

const POSITIONS = [
  ['GM', '总经理'],
  ['DEPT-HEAD', '部门经理'],
  ['CLERK', '行政专员'],
  ['HR', '人事专员'],
  ['SALES-REP', '销售代表'],
  ['ACCOUNTANT', '会计'],
  ['PLANNER', '生产计划员'],
  ['OPERATOR', '操作工'],
  ['QC', '质检员'],
] as const;

const ROLES: DemoRole[] = [
  { code: 'admin', name: '系统管理员', dataScope: 'all', allPermissions: true },
  { code: 'employee', name: '员工', dataScope: 'self' },
  { code: 'dept-manager', name: '部门经理', dataScope: 'department-and-below' },
  { code: 'sales', name: '销售代表', dataScope: 'self' },
  { code: 'sales-manager', name: '销售经理', dataScope: 'department-and-below' },
  { code: 'finance', name: '财务', dataScope: 'all' },
  { code: 'planner', name: '生产计划员', dataScope: 'department' },
  { code: 'hr', name: '人事专员', dataScope: 'chosen-departments', chosen: ['OPS', 'PROD'] },
];

// Every demo role other contexts may grant to is created here, and only those.
const missingRoles = DEMO_ROLE_CODES.filter((code) => !ROLES.some((role) => role.code === code));
if (missingRoles.length > 0) throw new Error(`The demo seed does not create the demo roles ${missingRoles.join(', ')}`);

/** The demo people; the README lists who of them can sign in (test/lint/readme.spec.ts holds it to this). */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { username: 'admin', name: '系统管理员', department: 'HQ', position: 'CLERK', roles: ['admin'], login: true },
  { username: 'gm', name: '陈建国', department: 'HQ', position: 'GM', roles: ['finance'] },
  { username: 'manager', name: '王芳', department: 'OPS', position: 'DEPT-HEAD', manager: 'gm', roles: ['employee', 'dept-manager'], login: true },
  { username: 'employee', name: '李明', department: 'OPS', position: 'CLERK', manager: 'manager', roles: ['employee'], login: true },
  { username: 'hr', name: '赵敏', department: 'OPS', position: 'HR', manager: 'manager', roles: ['employee', 'hr'] },
  { username: 'liu.yang', name: '刘洋', department: 'OPS', position: 'CLERK', manager: 'manager', roles: ['employee'] },
  { username: 'salesmgr', name: '张伟', department: 'SALES', position: 'DEPT-HEAD', manager: 'gm', roles: ['employee', 'sales-manager'], login: true },
  { username: 'sales', name: '孙丽', department: 'SALES', position: 'SALES-REP', manager: 'salesmgr', roles: ['employee', 'sales'], login: true },
  { username: 'he.jun', name: '何军', department: 'SALES', position: 'SALES-REP', manager: 'salesmgr', roles: ['employee', 'sales'] },
  { username: 'zhou.qiang', name: '周强', department: 'SALES-EAST', position: 'DEPT-HEAD', manager: 'salesmgr', roles: ['employee', 'sales'] },
  { username: 'wu.ting', name: '吴婷', department: 'SALES-EAST', position: 'SALES-REP', manager: 'zhou.qiang', roles: ['employee', 'sales'] },
  { username: 'zheng.hao', name: '郑浩', department: 'SALES-EAST', position: 'SALES-REP', manager: 'zhou.qiang', roles: ['employee', 'sales'] },
  { username: 'feng.lei', name: '冯磊', department: 'SALES-EAST', position: 'SALES-REP', manager: 'zhou.qiang', roles: ['employee', 'sales'] },
  { username: 'cfo', name: '钱慧', department: 'FIN', position: 'DEPT-HEAD', manager: 'gm', roles: ['employee', 'finance'] },
  { username: 'finance', name: '林静', department: 'FIN', position: 'ACCOUNTANT', manager: 'cfo', roles: ['employee', 'finance'], login: true },
  { username: 'xu.na', name: '徐娜', department: 'FIN', position: 'ACCOUNTANT', manager: 'cfo', roles: ['employee', 'finance'] },
  { username: 'prodmgr', name: '黄刚', department: 'PROD', position: 'DEPT-HEAD', manager: 'gm', roles: ['employee', 'dept-manager'] },
  { username: 'planner', name: '马超', department: 'PROD', position: 'PLANNER', manager: 'prodmgr', roles: ['employee', 'planner'], login: true },
  { username: 'gao.feng', name: '高峰', department: 'PROD', position: 'PLANNER', manager: 'prodmgr', roles: ['employee', 'planner'] },
  { username: 'luo.bin', name: '罗斌', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'liang.yu', name: '梁宇', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'song.jie', name: '宋杰', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'tang.li', name: '唐莉', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'han.bo', name: '韩波', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'cao.yan', name: '曹燕', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'deng.kai', name: '邓凯', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'xie.ming', name: '谢明', department: 'PROD', position: 'QC', manager: 'prodmgr', roles: ['employee'] },
  { username: 'pan.hui', name: '潘慧', department: 'PROD', position: 'QC', manager: 'prodmgr', roles: ['employee'] },
  { username: 'du.wei', name: '杜伟', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
  { username: 'jiang.tao', name: '蒋涛', department: 'PROD', position: 'OPERATOR', manager: 'prodmgr', roles: ['employee'] },
];

/**
 * The demo company's people: six departments under 总部 (one two levels deep, so
 * "department and below" shows), thirty people, and the documented logins
 * admin, employee, manager, sales, salesmgr, finance and planner, all with the
 * password Demo@2026.
 */
@DemoSeeder({ after: ['platform.company'] })
@Injectable()
export class OrgDemoSeed implements DemoSeed {
  readonly name = 'org.structure';
  readonly roleGrants = ORG_ROLE_GRANTS;

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly orgEvents: OrgEvents,
  ) {}

  async seed(manager: EntityManager): Promise<void> {
    const existingDepartments: Array<{ id: string }> = await manager.query('SELECT id FROM org.department WHERE lower(code) = ANY($1)', [
      DEPARTMENTS.map((department) => department.code.toLowerCase()),
    ]);
    const before = await this.orgEvents.beforeDepartments(
      manager,
      existingDepartments.map((row) => row.id),
    );
    const departmentIds = new Map<string, string>();
    for (const department of DEPARTMENTS) {
      const [existing] = await manager.query('SELECT id FROM org.department WHERE lower(code) = lower($1)', [department.code]);
      const id = (existing?.id as string | undefined) ?? newId();
      const parentId = department.parent ? departmentIds.get(department.parent) : null;
      if (existing) await manager.query('UPDATE org.department SET name = $2, parent_id = $3 WHERE id = $1', [id, department.name, parentId]);
      else await manager.query('INSERT INTO org.department (id, code, name, parent_id, sort_order) VALUES ($1, $2, $3, $4, $5)', [id, department.code, department.name, parentId, departmentIds.size]);
      departmentIds.set(department.code, id);
    }
    const positionIds = new Map<string, string>();
    for (const [code, name] of POSITIONS) {
      const [row] = await manager.query(
        'INSERT INTO org.position (id, code, name) VALUES ($1, $2, $3) ON CONFLICT ((lower(code))) DO UPDATE SET name = EXCLUDED.name RETURNING id',
        [newId(), code, name],
      );
      positionIds.set(code, row.id);
    }
    const roleIds = new Map<string, string>();
    for (const role of ROLES) {
      const chosen = (role.chosen ?? []).map((code) => departmentIds.get(code));
      const [row] = await manager.query(
        `INSERT INTO org.role (id, code, name, permissions, all_permissions, data_scope, scope_department_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, permissions = EXCLUDED.permissions,
           all_permissions = EXCLUDED.all_permissions, data_scope = EXCLUDED.data_scope, scope_department_ids = EXCLUDED.scope_department_ids
         RETURNING id`,
        [newId(), role.code, role.name, [], role.allPermissions ?? false, role.dataScope, chosen],
      );
      roleIds.set(role.code, row.id);
    }
    // One hash for every demo login: they share the documented password anyway.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const personIds = new Map<string, string>();
    for (const [index, person] of DEMO_PEOPLE.entries()) {
      const id = newId();
      personIds.set(person.username, id);
      await manager.query(
        `INSERT INTO org.person (id, employee_no, name, username, email, mobile, main_department_id, position_id, hire_date, status,
                                 password_hash, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, CASE WHEN $10::text IS NULL THEN NULL ELSE now() END)`,
        [
          id,
          `E${String(index + 1).padStart(4, '0')}`,
          person.name,
          person.username,
          `${person.username}@huadong-precision.example`,
          `138${String(10_000_000 + index * 7_919).slice(0, 8)}`,
          departmentIds.get(person.department),
          positionIds.get(person.position),
          `20${String(15 + (index % 10)).padStart(2, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`,
          person.login ? passwordHash : null,
        ],
      );
      for (const role of person.roles) {
        await manager.query('INSERT INTO org.person_role (person_id, role_id) VALUES ($1, $2)', [id, roleIds.get(role)]);
      }
    }
    for (const person of DEMO_PEOPLE) {
      if (person.manager) await manager.query('UPDATE org.person SET manager_id = $2 WHERE id = $1', [personIds.get(person.username), personIds.get(person.manager)]);
    }
    for (const department of DEPARTMENTS) {
      await manager.query('UPDATE org.department SET leader_id = $2, deputy_id = $3 WHERE id = $1', [
        departmentIds.get(department.code),
        department.leader ? personIds.get(department.leader) : null,
        department.deputy ? personIds.get(department.deputy) : null,
      ]);
    }
    // A part-time post: the planner also serves in the sales department for order planning.
    await manager.query('INSERT INTO org.part_time_post (id, person_id, department_id, position_id) VALUES ($1, $2, $3, $4)', [
      newId(),
      personIds.get('planner'),
      departmentIds.get('SALES'),
      positionIds.get('PLANNER'),
    ]);
    // The seed writes with its own SQL, but tells the other contexts exactly what the
    // services would have, once everything (managers, leaders, posts) is in place.
    await this.orgEvents.publishDepartments(
      manager,
      before,
      DEPARTMENTS.map((department) => departmentIds.get(department.code) as string),
    );
    await this.orgEvents.publishPeople(
      manager,
      new Map(),
      DEMO_PEOPLE.map((person) => personIds.get(person.username) as string),
    );
  }
}
