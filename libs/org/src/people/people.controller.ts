import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, explainAccess, type Principal } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'List people', description: 'People within the caller\'s data scope, filtered by department (with sub-departments), status, position and text (trigram search on name, username, number), in pinyin order, paged.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PersonQueryDto): Promise<PersonPageDto> {
    return this.people.list(principal, query);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id')
  @ApiOkResponse({ type: PersonListItemDto })
  @ApiOperation({ summary: 'Get a person', description: 'One person with department and position (ids and names), manager and version.' })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PersonListItemDto> {
    return this.people.read(principal, id);
  }

  /** "Why can I see this person?": the roles and data scopes that reach them. */
  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/access')
  @ApiOkResponse({ type: [AccessReasonDto] })
  @ApiOperation({ summary: 'Explain why the caller sees a person', description: 'The caller\'s roles and data scopes that reach the person.' })
  @ApiProblems(404)
  async access(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<AccessReasonDto[]> {
    const person = await this.people.read(principal, id);
    return explainAccess(principal, OrgPermission.PersonRead, { ownerId: person.id, departmentId: person.mainDepartmentId });
  }

  @RequirePermission(OrgPermission.PersonCreate)
  @Post()
  @ApiCreatedResponse({ type: PersonDto })
  @ApiOperation({ summary: 'Create a person', description: 'A person with a unique username and employee number, in a department within the caller\'s scope.' })
  @ApiProblems(409, { status: 422, description: "The department, position or manager does not exist or is out of scope, or a manager cycle would form" })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePersonDto): Promise<PersonDto> {
    return this.people.create(principal, body);
  }

  @RequirePermission(OrgPermission.PersonUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: PersonDto })
  @ApiOperation({ summary: 'Change a person', description: 'Changes the fields sent; `version` must be the one read.' })
  @ApiProblems(404, 409, { status: 422, description: "The department, position or manager does not exist or is out of scope, or a manager cycle would form" })
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.update(principal, id, body));
  }

  /** Ends every session of the person at once. */
  @RequirePermission(OrgPermission.PersonDisable)
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  @ApiOperation({ summary: 'Disable a person', description: 'The person can no longer sign in; every session ends at once.' })
  @ApiProblems(404, 409, { status: 422, description: "You cannot disable yourself, or the last administrator" })
  async disable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'disabled', body.version));
  }

  @RequirePermission(OrgPermission.PersonEnable)
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  @ApiOperation({ summary: 'Enable a person', description: 'A disabled person may sign in again.' })
  @ApiProblems(404, 409)
  async enable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'active', body.version));
  }

  /** Offboarding: the person stays in the records (history), can no longer sign in. */
  @RequirePermission(OrgPermission.PersonOffboard)
  @Post(':id/leave')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonDto })
  @ApiOperation({ summary: 'Offboard a person', description: 'The person has left: kept in the records for history, can no longer sign in, no longer shown as a leader; their open approval tasks move on.' })
  @ApiProblems(404, 409, { status: 422, description: "You cannot offboard yourself, or the last administrator" })
  async leave(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: StatusChangeDto): Promise<PersonDto> {
    return PersonDto.from(await this.people.setStatus(principal, id, 'left', body.version));
  }

  @RequirePermission(OrgPermission.PersonResetPassword)
  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Set a person\'s password', description: 'An administrator sets a new password (checked against the policy); every session of the person ends.' })
  @ApiProblems(404, { status: 422, description: "The password breaks the password policy" })
  async setPassword(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.people.setPassword(principal, id, body.newPassword);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/roles')
  @ApiOkResponse({ type: [String] })
  @ApiOperation({ summary: 'List a person\'s roles', description: 'The codes of the roles the person holds.' })
  @ApiProblems(404)
  async roles(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<string[]> {
    return this.people.roleCodesOf(principal, id);
  }

  @RequirePermission(OrgPermission.PersonAssignRoles)
  @Put(':id/roles')
  @ApiOkResponse({ type: [String] })
  @ApiOperation({ summary: 'Set a person\'s roles', description: 'Replaces the person\'s roles; the caller grants only what they hold, cannot change their own roles, and the last administrator keeps theirs.' })
  @ApiProblems({ status: 403, description: "A role grants more than the caller holds" }, 404, { status: 422, description: "A role is unknown, or the change would leave no administrator or change your own roles" })
  async assignRoles(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: AssignRolesDto): Promise<string[]> {
    return this.people.assignRoles(principal, id, body.roleCodes);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/posts')
  @ApiOkResponse({ type: [PartTimePostDto] })
  @ApiOperation({ summary: 'List a person\'s part-time posts', description: 'The departments and positions the person holds besides the main one.' })
  @ApiProblems(404)
  async posts(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PartTimePostDto[]> {
    const posts = await this.people.postsOf(principal, id);
    return posts.map((post) => ({ departmentId: post.departmentId, positionId: post.positionId }));
  }

  @RequirePermission(OrgPermission.PersonUpdate)
  @Put(':id/posts')
  @ApiOkResponse({ type: [PartTimePostDto] })
  @ApiOperation({ summary: 'Set a person\'s part-time posts', description: 'Replaces the person\'s part-time posts.' })
  @ApiProblems(404, { status: 422, description: "A department or position does not exist, is archived or is out of scope" })
  async setPosts(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: SetPartTimePostsDto): Promise<PartTimePostDto[]> {
    const posts = await this.people.setPosts(principal, id, body);
    return posts.map((post) => ({ departmentId: post.departmentId, positionId: post.positionId }));
  }

  /** The leader of the person's department and of up to `levelsUp` departments above it. */
  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/leaders')
  @ApiOkResponse({ type: [LeaderDto] })
  @ApiOperation({ summary: 'List a person\'s leaders', description: 'The leader of the person\'s department and of up to `levelsUp` departments above it; a leader who left is not shown.' })
  @ApiProblems(404)
  async leaders(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Query() query: LeadersQueryDto): Promise<LeaderDto[]> {
    await this.people.read(principal, id);
    return this.lines.departmentLeaders(id, query.levelsUp);
  }

  @RequirePermission(OrgPermission.PersonRead)
  @Get(':id/manager-chain')
  @ApiOkResponse({ type: [PersonRefDto] })
  @ApiOperation({ summary: 'List a person\'s manager chain', description: 'The person\'s manager, their manager, and so on up the chain.' })
  @ApiProblems(404)
  async managerChain(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<PersonRefDto[]> {
    await this.people.read(principal, id);
    return this.lines.managerChain(id);
  }
}
