import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import {
  AdjustBalanceDto,
  BalanceQueryDto,
  CancelLeaveDto,
  CarryOverDto,
  GrantRunDto,
  GrantRunResultDto,
  LeaveBalanceDto,
  LeaveDto,
  LeaveListQueryDto,
  LeavePeriodDto,
  LeaveQuoteDto,
  LeaveSubmittedDto,
  LeaveTypeDto,
  LeaveTypeInputDto,
  LedgerEntryDto,
  OvertimeDto,
  SubmitLeaveDto,
  SubmitOvertimeDto,
  TeamCalendarDto,
  TeamCalendarQueryDto,
  UpdateLeaveTypeDto,
} from './leave.dto.js';
import { LeaveBalances } from './leave-balances.js';
import { LeaveRequests } from './leave-requests.js';
import { LeaveTypes } from './leave-types.service.js';
import { OvertimeService } from './overtime.js';
import { TeamCalendar } from './team-calendar.js';

/** 请假: types, quotes, requests, 销假, balances with their ledger, overtime, the team calendar. */
@ApiTags('oa')
@Controller('oa/leave')
export class LeaveController {
  constructor(
    private readonly types: LeaveTypes,
    private readonly leaves: LeaveRequests,
    private readonly balances: LeaveBalances,
    private readonly overtime: OvertimeService,
    private readonly team: TeamCalendar,
  ) {}

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('types')
  @ApiOkResponse({ type: [LeaveTypeDto], description: 'The active types (oa:leave:manage sees archived ones too)' })
  listTypes(@CurrentPrincipal() principal: Principal): Promise<LeaveTypeDto[]> {
    return this.types.list(principal.permissions.has(OaPermission.LeaveManage));
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('types')
  @ApiCreatedResponse({ type: LeaveTypeDto })
  createType(@CurrentPrincipal() principal: Principal, @Body() body: LeaveTypeInputDto): Promise<LeaveTypeDto> {
    return this.types.create(principal, body);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Patch('types/:id')
  @ApiOkResponse({ type: LeaveTypeDto })
  updateType(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateLeaveTypeDto): Promise<LeaveTypeDto> {
    return this.types.update(principal, id, body);
  }

  /** What the dates count (working days, half days or hours on the company calendar) and what the balance would keep. */
  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('quote')
  @HttpCode(200)
  @ApiOkResponse({ type: LeaveQuoteDto })
  quote(@CurrentPrincipal() principal: Principal, @Body() body: LeavePeriodDto): Promise<LeaveQuoteDto> {
    return this.leaves.quote(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('requests')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitLeaveDto): Promise<LeaveSubmittedDto> {
    return this.leaves.submit(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('requests')
  @ApiOkResponse({ type: [LeaveDto], description: 'The caller’s leave, latest first' })
  mine(@CurrentPrincipal() principal: Principal, @Query() query: LeaveListQueryDto): Promise<LeaveDto[]> {
    return this.leaves.mine(principal, query.year);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('requests/:id')
  @ApiOkResponse({ type: LeaveDto, description: 'The applicant’s own, or within the reach of oa:leave:team or oa:leave:manage' })
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<LeaveDto> {
    return this.leaves.read(principal, id);
  }

  /** 销假: gives back an approved leave from its first day not taken, once approved. */
  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('requests/:id/cancel')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelLeaveDto): Promise<LeaveSubmittedDto> {
    return this.leaves.cancel(principal, id, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('balances')
  @ApiOkResponse({ type: [LeaveBalanceDto], description: 'Every type with a balance, for the year (this year when absent)' })
  listBalances(@CurrentPrincipal() principal: Principal, @Query() query: BalanceQueryDto): Promise<LeaveBalanceDto[]> {
    return this.balances.list(principal, query.personId, query.year);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('balances/:id/ledger')
  @ApiOkResponse({ type: [LedgerEntryDto] })
  ledger(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<LedgerEntryDto[]> {
    return this.balances.ledger(principal, id);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/grant')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRunResultDto, description: 'The year’s statutory and fixed grants; repeating it changes nothing' })
  grant(@CurrentPrincipal() principal: Principal, @Body() body: GrantRunDto): Promise<GrantRunResultDto> {
    return this.balances.grantYear(principal, body.year, body.personIds);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/carry-over')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRunResultDto })
  carryOver(@CurrentPrincipal() principal: Principal, @Body() body: CarryOverDto): Promise<GrantRunResultDto> {
    return this.balances.carryOver(principal, body.fromYear);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/adjust')
  @HttpCode(200)
  @ApiOkResponse({ type: [LeaveBalanceDto], description: 'The person’s balances of that year afterwards' })
  adjust(@CurrentPrincipal() principal: Principal, @Body() body: AdjustBalanceDto): Promise<LeaveBalanceDto[]> {
    return this.balances.adjust(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('overtime')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  reportOvertime(@CurrentPrincipal() principal: Principal, @Body() body: SubmitOvertimeDto): Promise<LeaveSubmittedDto> {
    return this.overtime.submit(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('overtime')
  @ApiOkResponse({ type: [OvertimeDto] })
  myOvertime(@CurrentPrincipal() principal: Principal): Promise<OvertimeDto[]> {
    return this.overtime.mine(principal);
  }

  @RequirePermission(OaPermission.LeaveTeam)
  @Get('team-calendar')
  @ApiOkResponse({ type: TeamCalendarDto })
  teamCalendar(@CurrentPrincipal() principal: Principal, @Query() query: TeamCalendarQueryDto): Promise<TeamCalendarDto> {
    return this.team.between(principal, query.from, query.to);
  }
}
