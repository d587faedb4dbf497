import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, requireInScope, type Principal } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'List who holds a position in a department', description: 'Everyone holding the position in the department, by main or part-time post, within the caller\'s scope.' })
  @ApiProblems(404)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('departmentId', ParseUuidPipe) departmentId: string,
    @Param('positionId', ParseUuidPipe) positionId: string,
  ): Promise<PersonRefDto[]> {
    requireInScope(principal, OrgPermission.PersonRead, { departmentId }, 'Department', departmentId);
    return this.lines.holdersOfPosition(departmentId, positionId);
  }
}
