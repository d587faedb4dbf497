import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseUuidPipe, requireInScope, RequirePermission, type Principal } from '@zhongshu/platform';
import { PersonRefDto } from './person.dto.js';
import { ReportingLines } from './reporting-lines.service.js';
import { OrgPermission } from '@zhongshu/contracts';

@ApiTags('org')
@Controller('org/departments/:departmentId/positions/:positionId/people')
export class PositionHoldersController {
  constructor(private readonly lines: ReportingLines) {}

  /** Everyone holding a position in a department (main or part-time post). */
  @RequirePermission(OrgPermission.PersonRead)
  @Get()
  @ApiOkResponse({ type: [PersonRefDto] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('departmentId', ParseUuidPipe) departmentId: string,
    @Param('positionId', ParseUuidPipe) positionId: string,
  ): Promise<PersonRefDto[]> {
    requireInScope(principal, OrgPermission.PersonRead, { departmentId }, 'Department', departmentId);
    return this.lines.holdersOfPosition(departmentId, positionId);
  }
}
