import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import {
  CatalogueCategoryDto,
  CreateRequestTypeDto,
  PublishDto,
  PublishedFormDto,
  RequestTypeDto,
  RequestTypeSummaryDto,
  RequestTypeVersionDto,
  UpdateRequestTypeDto,
} from './request-type.dto.js';
import { RequestTypesService } from './request-types.service.js';

/** 审批类型 and their designers: drafts, publishing (422 naming each bad node), versions, archiving. */
@ApiTags('oa')
@Controller('oa/request-types')
export class RequestTypesController {
  constructor(private readonly types: RequestTypesService) {}

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get()
  @ApiOkResponse({ type: [RequestTypeSummaryDto] })
  @ApiOperation({ summary: 'List request types', description: 'Every request type (审批类型) with its category, state and published version.' })
  list(): Promise<RequestTypeSummaryDto[]> {
    return this.types.list();
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post()
  @ApiCreatedResponse({ type: RequestTypeDto })
  @ApiOperation({ summary: 'Create a request type', description: 'A new request type as a draft with an empty form and process.' })
  @ApiProblems(409, { status: 422, description: "The form or process of the draft is invalid" })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRequestTypeDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.create(principal, body));
  }

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get(':id')
  @ApiOkResponse({ type: RequestTypeDto, description: 'The draft' })
  @ApiOperation({ summary: 'Get a request type\'s draft', description: 'The draft of the request type: form, process, audience and version.' })
  @ApiProblems(404)
  async get(@Param('id', ParseUuidPipe) id: string): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.get(id));
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Patch(':id')
  @ApiOkResponse({ type: RequestTypeDto })
  @ApiOperation({ summary: 'Save a request type\'s draft', description: 'Saves the draft (form, process, audience); `version` must be the one read.' })
  @ApiProblems(404, 409, { status: 422, description: "The form is invalid; `errors` names each field" })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateRequestTypeDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.update(id, body));
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestTypeDto })
  @ApiOperation({ summary: 'Publish a request type', description: 'Publishes the draft as a new version; requests submitted from now on follow it, those already running keep theirs.' })
  @ApiProblems(404, 409, { status: 422, description: "The form or process is invalid; `errors` names each bad field and node" })
  async publish(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: PublishDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.publish(principal, id, body.version));
  }

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get(':id/versions')
  @ApiOkResponse({ type: [RequestTypeVersionDto] })
  @ApiOperation({ summary: 'List a request type\'s versions', description: 'Every published version, newest first.' })
  @ApiProblems(404)
  versions(@Param('id', ParseUuidPipe) id: string): Promise<RequestTypeVersionDto[]> {
    return this.types.listVersions(id);
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestTypeDto })
  @ApiOperation({ summary: 'Archive a request type', description: 'Nobody can submit it any more; running requests finish.' })
  @ApiProblems(404, 409)
  async archive(@Param('id', ParseUuidPipe) id: string, @Body() body: PublishDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.archive(id, body.version));
  }
}

/** 发起审批: what the caller may start, and the published form of one type. */
@ApiTags('oa')
@Controller('oa/catalogue')
export class CatalogueController {
  constructor(private readonly types: RequestTypesService) {}

  @RequirePermission(OaPermission.RequestSubmit)
  @Get()
  @ApiOkResponse({ type: [CatalogueCategoryDto] })
  @ApiOperation({ summary: 'List what I may submit', description: 'The published request types the caller may start (their audience includes them), by category.' })
  catalogue(@CurrentPrincipal() principal: Principal): Promise<CatalogueCategoryDto[]> {
    return this.types.catalogue(principal);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Get(':id')
  @ApiOkResponse({ type: PublishedFormDto })
  @ApiOperation({ summary: 'Get the form of a request type to submit', description: 'The published version of the request type: its form, and where the applicant chooses approvers, which steps. A type the caller may not submit answers 404.' })
  @ApiProblems(404)
  form(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PublishedFormDto> {
    return this.types.publishedForm(principal, id);
  }
}
