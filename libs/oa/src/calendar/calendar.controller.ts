import { Body, Controller, Delete, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
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
  year(@Param('year', ParseIntPipe) year: number): Promise<CalendarYearDto> {
    return this.calendar.year(year);
  }

  @RequirePermission(OaPermission.CalendarManage)
  @Put('overrides/:date')
  @ApiOkResponse({ type: CalendarDayDto, description: 'The date as the company calendar now has it' })
  set(@CurrentPrincipal() principal: Principal, @Param('date') date: string, @Body() body: SetOverrideDto): Promise<CalendarDayDto> {
    return this.calendar.setOverride(principal, date, body);
  }

  @RequirePermission(OaPermission.CalendarManage)
  @Delete('overrides/:date')
  @ApiOkResponse({ type: CalendarDayDto, description: 'The date as China’s calendar has it again' })
  remove(@Param('date') date: string): Promise<CalendarDayDto> {
    return this.calendar.removeOverride(date);
  }
}
