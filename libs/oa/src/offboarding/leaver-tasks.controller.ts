import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { PersonOpenTaskDto } from '../requests/request.dto.js';
import { LeaverTasks } from './leaver-tasks.js';

/** For org's offboarding dialog: what the person holds and where each task goes when they leave. */
@ApiTags('oa')
@Controller('oa/people')
export class LeaverTasksController {
  constructor(private readonly leavers: LeaverTasks) {}

  @RequirePermission(OrgPermission.PersonOffboard)
  @Get(':id/open-tasks')
  @ApiOkResponse({ type: [PersonOpenTaskDto] })
  @ApiOperation({ summary: 'List a leaver\'s open tasks', description: 'For the offboarding dialog: the approval tasks the person holds and to whom each goes when they leave.' })
  @ApiProblems(404)
  openTasks(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PersonOpenTaskDto[]> {
    return this.leavers.openTasks(principal, id);
  }
}
