import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { HttpStatus } from '@nestjs/common';
import { CrmPermission } from '@zhongshu/contracts';
import { ApiProblems, ParseUuidPipe, CSV_TYPE, CurrentPrincipal, RequirePermission, XLSX_TYPE, readSheet, type Principal } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { DuplicateResultDto } from '../customers/customer.dto.js';
import { CreateFollowUpDto, FollowUpDto } from '../follow-ups/follow-up.dto.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import {
  AssignLeadsDto,
  AssignmentResultDto,
  CloseLeadDto,
  ConversionDto,
  ConvertLeadDto,
  CreateLeadDto,
  DistributeLeadsDto,
  ImportOptionsDto,
  LeadDto,
  LeadImportResultDto,
  LeadPageDto,
  LeadQueryDto,
  UpdateLeadDto,
} from './lead.dto.js';
import { LEAD_IMPORT_HEADERS, LeadsService } from './leads.service.js';

@ApiTags('crm')
@Controller('crm/leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly followUps: FollowUpsService,
  ) {}

  @RequirePermission(CrmPermission.LeadRead)
  @Get()
  @ApiOperation({ summary: 'List leads', description: 'Leads within the caller’s data scope (unassigned ones belong to their team), searched by name, company or phone.' })
  @ApiOkResponse({ type: LeadPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: LeadQueryDto): Promise<LeadPageDto> {
    return this.leads.list(principal, query);
  }

  @RequirePermission(CrmPermission.LeadRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a lead', description: 'Outside the caller’s scope answers 404.' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<LeadDto> {
    return this.leads.read(principal, id);
  }

  @RequirePermission(CrmPermission.LeadRead)
  @Get(':id/matches')
  @ApiOperation({ summary: 'Customers this lead may already be', description: 'By company name, phone and email domain: convert onto one of them instead of making a duplicate.' })
  @ApiOkResponse({ type: DuplicateResultDto })
  @ApiProblems(404)
  matches(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<DuplicateResultDto> {
    return this.leads.matches(principal, id);
  }

  @RequirePermission(CrmPermission.LeadRead)
  @Get(':id/follow-ups')
  @ApiOperation({ summary: 'The lead’s follow-ups', description: 'Newest first.' })
  @ApiOkResponse({ type: [FollowUpDto] })
  @ApiProblems(404)
  async followUpsOf(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<FollowUpDto[]> {
    await this.leads.read(principal, id);
    return this.followUps.of({ leadId: id });
  }

  @RequirePermission(CrmPermission.LeadUpdate)
  @Post(':id/follow-ups')
  @ApiOperation({ summary: 'Log a follow-up on a lead', description: 'As POST /crm/follow-ups with this lead.' })
  @ApiCreatedResponse({ type: FollowUpDto })
  @ApiProblems(404, 409, 422)
  followUp(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CreateFollowUpDto): Promise<FollowUpDto> {
    if (body.customerId) throw CrmError.invalidReference('customerId', 'A lead’s follow-up has no customer');
    return this.followUps.create(principal, { ...body, leadId: id });
  }

  @RequirePermission(CrmPermission.LeadCreate)
  @Post()
  @ApiOperation({ summary: 'Create a lead', description: 'Owned by the caller unless `ownerId` names another (within the caller’s assign scope) or null (unassigned).' })
  @ApiCreatedResponse({ type: LeadDto })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateLeadDto): Promise<LeadDto> {
    return this.leads.written((await this.leads.create(principal, body)).id);
  }

  @RequirePermission(CrmPermission.LeadCreate)
  @Post('import')
  @HttpCode(200)
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiOperation({
    summary: 'Import leads from CSV or XLSX',
    description: 'The sheet is the request body, headers in row 1 (name, company, title, phone, email, source, industry, province, city, remark, or 姓名, 公司, 职务, 电话, 邮箱, 来源, 行业, 省份, 城市, 备注). All rows or none: any bad row answers 422 listing every error as `rows[<line>].<column>`.',
  })
  @ApiProblems(409, 422)
  @ApiOkResponse({ type: LeadImportResultDto })
  async import(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Query() query: ImportOptionsDto): Promise<LeadImportResultDto> {
    const rows = await readSheet(request.body, request.headers['content-type'], LEAD_IMPORT_HEADERS, (detail) => new CrmError(CrmErrorCode.ImportRejected, HttpStatus.BAD_REQUEST, detail));
    return { created: await this.leads.import(principal, rows, query.unassigned === 'true') };
  }

  @RequirePermission(CrmPermission.LeadUpdate)
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a lead', description: 'Optimistic: names the version read. Converted and invalid leads cannot change.' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(404, 409, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateLeadDto): Promise<LeadDto> {
    await this.leads.update(principal, id, body);
    return this.leads.written(id);
  }

  @RequirePermission(CrmPermission.LeadAssign)
  @Post('assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign leads to a rep', description: 'Every lead to one person, within the caller’s assign scope.' })
  @ApiOkResponse({ type: AssignmentResultDto })
  @ApiProblems(409, 422)
  assign(@CurrentPrincipal() principal: Principal, @Body() body: AssignLeadsDto): Promise<AssignmentResultDto> {
    return this.leads.assign(principal, body.leadIds, body.ownerId);
  }

  @RequirePermission(CrmPermission.LeadAssign)
  @Post('distribute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign leads in turns (round-robin)', description: 'Spread over the reps named, starting with whoever has waited longest since their last lead.' })
  @ApiOkResponse({ type: AssignmentResultDto })
  @ApiProblems(409, 422)
  distribute(@CurrentPrincipal() principal: Principal, @Body() body: DistributeLeadsDto): Promise<AssignmentResultDto> {
    return this.leads.distribute(principal, body.leadIds, body.ownerIds);
  }

  @RequirePermission(CrmPermission.LeadUpdate)
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a lead as invalid', description: 'With a reason; a closed lead cannot be converted.' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(404, 409, 422)
  async close(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CloseLeadDto): Promise<LeadDto> {
    await this.leads.close(principal, id, body.version, body.reason);
    return this.leads.written(id);
  }

  @RequirePermission(CrmPermission.LeadConvert)
  @Post(':id/convert')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Convert a lead',
    description: 'Into an existing customer (`customerId`) or a new one (`customer`, checked for duplicates), with a contact and an opportunity when given, in one transaction. Emits `crm.lead.converted` (and `crm.customer.created` for a new customer).',
  })
  @ApiProblems(404, 409, 422)
  @ApiOkResponse({ type: ConversionDto })
  convert(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ConvertLeadDto): Promise<ConversionDto> {
    return this.leads.convert(principal, id, body);
  }
}
