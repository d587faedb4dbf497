import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmPermission } from '@zhongshu/contracts';
import { ApiProblems, ParseUuidPipe, CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import { FollowUpDto } from '../follow-ups/follow-up.dto.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { PoolService } from '../pool/pool.service.js';
import { CustomerTimeline } from '../timeline/customer-timeline.service.js';
import {
  CreateCustomerDto,
  CustomerDto,
  CustomerPageDto,
  CustomerQueryDto,
  DuplicateCheckDto,
  DuplicateResultDto,
  MergeCustomerDto,
  MergePreviewDto,
  MergePreviewQueryDto,
  PoolQueryDto,
  PoolSettingsDto,
  ReturnToPoolDto,
  TimelinePageDto,
  TimelineQueryDto,
  TransferCustomerDto,
  UpdateCustomerDto,
} from './customer.dto.js';
import { CustomersService } from './customers.service.js';

@ApiTags('crm')
@Controller('crm/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly pool: PoolService,
    private readonly timeline: CustomerTimeline,
    private readonly followUps: FollowUpsService,
  ) {}

  @RequirePermission(CrmPermission.CustomerRead)
  @Get()
  @ApiOperation({ summary: 'List customers', description: 'Owned customers within the caller’s data scope (pool customers are listed by /crm/pool), searched by name, phone or credit code, in pinyin order by default.' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: CustomerQueryDto): Promise<CustomerPageDto> {
    return this.customers.list(principal, query);
  }

  @RequirePermission(CrmPermission.CustomerRead)
  @Post('duplicates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Find duplicates before saving', description: 'The customers sharing the credit code, the normalised company name (suffixes, brackets and width ignored), the phone or the company email domain. A credit code match blocks saving.' })
  @ApiOkResponse({ type: DuplicateResultDto })
  @ApiProblems(409, 422)
  duplicates(@CurrentPrincipal() principal: Principal, @Body() body: DuplicateCheckDto): Promise<DuplicateResultDto> {
    return this.customers.checkDuplicates(principal, body);
  }

  @RequirePermission(CrmPermission.CustomerRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a customer', description: 'A customer within the caller’s scope, or in the pool of one of their teams; anything else answers 404.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<CustomerDto> {
    return this.customers.read(principal, id);
  }

  @RequirePermission(CrmPermission.CustomerCreate)
  @Post()
  @ApiOperation({ summary: 'Create a customer', description: 'Refused with 409 `crm.duplicate-customer` when it duplicates another customer (always on the credit code; on name, phone or email domain unless `allowDuplicates`). Emits `crm.customer.created`.' })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCustomerDto): Promise<CustomerDto> {
    return this.customers.written((await this.customers.create(principal, body)).id);
  }

  @RequirePermission(CrmPermission.CustomerUpdate)
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a customer', description: 'Optimistic: names the version read. Changed keys are checked for duplicates again. Emits `crm.customer.changed` with the changed fields.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 409, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateCustomerDto): Promise<CustomerDto> {
    await this.customers.update(principal, id, body);
    return this.customers.written(id);
  }

  @RequirePermission(CrmPermission.CustomerTransfer)
  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer to another rep', description: 'With a reason; open opportunities follow unless `withOpportunities` is false. Emits `crm.customer.transferred`.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 409, 422)
  async transfer(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: TransferCustomerDto): Promise<CustomerDto> {
    await this.customers.transfer(principal, id, body);
    return this.customers.written(id);
  }

  @RequirePermission(CrmPermission.CustomerMerge)
  @Get(':id/merge-preview')
  @ApiOperation({ summary: 'Preview a merge', description: 'What merging `mergedId` into this customer moves: contacts, opportunities, follow-ups, leads, timeline entries, and the fields it fills.' })
  @ApiOkResponse({ type: MergePreviewDto })
  @ApiProblems(404)
  mergePreview(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Query() query: MergePreviewQueryDto): Promise<MergePreviewDto> {
    return this.customers.mergePreview(principal, id, query.mergedId);
  }

  @RequirePermission(CrmPermission.CustomerMerge)
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate into this customer', description: 'Everything pointing at the merged customer moves here; it stays as a tombstone. Emits `crm.customer.merged` (aggregate: the merged customer).' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 409, 422)
  async merge(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: MergeCustomerDto): Promise<CustomerDto> {
    await this.customers.merge(principal, id, body);
    return this.customers.written(id);
  }

  @RequirePermission(CrmPermission.PoolReturn)
  @Post(':id/return-to-pool')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return to the pool', description: 'The customer goes back to its team’s pool with a reason; the rep it came from waits out the cooling-off before claiming it again.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 409, 422)
  async giveBack(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ReturnToPoolDto): Promise<CustomerDto> {
    await this.pool.giveBack(principal, id, body);
    return this.customers.written(id);
  }

  @RequirePermission(CrmPermission.CustomerRead)
  @Get(':id/timeline')
  @ApiOperation({ summary: 'The customer’s timeline', description: 'Follow-ups, stage changes, owner changes, claims and pool returns, merges and conversions, newest first, by cursor.' })
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiProblems(404)
  async timelineOf(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePageDto> {
    await this.customers.read(principal, id);
    return this.timeline.page(id, query);
  }

  @RequirePermission(CrmPermission.CustomerRead)
  @Get(':id/follow-ups')
  @ApiOperation({ summary: 'The customer’s follow-ups', description: 'Newest first, with their contact and author.' })
  @ApiOkResponse({ type: [FollowUpDto] })
  @ApiProblems(404)
  async followUpsOf(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<FollowUpDto[]> {
    await this.customers.read(principal, id);
    return this.followUps.of({ customerId: id });
  }
}

@ApiTags('crm')
@Controller('crm/pool')
export class PoolController {
  constructor(
    private readonly pool: PoolService,
    private readonly customers: CustomersService,
  ) {}

  @RequirePermission(CrmPermission.PoolRead)
  @Get()
  @ApiOperation({ summary: 'List the shared pool (公海)', description: 'Customers without an owner in the pools of the caller’s teams (their departments and those above), most recently returned first.' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PoolQueryDto): Promise<CustomerPageDto> {
    return this.pool.list(principal, query);
  }

  @RequirePermission(CrmPermission.PoolClaim)
  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a pool customer', description: 'Within the holding cap and the daily claim cap, not during a cooling-off; 409 when someone else claimed it first. Emits `crm.customer.transferred`.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 409, 422)
  async claim(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<CustomerDto> {
    await this.pool.claim(principal, id);
    return this.customers.written(id);
  }

  @RequirePermission(CrmPermission.PoolRead)
  @Get('settings')
  @ApiOperation({ summary: 'The pool rules', description: 'Caps, the return rules (days without a follow-up, days without a won deal), the warning and the cooling-off.' })
  @ApiOkResponse({ type: PoolSettingsDto })
  settings(): Promise<PoolSettingsDto> {
    return this.pool.settings();
  }

  @RequirePermission(CrmPermission.PoolManage)
  @Put('settings')
  @ApiOperation({ summary: 'Change the pool rules', description: 'Optimistic: names the version read. Owners are warned again before their new return dates.' })
  @ApiOkResponse({ type: PoolSettingsDto })
  @ApiProblems(409, 422)
  updateSettings(@Body() body: PoolSettingsDto): Promise<PoolSettingsDto> {
    return this.pool.updateSettings(body);
  }
}
