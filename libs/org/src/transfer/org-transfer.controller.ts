import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import { OrgExport } from './org-export.service.js';
import { DEPARTMENT_COLUMNS, OrgImport, PERSON_COLUMNS } from './org-import.service.js';
import { CSV_TYPE, XLSX_TYPE, readSheet, type TabularFormat } from './tabular.js';
import { OrgPermission } from '@zhongshu/contracts';

class ImportResultDto {
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'Rows whose values differed from the stored ones, and were written' }) updated!: number;
  @ApiProperty({ description: 'Rows equal to the stored ones: not written, versions kept' }) unchanged!: number;
}

class ExportQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'], required: false, default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: TabularFormat = 'xlsx';
}

/**
 * Upload the file itself as the body (`Content-Type: text/csv` or the XLSX type);
 * the answer is the count written, or 422 listing each bad row and column.
 */
@ApiTags('org')
@Controller('org')
export class OrgTransferController {
  constructor(
    private readonly imports: OrgImport,
    private readonly exports: OrgExport,
  ) {}

  @RequirePermission(OrgPermission.DepartmentImport)
  @Post('import/departments')
  @HttpCode(200)
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: ImportResultDto })
  async importDepartments(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.departments(principal, await readSheet(request.body, request.headers['content-type'], DEPARTMENT_COLUMNS));
  }

  @RequirePermission(OrgPermission.PersonImport)
  @Post('import/people')
  @HttpCode(200)
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: ImportResultDto })
  async importPeople(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.people(principal, await readSheet(request.body, request.headers['content-type'], PERSON_COLUMNS));
  }

  @RequirePermission(OrgPermission.DepartmentExport)
  @Get('export/departments')
  @ApiProduces(CSV_TYPE, XLSX_TYPE)
  async exportDepartments(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    attachment(reply, 'departments', query.format);
    return this.exports.departments(principal, query.format);
  }

  @RequirePermission(OrgPermission.PersonExport)
  @Get('export/people')
  @ApiProduces(CSV_TYPE, XLSX_TYPE)
  async exportPeople(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    attachment(reply, 'people', query.format);
    return this.exports.people(principal, query.format);
  }
}

function attachment(reply: FastifyReply, name: string, format: TabularFormat): void {
  void reply.header('content-type', format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : XLSX_TYPE);
  void reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
}
