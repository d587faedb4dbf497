import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@zhongshu/platform';
import { PermissionCatalogue } from '../access/permission-catalogue.js';
import { CreateRoleDto, RoleDto, UpdateRoleDto } from './role.dto.js';
import { RolesService } from './roles.service.js';

@ApiTags('org')
@Controller('org')
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly catalogue: PermissionCatalogue,
  ) {}

  @RequirePermission('org:role:read')
  @Get('roles')
  @ApiOkResponse({ type: [RoleDto] })
  async list(): Promise<RoleDto[]> {
    return (await this.roles.list()).map((role) => RoleDto.from(role));
  }

  @RequirePermission('org:role:read')
  @Get('roles/:id')
  @ApiOkResponse({ type: RoleDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<RoleDto> {
    return RoleDto.from(await this.roles.get(id));
  }

  @RequirePermission('org:role:create')
  @Post('roles')
  @ApiCreatedResponse({ type: RoleDto })
  async create(@Body() body: CreateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.create(body));
  }

  @RequirePermission('org:role:update')
  @Patch('roles/:id')
  @ApiOkResponse({ type: RoleDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.update(id, body));
  }

  /** Every permission code a role can hold: the ones the application's routes require. */
  @RequirePermission('org:role:read')
  @Get('permissions')
  @ApiOkResponse({ type: [String] })
  permissions(): string[] {
    return [...this.catalogue.all()].sort();
  }
}
