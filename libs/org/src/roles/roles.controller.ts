import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { CreateRoleDto, PermissionDto, RoleDto, UpdateRoleDto } from './role.dto.js';
import { RolesService } from './roles.service.js';
import { declaredPermissions, OrgPermission } from '@zhongshu/contracts';

@ApiTags('org')
@Controller('org')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @RequirePermission(OrgPermission.RoleRead)
  @Get('roles')
  @ApiOkResponse({ type: [RoleDto] })
  @ApiOperation({ summary: 'List roles', description: 'Every role with its permissions and data scopes.' })
  list(): Promise<RoleDto[]> {
    return this.roles.list();
  }

  @RequirePermission(OrgPermission.RoleRead)
  @Get('roles/:id')
  @ApiOkResponse({ type: RoleDto })
  @ApiOperation({ summary: 'Get a role', description: 'One role with its permissions, data scope and version.' })
  @ApiProblems(404)
  get(@Param('id', ParseUuidPipe) id: string): Promise<RoleDto> {
    return this.roles.read(id);
  }

  @RequirePermission(OrgPermission.RoleCreate)
  @Post('roles')
  @ApiCreatedResponse({ type: RoleDto })
  @ApiOperation({ summary: 'Create a role', description: 'A role granting permissions with a data scope; nobody grants what they do not hold themselves.' })
  @ApiProblems({ status: 403, description: "The role would grant a permission or reach the caller does not hold" }, 409, { status: 422, description: "A permission is unknown or a department is out of reach" })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.create(principal, body));
  }

  @RequirePermission(OrgPermission.RoleUpdate)
  @Patch('roles/:id')
  @ApiOkResponse({ type: RoleDto })
  @ApiOperation({ summary: 'Change a role', description: 'Changes the role\'s name, permissions or data scope; `version` must be the one read. Built-in roles are protected.' })
  @ApiProblems({ status: 403, description: "The change would grant more than the caller holds" }, 404, 409, { status: 422, description: "A built-in role cannot be changed that way, or a permission is unknown" })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.update(principal, id, body));
  }

  /**
   * Every permission a role can hold, as the contexts declared them (libs/contracts),
   * with a label in each language. Those every signed-in person holds anyway are left out.
   */
  @RequirePermission(OrgPermission.RoleRead)
  @Get('permissions')
  @ApiOkResponse({ type: [PermissionDto] })
  @ApiOperation({ summary: 'List grantable permissions', description: 'Every permission a role can hold, as the contexts declared them, with a label in each language; those every signed-in person holds anyway are left out.' })
  permissions(): PermissionDto[] {
    return declaredPermissions()
      .filter((entry) => !entry.everyone)
      .map((entry) => ({ code: entry.code, context: entry.context, label: { zhCN: entry.label['zh-CN'], en: entry.label.en } }));
  }
}
