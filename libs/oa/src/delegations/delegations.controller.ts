import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { CreateDelegationDto, DelegationDto, DelegationQueryDto } from './delegation.dto.js';
import { DelegationsService } from './delegations.service.js';

/** 委托: a person's own (oa:delegation:own), anyone's with oa:delegation:manage (checked in the service). */
@ApiTags('oa')
@Controller('oa/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @RequirePermission(OaPermission.DelegationOwn)
  @Get()
  @ApiOkResponse({ type: [DelegationDto], description: 'Delegations not yet ended where the person is away or stands in' })
  @ApiOperation({ summary: 'List delegations', description: 'Delegations not yet ended where the person is away or stands in; the caller\'s own, or anyone\'s with oa:delegation:manage.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: DelegationQueryDto): Promise<DelegationDto[]> {
    return this.delegations.list(principal, query.personId);
  }

  @RequirePermission(OaPermission.DelegationOwn)
  @Post()
  @ApiCreatedResponse({ type: DelegationDto })
  @ApiOperation({ summary: 'Create a delegation', description: 'While the person is away, their approval tasks (of all or some request types) go to the stand-in.' })
  @ApiProblems({ status: 403, description: "Delegating for someone else needs oa:delegation:manage" }, { status: 422, description: "The stand-in is not an active person, the dates are wrong, or the delegation would loop" })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDelegationDto): Promise<DelegationDto> {
    return this.delegations.create(principal, body);
  }

  /** Ends the delegation (kept for the record). */
  @RequirePermission(OaPermission.DelegationOwn)
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'End a delegation', description: 'Ends the delegation now (kept for the record).' })
  @ApiProblems(404)
  async end(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.delegations.end(principal, id);
  }
}
