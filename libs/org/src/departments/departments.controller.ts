import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  list(@CurrentPrincipal() principal: Principal, @Query() query: DepartmentQueryDto): Promise<DepartmentPageDto> {
    return this.departments.list(principal, query);
  }

  @RequirePermission(OrgPermission.DepartmentRead)
  @Get(':id')
  @ApiOkResponse({ type: DepartmentDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<DepartmentDto> {
    return this.departments.read(principal, id);
  }

  @RequirePermission(OrgPermission.DepartmentCreate)
  @Post()
  @ApiCreatedResponse({ type: DepartmentDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.create(principal, body));
  }

  @RequirePermission(OrgPermission.DepartmentUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: DepartmentDto })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.update(principal, id, body));
  }

  @RequirePermission(OrgPermission.DepartmentMove)
  @Post(':id/move')
  @HttpCode(200)
  @ApiOkResponse({ type: DepartmentDto })
  async move(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: MoveDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.move(principal, id, body));
  }

  @RequirePermission(OrgPermission.DepartmentDelete)
  @Delete(':id')
  @ApiOkResponse({ type: RemoveDepartmentResultDto })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<RemoveDepartmentResultDto> {
    return { outcome: await this.departments.remove(principal, id) };
  }
}
