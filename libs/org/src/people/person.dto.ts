import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import { PERSON_STATUSES, type Person } from './person.entity.js';

export const EMPLOYEE_NO = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const USERNAME = /^[a-z][a-z0-9_.-]{1,39}$/;
export const MOBILE = /^\+?[0-9][0-9 -]{5,19}$/;

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) mobile!: string | null;
  @ApiProperty({ format: 'uuid' }) mainDepartmentId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) positionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) managerId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) hireDate!: string | null;
  @ApiProperty({ enum: PERSON_STATUSES }) status!: string;
  @ApiProperty() version!: number;

  static from(person: Person): PersonDto {
    return {
      id: person.id,
      employeeNo: person.employeeNo,
      name: person.name,
      username: person.username,
      email: person.email,
      mobile: person.mobile,
      mainDepartmentId: person.mainDepartmentId,
      positionId: person.positionId,
      managerId: person.managerId,
      hireDate: person.hireDate,
      status: person.status,
      version: person.version,
    };
  }
}

/**
 * A person as lists and the card show them: with the names of their main department and
 * position, so a reader who may see the person but not read departments or positions (a
 * sales rep's own row) still sees them named, and a list needs no second and third call.
 */
export class PersonListItemDto extends PersonDto {
  @ApiProperty({ nullable: true, type: String, description: 'Name of the main department' }) departmentName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Name of the position, if any' }) positionName!: string | null;
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonListItemDto] }) items!: PersonListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PersonQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, username or employee number contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Main department' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'With departmentId: also the people of every department below it' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeSubDepartments?: 'true' | 'false';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() positionId?: string;
  @ApiPropertyOptional({ enum: PERSON_STATUSES }) @IsOptional() @IsIn(PERSON_STATUSES) status?: string;
}

export class CreatePersonDto {
  @ApiProperty() @Matches(EMPLOYEE_NO, { message: 'must be 1-40 letters, digits, _ . or -' }) employeeNo!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ description: 'Lower-case login name' }) @Matches(USERNAME, { message: 'must be 2-40 lower-case letters, digits, _ . or -, starting with a letter' }) username!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @Matches(MOBILE, { message: 'must be a phone number' }) mobile?: string | null;
  @ApiProperty({ format: 'uuid' }) @IsUUID() mainDepartmentId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() positionId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() managerId?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) hireDate?: string | null;
  @ApiPropertyOptional({ description: 'Initial password; without one the person cannot sign in yet' }) @IsOptional() @IsString() @MaxLength(1024) password?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) roleCodes?: string[];
}

export class UpdatePersonDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @Matches(EMPLOYEE_NO, { message: 'must be 1-40 letters, digits, _ . or -' }) employeeNo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @Matches(MOBILE, { message: 'must be a phone number' }) mobile?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() mainDepartmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() positionId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() managerId?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) hireDate?: string | null;
}

export class StatusChangeDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class SetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @MaxLength(1024) newPassword!: string;
}

export class AssignRolesDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) roleCodes!: string[];
}

export class PartTimePostInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() positionId?: string | null;
}

export class SetPartTimePostsDto {
  @ApiProperty({ type: [PartTimePostInputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartTimePostInputDto)
  posts!: PartTimePostInputDto[];
}

export class PartTimePostDto {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) positionId!: string | null;
}

export class LeadersQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 20, default: 0, description: 'How many levels above the department' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  levelsUp: number = 0;
}

export class LeaderDto {
  @ApiProperty({ description: '0 = the person\'s own department, 1 = its parent, ...' }) level!: number;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leaderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) leaderName!: string | null;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
}

export class AccessReasonDto {
  @ApiProperty() roleCode!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: ['all', 'owner', 'department'] }) matchedBy!: string;
  @ApiPropertyOptional() departmentId?: string;
}
