import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmPermission } from '@zhongshu/contracts';
import { ApiProblems, ParseUuidPipe, CurrentPrincipal, RequirePermission, type Principal } from '@zhongshu/platform';
import { CreateFollowUpDto, FollowUpDto } from '../follow-ups/follow-up.dto.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { ContactDto, ContactPageDto, ContactQueryDto, CreateContactDto, UpdateContactDto } from './contact.dto.js';
import { ContactsService } from './contacts.service.js';

@ApiTags('crm')
@Controller('crm/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @RequirePermission(CrmPermission.CustomerRead)
  @Get()
  @ApiOperation({ summary: 'List contacts', description: 'Contacts of the customers the caller sees, searched by name, phone or email; `customerId` for one customer’s (primary first).' })
  @ApiOkResponse({ type: ContactPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ContactQueryDto): Promise<ContactPageDto> {
    return this.contacts.list(principal, query);
  }

  @RequirePermission(CrmPermission.CustomerRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a contact', description: 'A contact of a customer within the caller’s scope; otherwise 404.' })
  @ApiOkResponse({ type: ContactDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ContactDto> {
    return this.contacts.read(principal, id);
  }

  @RequirePermission(CrmPermission.CustomerUpdate)
  @Post()
  @ApiOperation({ summary: 'Add a contact', description: 'To a customer the caller may change; the first contact is the primary one; a new primary contact replaces the old.' })
  @ApiCreatedResponse({ type: ContactDto })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateContactDto): Promise<ContactDto> {
    return this.contacts.read(principal, (await this.contacts.create(principal, body)).id);
  }

  @RequirePermission(CrmPermission.CustomerUpdate)
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a contact', description: 'Optimistic: names the version read.' })
  @ApiOkResponse({ type: ContactDto })
  @ApiProblems(404, 409, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateContactDto): Promise<ContactDto> {
    await this.contacts.update(principal, id, body);
    return this.contacts.read(principal, id);
  }
}

@ApiTags('crm')
@Controller('crm/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @RequirePermission(CrmPermission.CustomerUpdate)
  @Post()
  @ApiOperation({
    summary: 'Log a follow-up',
    description: 'A call, visit, meeting, message or note on a customer (or a lead, with `crm:lead:update`). Restarts the pool’s no-follow-up clock; `nextOn` reminds the owner through notifications that day.',
  })
  @ApiProblems(409, 422)
  @ApiCreatedResponse({ type: FollowUpDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFollowUpDto): Promise<FollowUpDto> {
    return this.followUps.create(principal, body);
  }
}
