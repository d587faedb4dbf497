import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmPermission } from '@zhongshu/contracts';
import { ApiProblems, ParseUuidPipe, CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import {
  BoardDto,
  BoardQueryDto,
  CloseOpportunityDto,
  CreateOpportunityDto,
  MoveStageDto,
  OpportunityDetailDto,
  OpportunityPageDto,
  OpportunityQueryDto,
  PipelineDto,
  PipelineInputDto,
  UpdateOpportunityDto,
  UpdatePipelineDto,
} from './opportunity.dto.js';
import { OpportunitiesService } from './opportunities.service.js';
import { PipelinesService } from './pipelines.service.js';

@ApiTags('crm')
@Controller('crm/opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  @RequirePermission(CrmPermission.OpportunityRead)
  @Get()
  @ApiOperation({ summary: 'List opportunities', description: 'Within the caller’s data scope; filter by customer, pipeline, stage, status or owner; amounts and weighted amounts are decimal strings.' })
  @ApiOkResponse({ type: OpportunityPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: OpportunityQueryDto): Promise<OpportunityPageDto> {
    return this.opportunities.list(principal, query);
  }

  @RequirePermission(CrmPermission.OpportunityRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read an opportunity', description: 'With its product lines and every stage move (who, when). Outside the caller’s scope answers 404.' })
  @ApiOkResponse({ type: OpportunityDetailDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<OpportunityDetailDto> {
    return this.opportunities.read(principal, id);
  }

  @RequirePermission(CrmPermission.OpportunityCreate)
  @Post()
  @ApiOperation({ summary: 'Open an opportunity', description: 'On a customer the caller may change, in the default pipeline’s first stage unless named; with lines, the amount is their sum.' })
  @ApiCreatedResponse({ type: OpportunityDetailDto })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOpportunityDto): Promise<OpportunityDetailDto> {
    return this.opportunities.read(principal, (await this.opportunities.create(principal, body)).id);
  }

  @RequirePermission(CrmPermission.OpportunityUpdate)
  @Patch(':id')
  @ApiOperation({ summary: 'Edit an opportunity', description: 'Optimistic: names the version read. Lines given replace the lines held.' })
  @ApiOkResponse({ type: OpportunityDetailDto })
  @ApiProblems(404, 409, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateOpportunityDto): Promise<OpportunityDetailDto> {
    await this.opportunities.update(principal, id, body);
    return this.opportunities.read(principal, id);
  }

  @RequirePermission(CrmPermission.OpportunityUpdate)
  @Post(':id/stage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another stage', description: 'Any stage of its pipeline, forward or back; recorded with who and when, and on the customer’s timeline.' })
  @ApiOkResponse({ type: OpportunityDetailDto })
  @ApiProblems(404, 409, 422)
  async move(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: MoveStageDto): Promise<OpportunityDetailDto> {
    await this.opportunities.move(principal, id, body);
    return this.opportunities.read(principal, id);
  }

  @RequirePermission(CrmPermission.OpportunityUpdate)
  @Post(':id/win')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark as won', description: 'Restarts the customer’s no-deal clock of the pool rules. Emits `crm.opportunity.won`.' })
  @ApiOkResponse({ type: OpportunityDetailDto })
  @ApiProblems(404, 409, 422)
  async win(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CloseOpportunityDto): Promise<OpportunityDetailDto> {
    await this.opportunities.close(principal, id, 'won', body);
    return this.opportunities.read(principal, id);
  }

  @RequirePermission(CrmPermission.OpportunityUpdate)
  @Post(':id/lose')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark as lost', description: 'With the reason it was lost. Emits `crm.opportunity.lost`.' })
  @ApiOkResponse({ type: OpportunityDetailDto })
  @ApiProblems(404, 409, 422)
  async lose(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CloseOpportunityDto): Promise<OpportunityDetailDto> {
    await this.opportunities.close(principal, id, 'lost', body);
    return this.opportunities.read(principal, id);
  }
}

@ApiTags('crm')
@Controller('crm/pipelines')
export class PipelinesController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  @RequirePermission(CrmPermission.OpportunityRead)
  @Get()
  @ApiOperation({ summary: 'List pipelines', description: 'Each with its open stages in order, their win probabilities and the stage that protects customers from the pool; the default first.' })
  @ApiOkResponse({ type: [PipelineDto] })
  list(): Promise<PipelineDto[]> {
    return this.pipelines.list();
  }

  @RequirePermission(CrmPermission.OpportunityRead)
  @Get(':id/board')
  @ApiOperation({ summary: 'The pipeline board', description: 'Each stage with its open opportunities in the caller’s scope (first 100), their count, amount and weighted amount.' })
  @ApiOkResponse({ type: BoardDto })
  @ApiProblems(404)
  board(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Query() query: BoardQueryDto): Promise<BoardDto> {
    return this.opportunities.board(principal, id, query);
  }

  @RequirePermission(CrmPermission.PipelineManage)
  @Post()
  @ApiOperation({ summary: 'Create a pipeline', description: 'With its stages in order; the first pipeline becomes the default.' })
  @ApiCreatedResponse({ type: PipelineDto })
  @ApiProblems(409, 422)
  create(@Body() body: PipelineInputDto): Promise<PipelineDto> {
    return this.pipelines.create(body);
  }

  @RequirePermission(CrmPermission.PipelineManage)
  @Put(':id')
  @ApiOperation({ summary: 'Change a pipeline', description: 'Rename, reorder, add or remove stages (not one that holds opportunities), set probabilities and the protecting stage.' })
  @ApiOkResponse({ type: PipelineDto })
  @ApiProblems(404, 409, 422)
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePipelineDto): Promise<PipelineDto> {
    return this.pipelines.update(id, body);
  }

  @RequirePermission(CrmPermission.PipelineManage)
  @Post(':id/default')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the default pipeline', description: 'New opportunities go into it when none is named.' })
  @ApiOkResponse({ type: PipelineDto })
  @ApiProblems(404, 409, 422)
  setDefault(@Param('id', ParseUuidPipe) id: string): Promise<PipelineDto> {
    return this.pipelines.setDefault(id);
  }
}
