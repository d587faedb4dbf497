import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'List leave types', description: 'The types a leave can be requested as, with their rules (unit, calendar or working days, balance, attachment, carry-over).' })
  listTypes(@CurrentPrincipal() principal: Principal): Promise<LeaveTypeDto[]> {
    return this.types.list(principal.permissions.has(OaPermission.LeaveManage));
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('types')
  @ApiCreatedResponse({ type: LeaveTypeDto })
  @ApiOperation({ summary: 'Create a leave type', description: "A type of the company's own, with its rules." })
  @ApiProblems({ status: 409, description: 'The code is taken' }, { status: 422, description: 'Rules that do not go together (an hourly type counting calendar days, a fixed grant without its days)' })
  createType(@CurrentPrincipal() principal: Principal, @Body() body: LeaveTypeInputDto): Promise<LeaveTypeDto> {
    return this.types.create(principal, body);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Patch('types/:id')
  @ApiOkResponse({ type: LeaveTypeDto })
  @ApiOperation({ summary: 'Change a leave type', description: 'Changes its rules or archives it; names the version read.' })
  @ApiProblems(404, { status: 409, description: 'The version sent is stale' }, { status: 422, description: 'Rules that do not go together, or a changed code' })
  updateType(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateLeaveTypeDto): Promise<LeaveTypeDto> {
    return this.types.update(principal, id, body);
  }

  /** What the dates count (working days, half days or hours on the company calendar) and what the balance would keep. */
  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('quote')
  @HttpCode(200)
  @ApiOkResponse({ type: LeaveQuoteDto })
  @ApiOperation({ summary: 'Quote a leave', description: 'What the dates count on the company calendar (working days, half days or hours; calendar days for maternity), date by date, and what the balance would keep.' })
  @ApiProblems({ status: 422, description: 'The period is not one (bad dates, a missing half or time, the end before the start), or the type does not exist' })
  quote(@CurrentPrincipal() principal: Principal, @Body() body: LeavePeriodDto): Promise<LeaveQuoteDto> {
    return this.leaves.quote(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('requests')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  @ApiOperation({ summary: 'Request leave', description: 'Counts the leave, holds it against the balance and sends it for approval, in one transaction.' })
  @ApiProblems({ status: 409, description: 'The leave overlaps another pending or approved leave of the caller' }, { status: 422, description: 'No working time in the period, not enough balance, an attachment missing, or a bad period' })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitLeaveDto): Promise<LeaveSubmittedDto> {
    return this.leaves.submit(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('requests')
  @ApiOkResponse({ type: [LeaveDto], description: 'The caller’s leave, latest first' })
  @ApiOperation({ summary: 'List my leave', description: "The caller's leave, latest first, with each one's approval and latest cancellation." })
  mine(@CurrentPrincipal() principal: Principal, @Query() query: LeaveListQueryDto): Promise<LeaveDto[]> {
    return this.leaves.mine(principal, query.year);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('requests/:id')
  @ApiOkResponse({ type: LeaveDto, description: 'The applicant’s own, or within the reach of oa:leave:team or oa:leave:manage' })
  @ApiOperation({ summary: 'Get a leave', description: "The applicant's own, or one within the reach of oa:leave:team or oa:leave:manage." })
  @ApiProblems(404)
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<LeaveDto> {
    return this.leaves.read(principal, id);
  }

  /** 销假: gives back an approved leave from its first day not taken, once approved. */
  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('requests/:id/cancel')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  @ApiOperation({ summary: 'Cancel approved leave (销假)', description: 'Asks, through an approval of its own, to give back an approved leave from its first day not taken.' })
  @ApiProblems(404, { status: 409, description: 'The leave is not approved, or a cancellation is already waiting' }, { status: 422, description: 'The day is after the leave, or nothing of the leave is left from it' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: CancelLeaveDto): Promise<LeaveSubmittedDto> {
    return this.leaves.cancel(principal, id, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('balances')
  @ApiOkResponse({ type: [LeaveBalanceDto], description: 'Every type with a balance, for the year (this year when absent)' })
  @ApiOperation({ summary: 'List balances', description: "Every type with a balance for the year, with what was granted, is held, used and available; another person's needs oa:leave:manage within its scope." })
  @ApiProblems(404)
  listBalances(@CurrentPrincipal() principal: Principal, @Query() query: BalanceQueryDto): Promise<LeaveBalanceDto[]> {
    return this.balances.list(principal, query.personId, query.year);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('balances/:id/ledger')
  @ApiOkResponse({ type: [LedgerEntryDto] })
  @ApiOperation({ summary: "Get a balance's ledger", description: 'Every grant, carry-over, expiry, hold, use, release and return of the balance, with what was available after each.' })
  @ApiProblems(404)
  ledger(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<LedgerEntryDto[]> {
    return this.balances.ledger(principal, id);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/grant')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRunResultDto, description: 'The year’s statutory and fixed grants; repeating it changes nothing' })
  @ApiOperation({ summary: "Run a year's grants", description: 'Statutory annual leave by years of service (prorated) and fixed yearly grants, for everyone or the people named; repeating it changes nothing.' })
  grant(@CurrentPrincipal() principal: Principal, @Body() body: GrantRunDto): Promise<GrantRunResultDto> {
    return this.balances.grantYear(principal, body.year, body.personIds);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/carry-over')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRunResultDto })
  @ApiOperation({ summary: 'Carry unused leave over', description: "Unused days of the year, up to each type's cap, into the next year, expiring on the type's day." })
  carryOver(@CurrentPrincipal() principal: Principal, @Body() body: CarryOverDto): Promise<GrantRunResultDto> {
    return this.balances.carryOver(principal, body.fromYear);
  }

  @RequirePermission(OaPermission.LeaveManage)
  @Post('balances/adjust')
  @HttpCode(200)
  @ApiOkResponse({ type: [LeaveBalanceDto], description: 'The person’s balances of that year afterwards' })
  @ApiOperation({ summary: 'Adjust a balance', description: 'A manual correction with its reason.' })
  @ApiProblems(404, { status: 422, description: 'The type keeps no balance, or the correction would take it below zero' })
  adjust(@CurrentPrincipal() principal: Principal, @Body() body: AdjustBalanceDto): Promise<LeaveBalanceDto[]> {
    return this.balances.adjust(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Post('overtime')
  @ApiCreatedResponse({ type: LeaveSubmittedDto })
  @ApiOperation({ summary: 'Report overtime', description: 'Sent for approval; approved hours become compensatory leave.' })
  @ApiProblems({ status: 422, description: 'A bad date or number of hours' })
  reportOvertime(@CurrentPrincipal() principal: Principal, @Body() body: SubmitOvertimeDto): Promise<LeaveSubmittedDto> {
    return this.overtime.submit(principal, body);
  }

  @RequirePermission(OaPermission.LeaveSubmit)
  @Get('overtime')
  @ApiOkResponse({ type: [OvertimeDto] })
  @ApiOperation({ summary: 'List my overtime', description: "The caller's overtime with its approval status and the compensatory days it earns." })
  myOvertime(@CurrentPrincipal() principal: Principal): Promise<OvertimeDto[]> {
    return this.overtime.mine(principal);
  }

  @RequirePermission(OaPermission.LeaveTeam)
  @Get('team-calendar')
  @ApiOkResponse({ type: TeamCalendarDto })
  @ApiOperation({ summary: 'Team leave calendar', description: "Pending and approved leave by person for the departments oa:leave:team reaches, with the range's calendar days." })
  @ApiProblems({ status: 422, description: 'A bad range (at most 62 days)' })
  teamCalendar(@CurrentPrincipal() principal: Principal, @Query() query: TeamCalendarQueryDto): Promise<TeamCalendarDto> {
    return this.team.between(principal, query.from, query.to);
  }
}
