import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblems, CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
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

const SHEET = { type: 'string', format: 'binary' } as const;

/** An import's body: the sheet's bytes, as CSV (UTF-8, first row the column names) or XLSX (the first sheet). */
const SHEET_BODY = {
  description: 'The sheet itself, not a multipart form: CSV in UTF-8 with the column names in the first row, or an XLSX workbook whose first sheet is read',
  required: true,
  // Given once, for each of the media types of @ApiConsumes.
  schema: SHEET,
};

/** An export's answer: an attachment in the format asked for. */
const SHEET_ANSWER = {
  description: 'The sheet as an attachment (`Content-Disposition`), CSV or XLSX as `format` asks',
  content: { [CSV_TYPE]: { schema: SHEET }, [XLSX_TYPE]: { schema: SHEET } },
};

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
  @ApiBody(SHEET_BODY)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiOperation({ summary: 'Import departments', description: 'The body is the sheet itself, CSV or XLSX. Rows are matched by code; only rows whose values differ are written, so an unchanged file changes nothing. Everything or nothing: any bad row answers 422 listing each row and column.' })
  @ApiProblems({ status: 422, description: "Rows are invalid; `errors` names each by row and column (`rows[3].parentCode`)" })
  async importDepartments(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.departments(principal, await readSheet(request.body, request.headers['content-type'], DEPARTMENT_COLUMNS));
  }

  @RequirePermission(OrgPermission.PersonImport)
  @Post('import/people')
  @HttpCode(200)
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiBody(SHEET_BODY)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiOperation({ summary: 'Import people', description: 'The body is the sheet itself, CSV or XLSX. Rows are matched by employee number; a row naming a version is checked against it like the API does. Everything or nothing: any bad row answers 422 listing each row and column.' })
  @ApiProblems({ status: 409, description: "A row names a version that is no longer current" }, { status: 422, description: "Rows are invalid; `errors` names each by row and column (`rows[4].username`)" })
  async importPeople(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.people(principal, await readSheet(request.body, request.headers['content-type'], PERSON_COLUMNS));
  }

  @RequirePermission(OrgPermission.DepartmentExport)
  @Get('export/departments')
  @ApiProduces(CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse(SHEET_ANSWER)
  @ApiOperation({ summary: 'Export departments', description: 'The departments within the caller\'s scope as a CSV or XLSX attachment (`format`); the export is audited with its row count.' })
  async exportDepartments(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    attachment(reply, 'departments', query.format);
    return this.exports.departments(principal, query.format);
  }

  @RequirePermission(OrgPermission.PersonExport)
  @Get('export/people')
  @ApiProduces(CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse(SHEET_ANSWER)
  @ApiOperation({ summary: 'Export people', description: 'The people within the caller\'s scope as a CSV or XLSX attachment (`format`); the export of personal data is audited with who, what and how many rows.' })
  async exportPeople(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    attachment(reply, 'people', query.format);
    return this.exports.people(principal, query.format);
  }
}

function attachment(reply: FastifyReply, name: string, format: TabularFormat): void {
  void reply.header('content-type', format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : XLSX_TYPE);
  void reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
}
