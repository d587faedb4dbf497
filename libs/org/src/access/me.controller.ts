import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ContextRegistry, CurrentPrincipal, RequirePermission, scopeFor, type Principal } from '@zhongshu/platform';
import { OrgError } from '../org-error.js';
import { MeDto } from './me.dto.js';
import { PersonAccessLoader } from './person-access.js';
import { OrgPermission, type PermissionCode } from '@zhongshu/contracts';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: PersonAccessLoader,
    private readonly contexts: ContextRegistry,
  ) {}

  /** Who I am, what I may do, how far I see, and the menu to show me. */
  @RequirePermission(OrgPermission.MeRead)
  @Get()
  @ApiOkResponse({ type: MeDto })
  @ApiOperation({ summary: 'Who am I', description: 'The caller\'s person, department and position, permissions, data scope per permission, and the menu they may open (the SPA builds its sidebar from it).' })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.username, p.name, p.employee_no, p.email, p.mobile, p.manager_id,
              d.id AS department_id, d.name AS department_name, pos.name AS position_name
         FROM org.person p
         JOIN org.department d ON d.id = p.main_department_id
         LEFT JOIN org.position pos ON pos.id = p.position_id
        WHERE p.id = $1`,
      [principal.userId],
    );
    if (!row) throw OrgError.notFound('Person', principal.userId);
    const access = await this.access.forPerson(principal.userId);
    const permissions = ([...principal.permissions] as PermissionCode[]).sort();
    return {
      profile: {
        id: row.id,
        username: row.username,
        name: row.name,
        employeeNo: row.employee_no,
        email: row.email,
        mobile: row.mobile,
        department: { id: row.department_id, name: row.department_name },
        positionName: row.position_name,
        managerId: row.manager_id,
      },
      roles: [...access.roles],
      permissions,
      dataScope: {
        grants: principal.dataScope.grants.map((grant) => ({ ...grant, departmentIds: [...grant.departmentIds], permissions: [...grant.permissions] })),
        permissions: permissions.map((permission) => {
          const scope = scopeFor(principal, permission);
          return { permission, all: scope.all, departmentIds: [...scope.departmentIds], roleCodes: scope.grants.map((grant) => grant.roleCode) };
        }),
      },
      menus: this.contexts.menuFor(principal.permissions),
    };
  }
}
