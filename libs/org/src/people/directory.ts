import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { OrgPermission, type Page } from '@zhongshu/contracts';
import { PageQueryDto, ReadModel, RequirePermission, UnitOfWork, containsText, sql } from '@zhongshu/platform';

export class DirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, username or employee number contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
}

/** A colleague as a picker shows them: who, and where they sit. Nothing private. */
export class DirectoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() employeeNo!: string;
  @ApiProperty({ type: String, nullable: true }) departmentName!: string | null;
  @ApiProperty({ type: String, nullable: true }) positionName!: string | null;
}

export class DirectoryPageDto {
  @ApiProperty({ type: [DirectoryEntryDto] }) items!: DirectoryEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

const DIRECTORY = new ReadModel<DirectoryEntryDto>({
  from: 'org.person person LEFT JOIN org.department department ON department.id = person.main_department_id LEFT JOIN org.position position ON position.id = person.position_id',
  fields: {
    id: 'person.id',
    name: 'person.name',
    employeeNo: 'person.employee_no',
    departmentName: 'department.name',
    positionName: 'position.name',
  },
  sortable: { name: 'person.name', employeeNo: 'person.employee_no' },
  defaultSort: [{ column: 'person.name', direction: 'ASC' }],
  key: 'person.id',
});

/**
 * 通讯录: the active colleagues anyone signed in may pick (an approver to transfer to,
 * someone to copy, a stand-in). Only names and where people sit; the people list with
 * its contact details stays behind `org:person:read` and its data scope.
 */
@Injectable()
export class Directory {
  constructor(private readonly uow: UnitOfWork) {}

  search(query: DirectoryQueryDto): Promise<Page<DirectoryEntryDto>> {
    const where = [sql`person.status = 'active'`];
    if (query.search) where.push(containsText(['person.name', 'person.username', 'person.employee_no'], query.search));
    return DIRECTORY.page(this.uow.manager, where, query);
  }
}

@ApiTags('org')
@Controller('org/directory')
export class DirectoryController {
  constructor(private readonly directory: Directory) {}

  @RequirePermission(OrgPermission.DirectoryRead)
  @Get()
  @ApiOkResponse({ type: DirectoryPageDto })
  @ApiOperation({
    summary: 'Find colleagues',
    description: 'Active people by name, username or employee number (trigram search), in pinyin order, paged: only their name, number, department and position, for pickers. Anyone signed in.',
  })
  search(@Query() query: DirectoryQueryDto): Promise<DirectoryPageDto> {
    return this.directory.search(query);
  }
}
