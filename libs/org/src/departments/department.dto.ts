import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import type { Department } from './department.entity.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const CODE_MESSAGE = 'must be 1-40 letters, digits, _ . or -, starting with a letter or digit';

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leaderId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) deputyId!: string | null;
  @ApiProperty() sortOrder!: number;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty() version!: number;

  static from(department: Department): DepartmentDto {
    return {
      id: department.id,
      parentId: department.parentId,
      code: department.code,
      name: department.name,
      leaderId: department.leaderId,
      deputyId: department.deputyId,
      sortOrder: department.sortOrder,
      status: department.status,
      version: department.version,
    };
  }
}

export class DepartmentPageDto {
  @ApiProperty({ type: [DepartmentDto] }) items!: DepartmentDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DepartmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name or code contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ enum: ['active', 'archived'] }) @IsOptional() @IsIn(['active', 'archived']) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() parentId?: string;
}

export class CreateDepartmentDto {
  @ApiProperty() @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() parentId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() leaderId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() deputyId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
}

export class UpdateDepartmentDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() leaderId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID() deputyId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
}

export class MoveDepartmentDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null makes it a top-level department' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId!: string | null;
}

export class RemoveDepartmentResultDto {
  @ApiProperty({ enum: ['deleted', 'archived'], description: 'A department with people or history is archived, not deleted' })
  outcome!: 'deleted' | 'archived';
}
