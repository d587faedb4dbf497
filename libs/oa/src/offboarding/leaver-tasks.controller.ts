import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrgPermission } from '@zhongshu/contracts';
import { CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
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
  openTasks(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PersonOpenTaskDto[]> {
    return this.leavers.openTasks(principal, id);
  }
}
