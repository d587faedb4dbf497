import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { DATA_SCOPE_KINDS, type DataScopeKind } from '@zhongshu/platform';
import type { Role } from './role.entity.js';

export class RoleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) permissions!: string[];
  @ApiProperty({ description: 'Holds every permission of the application' }) allPermissions!: boolean;
  @ApiProperty({ enum: DATA_SCOPE_KINDS }) dataScope!: string;
  @ApiProperty({ type: [String] }) scopeDepartmentIds!: string[];
  @ApiProperty() version!: number;

  static from(role: Role): RoleDto {
    return {
      id: role.id,
      code: role.code,
      name: role.name,
      description: role.description,
      permissions: [...role.permissions].sort(),
      allPermissions: role.allPermissions,
      dataScope: role.dataScope,
      scopeDepartmentIds: role.scopeDepartmentIds,
      version: role.version,
    };
  }
}

export class PermissionLabelDto {
  @ApiProperty() zhCN!: string;
  @ApiProperty() en!: string;
}

/** One grantable permission of the catalogue, as the roles screen offers it. */
export class PermissionDto {
  @ApiProperty({ example: 'org:person:read' }) code!: string;
  @ApiProperty({ description: 'The context that declares it', example: 'org' }) context!: string;
  @ApiProperty({ type: PermissionLabelDto }) label!: PermissionLabelDto;
}

export class CreateRoleDto {
  @ApiProperty() @Matches(/^[a-z][a-z0-9_-]{1,39}$/, { message: 'must be 2-40 lower-case letters, digits, _ or -' }) code!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) permissions!: string[];
  @ApiProperty({ enum: DATA_SCOPE_KINDS }) @IsIn(DATA_SCOPE_KINDS) dataScope!: DataScopeKind;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) scopeDepartmentIds?: string[];
}

export class UpdateRoleDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) permissions?: string[];
  @ApiPropertyOptional({ enum: DATA_SCOPE_KINDS }) @IsOptional() @IsIn(DATA_SCOPE_KINDS) dataScope?: DataScopeKind;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) scopeDepartmentIds?: string[];
}
