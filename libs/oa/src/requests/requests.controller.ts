import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'Submit a request', description: 'Starts an approval of a published request type with the form\'s data; the route is resolved now and the first tasks are created.' })
  @ApiProblems(404, { status: 422, description: "The form data is invalid (`errors` by field), the type is not published, or no approver can be found" })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitRequestDto): Promise<RequestStateDto> {
    return this.requests.submit(principal, body);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Post('preview-route')
  @HttpCode(200)
  @ApiOkResponse({ type: RoutePreviewDto })
  @ApiOperation({ summary: 'Preview a request\'s route', description: 'The approvers each step would have for this form data, without submitting; where the applicant chooses approvers, says so.' })
  @ApiProblems(404, { status: 422, description: "The form data is invalid or no approver can be found" })
  async previewRoute(@CurrentPrincipal() principal: Principal, @Body() body: SubmitRequestDto): Promise<RoutePreviewDto> {
    return { route: await this.views.preview(await this.requests.previewRoute(principal, body)) };
  }

  @RequirePermission(OaPermission.InboxRead)
  @Get()
  @ApiOkResponse({ type: RequestPageDto })
  @ApiOperation({ summary: 'List requests', description: 'Requests the caller submitted, was copied on, or may see in their scope, filtered by box, state, type and text, paged.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: RequestListQueryDto): Promise<RequestPageDto> {
    return this.views.list(principal, query);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Get(':id')
  @ApiOkResponse({ type: RequestDetailDto })
  @ApiOperation({ summary: 'Get a request', description: 'One request with its form data, route, tasks, comments and history, for those it concerns.' })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<RequestDetailDto> {
    return this.views.detail(principal, id);
  }

  @RequirePermission(OaPermission.RequestSubmit)
  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Resubmit a returned request', description: 'The applicant sends a request that was returned to them again, with changed form data.' })
  @ApiProblems(404, { status: 409, description: "The request is not waiting for the applicant" }, { status: 422, description: "The form data is invalid; `errors` names each field" })
  resubmit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ResubmitDto): Promise<RequestStateDto> {
    return this.requests.resubmit(principal, id, body);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Withdraw my request', description: 'The applicant takes back a request nobody has acted on yet.' })
  @ApiProblems(404, { status: 409, description: "Someone has already acted on the request, or it is closed" })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.withdraw(principal, id, body.comment ?? null);
  }

  /** The applicant's own, or anyone's within the scope of oa:request:cancel (checked in the service). */
  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Cancel a request', description: 'Cancels a running request: the applicant\'s own, or anyone\'s within the scope of oa:request:cancel.' })
  @ApiProblems(404, { status: 409, description: "The request is already closed" })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.cancel(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/urge')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Urge the approvers', description: 'Reminds the current approvers of the request; once an hour at most.' })
  @ApiProblems(404, { status: 409, description: "The request is closed" }, { status: 429, description: "The approvers were reminded less than an hour ago; `Retry-After` says when you may again" })
  urge(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.urge(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/comment')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Comment on a request', description: 'Adds a comment (with attachments) to the request\'s history.' })
  @ApiProblems(404, { status: 422, description: "An attachment is not yours or does not exist" })
  comment(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentDto): Promise<RequestStateDto> {
    return this.requests.comment(principal, id, body);
  }

  @RequirePermission(OaPermission.InboxRead)
  @Post(':id/cc')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Copy a request to people', description: 'Sends the request to more people to read (抄送).' })
  @ApiProblems(404, { status: 422, description: "A person does not exist or is not active" })
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
  @ApiOperation({ summary: 'List my tasks', description: 'The caller\'s approval tasks: to do, or done, filtered by type and text, paged.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TaskListQueryDto): Promise<TaskPageDto> {
    return this.views.tasks(principal, query);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Approve a task', description: 'Approves the task the caller holds, with a comment; where the next step lets the applicant or approver choose, `nextApproverIds` names them.' })
  @ApiProblems(404, { status: 409, description: "The task was already acted on or is no longer yours" }, { status: 422, description: "Approvers of the next step must be chosen, or a chosen one cannot approve" })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ApproveDto): Promise<RequestStateDto> {
    return this.requests.approve(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Reject a task', description: 'Rejects the request at this step; the request ends rejected.' })
  @ApiProblems(404, { status: 409, description: "The task was already acted on or is no longer yours" })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CommentBodyDto): Promise<RequestStateDto> {
    return this.requests.reject(principal, id, body.comment ?? null);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Return a task', description: 'Sends the request back to the applicant or to an earlier step.' })
  @ApiProblems(404, { status: 409, description: "The task was already acted on or is no longer yours" }, { status: 422, description: "The step to return to is not an earlier one" })
  returnTask(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ReturnDto): Promise<RequestStateDto> {
    return this.requests.returnTask(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Transfer a task', description: 'Hands the task to another person, who acts on it instead.' })
  @ApiProblems(404, { status: 409, description: "The task was already acted on or is no longer yours" }, { status: 422, description: "The person is not active or already holds the task" })
  transfer(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: TransferDto): Promise<RequestStateDto> {
    return this.requests.transfer(principal, id, body);
  }

  @RequirePermission(OaPermission.TaskHandle)
  @Post(':id/add-approver')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestStateDto })
  @ApiOperation({ summary: 'Add an approver', description: 'Adds approvers before or after the caller at this step (加签).' })
  @ApiProblems(404, { status: 409, description: "The task was already acted on or is no longer yours" }, { status: 422, description: "A person is not active or already an approver of the step" })
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
  @ApiOperation({ summary: 'Count my inbox', description: 'How many tasks the caller has to do, requests copied to them unread, and their own running requests (the menu badges).' })
  counts(@CurrentPrincipal() principal: Principal): Promise<InboxCountsDto> {
    return this.views.counts(principal);
  }
}
