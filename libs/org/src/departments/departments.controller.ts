import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import {
  CreateDepartmentDto,
  DepartmentDto,
  DepartmentPageDto,
  DepartmentQueryDto,
  MoveDepartmentDto,
  RemoveDepartmentResultDto,
  UpdateDepartmentDto,
} from './department.dto.js';
import { DepartmentsService } from './departments.service.js';
import { OrgPermission } from '@zhongshu/contracts';

@ApiTags('org')
@Controller('org/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @RequirePermission(OrgPermission.DepartmentRead)
  @Get()
  @ApiOkResponse({ type: DepartmentPageDto })
  @ApiOperation({ summary: 'List departments', description: 'Departments within the caller\'s data scope, filtered by parent, status and name (trigram search), in pinyin order, paged.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentQueryDto): Promise<DepartmentPageDto> {
    return this.departments.list(principal, query);
  }

  @RequirePermission(OrgPermission.DepartmentRead)
  @Get(':id')
  @ApiOkResponse({ type: DepartmentDto })
  @ApiOperation({ summary: 'Get a department', description: 'One department with its parent, leader and version.' })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<DepartmentDto> {
    return this.departments.read(principal, id);
  }

  @RequirePermission(OrgPermission.DepartmentCreate)
  @Post()
  @ApiCreatedResponse({ type: DepartmentDto })
  @ApiOperation({ summary: 'Create a department', description: 'A department under a parent; its code is unique.' })
  @ApiProblems(409, { status: 422, description: "The parent or leader does not exist, is archived or is outside your scope" })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.create(principal, body));
  }

  @RequirePermission(OrgPermission.DepartmentUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: DepartmentDto })
  @ApiOperation({ summary: 'Change a department', description: 'Changes the fields sent (name, code, leader, …); `version` must be the one read. An archived department cannot be changed.' })
  @ApiProblems(404, 409, { status: 422, description: "The department is archived, or the leader is not an active person in your scope" })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.update(principal, id, body));
  }

  @RequirePermission(OrgPermission.DepartmentMove)
  @Post(':id/move')
  @HttpCode(200)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiOperation({ summary: 'Move a department', description: 'Puts the department (with its subtree) under another parent; refused when the new parent is inside the subtree.' })
  @ApiProblems(404, 409, { status: 422, description: "The move would make a cycle, or the new parent is archived or out of scope" })
  async move(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: MoveDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.move(principal, id, body));
  }

  @RequirePermission(OrgPermission.DepartmentDelete)
  @Delete(':id')
  @ApiOkResponse({ type: RemoveDepartmentResultDto })
  @ApiOperation({ summary: 'Archive a department', description: 'Archives the department (records keep referring to it); refused while it still has active sub-departments or people.' })
  @ApiProblems(404, { status: 422, description: "The department still has active sub-departments or people" })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<RemoveDepartmentResultDto> {
    return { outcome: await this.departments.remove(principal, id) };
  }
}
