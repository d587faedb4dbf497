import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  list(): Promise<RequestTypeSummaryDto[]> {
    return this.types.list();
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post()
  @ApiCreatedResponse({ type: RequestTypeDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRequestTypeDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.create(principal, body));
  }

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get(':id')
  @ApiOkResponse({ type: RequestTypeDto, description: 'The draft' })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.get(id));
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Patch(':id')
  @ApiOkResponse({ type: RequestTypeDto })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateRequestTypeDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.update(id, body));
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestTypeDto })
  async publish(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: PublishDto): Promise<RequestTypeDto> {
    return RequestTypeDto.from(await this.types.publish(principal, id, body.version));
  }

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get(':id/versions')
  @ApiOkResponse({ type: [RequestTypeVersionDto] })
  versions(@Param('id', ParseUuidPipe) id: string): Promise<RequestTypeVersionDto[]> {
    return this.types.listVersions(id);
  }

  @RequirePermission(OaPermission.RequestTypeManage)
  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestTypeDto })
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
  catalogue(@CurrentPrincipal() principal: Principal): Promise<CatalogueCategoryDto[]> {
    return this.types.catalogue(principal);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Get(':id')
  @ApiOkResponse({ type: PublishedFormDto })
  form(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PublishedFormDto> {
    return this.types.publishedForm(principal, id);
  }
}
