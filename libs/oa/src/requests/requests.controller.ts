import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import {
  AddApproverDto,
  ApproveDto,
  CcDto,
  CommentBodyDto,
  CommentDto,
  InboxCountsDto,
  RequestDetailDto,
  RequestListQueryDto,
  RequestPageDto,
  RequestStateDto,
  ResubmitDto,
  ReturnDto,
  RoutePreviewDto,
  SubmitRequestDto,
  TaskListQueryDto,
  TaskPageDto,
  TransferDto,
} from './request.dto.js';
import { RequestViews } from './request-views.service.js';
import { RequestsService } from './requests.service.js';

/** Requests: submitting, reading one, the lists, and the applicant's actions. */
@ApiTags('oa')
@Controller('oa/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly views: RequestViews,
  ) {}

  @RequirePermission(OaPermission.RequestSubmit)
  @Post()
  @ApiCreatedResponse({ type: RequestStateDto })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitRequestDto): Promise<RequestStateDto> {
    return this.requests.submit(principal, body);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Post('preview-route')
  @HttpCode(200)
  @ApiOkResponse({ type: RoutePreviewDto })
  async previewRoute(@CurrentPrincipal() principal: Principal, @Body() body: SubmitRequestDto): Promise<RoutePreviewDto> {
    return { route: await this.views.preview(await this.requests.previewRoute(principal, body)) };
  }

  @RequirePermission(OaPermission.InboxRead)
  @Get()
  @ApiOkResponse({ type: RequestPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: RequestListQueryDto): Promise<RequestPageDto> {
    return this.views.list(principal, query);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Get(':id')
  @ApiOkResponse({ type: RequestDetailDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<RequestDetailDto> {
    return this.views.detail(principal, id);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  resubmit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ResubmitDto): Promise<RequestStateDto> {
    return this.requests.resubmit(principal, id, body);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.withdraw(principal, id, body.comment ?? null);
  }

  /** The applicant's own, or anyone's within the scope of oa:request:cancel (checked in the service). */
  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.cancel(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/urge')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  urge(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.urge(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/comment')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  comment(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentDto): Promise<RequestStateDto> {
    return this.requests.comment(principal, id, body);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/cc')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  cc(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CcDto): Promise<RequestStateDto> {
    return this.requests.cc(principal, id, body);
  }
}

/** The approver's side: the to-do and done lists, and the actions on a task the caller holds. */
@ApiTags('oa')
@Controller('oa/tasks')
export class TasksController {
  constructor(
    private readonly requests: RequestsService,
    private readonly views: RequestViews,
  ) {}

  @RequirePermission(OaPermission.InboxRead)
  @Get()
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TaskListQueryDto): Promise<TaskPageDto> {
    return this.views.tasks(principal, query);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ApproveDto): Promise<RequestStateDto> {
    return this.requests.approve(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.reject(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  returnTask(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ReturnDto): Promise<RequestStateDto> {
    return this.requests.returnTask(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  transfer(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: TransferDto): Promise<RequestStateDto> {
    return this.requests.transfer(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/add-approver')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  addApprover(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: AddApproverDto): Promise<RequestStateDto> {
    return this.requests.addApprover(principal, id, body);
  }
}

/** The menu badges. */
@ApiTags('oa')
@Controller('oa/inbox')
export class InboxController {
  constructor(private readonly views: RequestViews) {}

  @RequirePermission(OaPermission.InboxRead)
  @Get('counts')
  @ApiOkResponse({ type: InboxCountsDto })
  counts(@CurrentPrincipal() principal: Principal): Promise<InboxCountsDto> {
    return this.views.counts(principal);
  }
}
