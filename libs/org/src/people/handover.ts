import { Controller, Get, Inject, Injectable, Optional, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrgPermission, PERSON_HANDOVER, type HandoverItem, type PersonHandover } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, PlatformError, RequirePermission, UnitOfWork, requireInScope, type Principal } from '@zhongshu/platform';

class HandoverTargetDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** One piece of open work and whom it moves to: what the offboarding dialog lists before it is confirmed. */
export class HandoverItemDto {
  @ApiProperty({ example: 'oa', description: 'The context that holds the work' }) context!: string;
  @ApiProperty({ example: 'oa.task' }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true, example: 'OA-2026-000123' }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where in it the person stands (the approval step)' }) step!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The SPA address of the record' }) link!: string | null;
  @ApiProperty({ type: HandoverTargetDto, nullable: true, description: 'Who takes it over; null when nobody can' }) movesTo!: HandoverTargetDto | null;
}

/**
 * What a person would leave behind: asked of the other contexts through the
 * PERSON_HANDOVER port (libs/contracts), so org names none of them. Without a context
 * that answers, there is nothing to hand over.
 */
@Injectable()
export class PersonHandovers {
  constructor(
    private readonly uow: UnitOfWork,
    @Optional() @Inject(PERSON_HANDOVER) private readonly port: PersonHandover | null,
  ) {}

  async openWork(principal: Principal, personId: string): Promise<HandoverItem[]> {
    return this.uow.run(async (manager) => {
      const [person]: Array<{ id: string; main_department_id: string }> = await manager.query('SELECT id, main_department_id FROM org.person WHERE id = $1', [personId]);
      if (!person) throw PlatformError.notFound('Person', personId);
      requireInScope(principal, OrgPermission.PersonOffboard, { ownerId: person.id, departmentId: person.main_department_id }, 'Person', personId);
      return this.port ? this.port.openWork(personId) : [];
    });
  }
}

@ApiTags('org')
@Controller('org/people')
export class PersonHandoverController {
  constructor(private readonly handovers: PersonHandovers) {}

  @RequirePermission(OrgPermission.PersonOffboard)
  @Get(':id/handover')
  @ApiOkResponse({ type: [HandoverItemDto] })
  @ApiOperation({
    summary: 'What a leaver hands over',
    description: "The person's open work in the other contexts (open approval tasks, …) and who takes each over when they leave: shown before an offboarding is confirmed.",
  })
  @ApiProblems(404)
  openWork(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<HandoverItemDto[]> {
    return this.handovers.openWork(principal, id);
  }
}
