import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  list(): Promise<RoleDto[]> {
    return this.roles.list();
  }

  @RequirePermission(OrgPermission.RoleRead)
  @Get('roles/:id')
  @ApiOkResponse({ type: RoleDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<RoleDto> {
    return this.roles.read(id);
  }

  @RequirePermission(OrgPermission.RoleCreate)
  @Post('roles')
  @ApiCreatedResponse({ type: RoleDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.create(principal, body));
  }

  @RequirePermission(OrgPermission.RoleUpdate)
  @Patch('roles/:id')
  @ApiOkResponse({ type: RoleDto })
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
  permissions(): PermissionDto[] {
    return declaredPermissions()
      .filter((entry) => !entry.everyone)
      .map((entry) => ({ code: entry.code, context: entry.context, label: { zhCN: entry.label['zh-CN'], en: entry.label.en } }));
  }
}
