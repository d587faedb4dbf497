import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, explainAccess, type Principal } from '@zhongshu/platform';
import {
  AccessReasonDto,
  AssignRolesDto,
  CreatePersonDto,
  LeaderDto,
  LeadersQueryDto,
  PartTimePostDto,
  PersonDto,
  PersonListItemDto,
  PersonPageDto,
  PersonQueryDto,
  PersonRefDto,
  SetPartTimePostsDto,
  SetPasswordDto,
  StatusChangeDto,
  UpdatePersonDto,
} from './person.dto.js';
import { PeopleService } from './people.service.js';
import { ReportingLines } from './reporting-lines.service.js';
import { OrgPermission } from '@zhongshu/contracts';

@ApiTags('org')
@Controller('org/people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly lines: ReportingLines,
  ) {}

  @RequirePermission(OrgPermission.PersonRead)
  @Get()
  @ApiOkResponse({ type: PersonPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PersonQueryDto): Promise<PersonPageDto> {
    return this.people.list(principal, query);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id')
  @ApiOkResponse({ type: PersonListItemDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<PersonListItemDto> {
    return this.people.read(principal, id);
  }

  /** "Why can I see this person?": the roles and data scopes that reach them. */
  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/access')
  @ApiOkResponse({ type: [AccessReasonDto] })
  async access(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AccessReasonDto[]> {
    const person = await this.people.read(principal, id);
    return explainAccess(principal, OrgPermission.PersonRead, { ownerId: person.id, departmentId: person.mainDepartmentId });
  }

  @RequirePermission(OrgPermission.PersonCreate)
  @Post()
  @ApiCreatedResponse({ type: PersonDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.create(principal, body));
  }

  @RequirePermission(OrgPermission.PersonUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: PersonDto })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.update(principal, id, body));
  }

  /** Ends every session of the person at once. */
  @RequirePermission(OrgPermission.PersonDisable)
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  async disable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'disabled', body.version));
  }

  @RequirePermission(OrgPermission.PersonEnable)
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  async enable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'active', body.version));
  }

  /** Offboarding: the person stays in the records (history), can no longer sign in. */
  @RequirePermission(OrgPermission.PersonOffboard)
  @Post(':id/leave')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  async leave(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'left', body.version));
  }

  @RequirePermission(OrgPermission.PersonResetPassword)
  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async setPassword(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.people.setPassword(principal, id, body.newPassword);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/roles')
  @ApiOkResponse({ type: [String] })
  async roles(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<string[]> {
    return this.people.roleCodesOf(principal, id);
  }

  @RequirePermission(OrgPermission.PersonAssignRoles)
  @Put(':id/roles')
  @ApiOkResponse({ type: [String] })
  async assignRoles(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignRolesDto): Promise<string[]> {
    return this.people.assignRoles(principal, id, body.roleCodes);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/posts')
  @ApiOkResponse({ type: [PartTimePostDto] })
  async posts(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<PartTimePostDto[]> {
    const posts = await this.people.postsOf(principal, id);
    return posts.map((post) => ({ departmentId: post.departmentId, positionId: post.positionId }));
  }

  @RequirePermission(OrgPermission.PersonUpdate)
  @Put(':id/posts')
  @ApiOkResponse({ type: [PartTimePostDto] })
  async setPosts(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: SetPartTimePostsDto): Promise<PartTimePostDto[]> {
    const posts = await this.people.setPosts(principal, id, body);
    return posts.map((post) => ({ departmentId: post.departmentId, positionId: post.positionId }));
  }

  /** The leader of the person's department and of up to `levelsUp` departments above it. */
  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/leaders')
  @ApiOkResponse({ type: [LeaderDto] })
  async leaders(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: LeadersQueryDto): Promise<LeaderDto[]> {
    await this.people.read(principal, id);
    return this.lines.departmentLeaders(id, query.levelsUp);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/manager-chain')
  @ApiOkResponse({ type: [PersonRefDto] })
  async managerChain(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<PersonRefDto[]> {
    await this.people.read(principal, id);
    return this.lines.managerChain(id);
  }
}
