import { Body, Controller, Delete, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import { CalendarDayDto, CalendarYearDto, SetOverrideDto } from './calendar.dto.js';
import { CompanyCalendar } from './company-calendar.js';

/** 工作日历: everyone reads it; oa:calendar:manage sets the company's overrides. */
@ApiTags('oa')
@Controller('oa/calendar')
export class CalendarController {
  constructor(private readonly calendar: CompanyCalendar) {}

  @RequirePermission(OaPermission.CalendarRead)
  @Get(':year')
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiOperation({ summary: 'Get a year of the working calendar', description: 'Every date of the year with whether it is a working day: China\'s holidays and adjusted working days, with the company\'s overrides.' })
  year(@Param('year', ParseIntPipe) year: number): Promise<CalendarYearDto> {
    return this.calendar.year(year);
  }

  @RequirePermission(OaPermission.CalendarManage)
  @Put('overrides/:date')
  @ApiOkResponse({ type: CalendarDayDto, description: 'The date as the company calendar now has it' })
  @ApiOperation({ summary: 'Override a date of the calendar', description: 'Makes the date a working day or a day off for the company, whatever China\'s calendar says.' })
  @ApiProblems({ status: 422, description: "The date is not a valid date" })
  set(@CurrentPrincipal() principal: Principal, @Param('date') date: string, @Body() body: SetOverrideDto): Promise<CalendarDayDto> {
    return this.calendar.setOverride(principal, date, body);
  }

  @RequirePermission(OaPermission.CalendarManage)
  @Delete('overrides/:date')
  @ApiOkResponse({ type: CalendarDayDto, description: 'The date as China’s calendar has it again' })
  @ApiOperation({ summary: 'Remove a date\'s override', description: 'The date follows China\'s calendar again.' })
  @ApiProblems({ status: 422, description: "The date is not a valid date" })
  remove(@Param('date') date: string): Promise<CalendarDayDto> {
    return this.calendar.removeOverride(date);
  }
}
