import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts';
import type { RequestType } from './request-type.entity.js';

export class AvailabilityDto {
  @ApiProperty({ description: 'Everyone may use the type; otherwise members of departmentIds or holders of roleCodes' }) @IsBoolean() everyone!: boolean;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) departmentIds!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) roleCodes!: string[];
}

export class CreateRequestTypeDto {
  @ApiProperty({ description: 'Stable code: lower-case letters, digits and -' }) @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'must be 2-40 lower-case letters, digits or -' }) code!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '行政' }) @IsString() @Length(1, 50) category!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) icon?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string | null;
  @ApiPropertyOptional({ type: AvailabilityDto }) @IsOptional() @ValidateNested() @Type(() => AvailabilityDto) availableTo?: AvailabilityDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The form (libs/contracts OaFormSchema); checked when published' })
  @IsOptional()
  @IsObject()
  form?: OaFormSchema;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The process with its settings (libs/contracts OaProcessDefinition); checked when published' })
  @IsOptional()
  @IsObject()
  process?: OaProcessDefinition;
}

export class UpdateRequestTypeDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) category?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) icon?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string | null;
  @ApiPropertyOptional({ type: AvailabilityDto }) @IsOptional() @ValidateNested() @Type(() => AvailabilityDto) availableTo?: AvailabilityDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() form?: OaFormSchema;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() process?: OaProcessDefinition;
}

export class PublishDto {
  @ApiPropertyOptional({ description: 'The draft version the designer shows; a stale one answers 409' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class RequestTypeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, nullable: true }) icon!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: AvailabilityDto }) availableTo!: AvailabilityDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The draft form' }) form!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The draft process' }) process!: Record<string, unknown>;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The latest published version, null before the first publish' }) publishedVersion!: number | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(type: RequestType): RequestTypeDto {
    return {
      id: type.id,
      code: type.code,
      name: type.name,
      category: type.category,
      icon: type.icon,
      description: type.description,
      availableTo: type.availableTo,
      form: type.form as unknown as Record<string, unknown>,
      process: type.process as unknown as Record<string, unknown>,
      status: type.status,
      publishedVersion: type.publishedVersion,
      version: type.version,
      updatedAt: type.updatedAt.toISOString(),
    };
  }
}

export class RequestTypeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, nullable: true }) icon!: string | null;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) publishedVersion!: number | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RequestTypeVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() versionNo!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) publishedBy!: string | null;
}

export class CatalogueEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) icon!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '/oa/leave/new', description: 'The page this type is filed from when it has a form of its own (leave); null: the generic submit page' })
  formPath!: string | null;
}

export class CatalogueCategoryDto {
  @ApiProperty() category!: string;
  @ApiProperty({ type: [CatalogueEntryDto] }) types!: CatalogueEntryDto[];
}

export class PublishedFormDto {
  @ApiProperty({ format: 'uuid' }) requestTypeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() versionNo!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The published form the submit page renders' }) form!: Record<string, unknown>;
}
