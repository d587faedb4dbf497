import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { CursorQueryDto, PageQueryDto } from '@zhongshu/platform';
import { CUSTOMER_LEVELS } from './customer.entity.js';

export const PHONE = /^\+?[0-9][0-9 ()-]{5,30}$/;
const nullable = (_: object, value: unknown) => value !== null;

export class CustomerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: '统一社会信用代码' }) creditCode!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: CUSTOMER_LEVELS }) level!: string | null;
  @ApiProperty({ nullable: true, type: String }) industry!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) province!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) district!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ nullable: true, type: String }) remark!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null while in the shared pool' }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The owning team' }) departmentId!: string;
  @ApiProperty() inPool!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastFollowUpAt!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) nextFollowUpOn!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) poolEnteredAt!: string | null;
  @ApiProperty({ description: 'Open opportunities' }) openOpportunities!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] }) items!: CustomerDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CustomerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, phone or credit code contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_LEVELS }) @IsOptional() @IsIn(CUSTOMER_LEVELS) level?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) province?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) tag?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ description: 'Only customers not followed up for at least this many days' })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  idleDays?: number;
}

export class PoolQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, phone or credit code contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) province?: string;
}

/** The fields of a customer a person types. */
export class CustomerFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: '统一社会信用代码, 18 characters, checksum validated' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(40)
  creditCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: CUSTOMER_LEVELS }) @IsOptional() @ValidateIf(nullable) @IsIn(CUSTOMER_LEVELS) level?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(50) industry?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(50) source?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(30) province?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(30) city?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(30) district?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(200) address?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @Matches(PHONE, { message: 'must be a phone number' }) phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(200) website?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(2000) remark?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 30, { each: true }) tags?: string[];
}

export class CreateCustomerDto extends CustomerFieldsDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The owner; the caller when omitted, the shared pool when null' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  ownerId?: string | null;
  @ApiPropertyOptional({ description: 'Save although the name, phone or email domain matches another customer (a credit code never may)' })
  @IsOptional()
  @IsBoolean()
  allowDuplicates?: boolean;
}

export class UpdateCustomerDto extends CustomerFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() allowDuplicates?: boolean;
}

export class DuplicateCheckDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(40) creditCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(40) phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer being edited, never its own duplicate' }) @IsOptional() @IsUUID() excludeId?: string;
}

export const DUPLICATE_KEYS = ['creditCode', 'name', 'phone', 'emailDomain'] as const;
export type DuplicateKey = (typeof DUPLICATE_KEYS)[number];

export class DuplicateMatchDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty() inPool!: boolean;
  @ApiProperty({ enum: DUPLICATE_KEYS, isArray: true }) matchedOn!: DuplicateKey[];
  @ApiProperty({ description: 'Whether the caller may open it' }) visible!: boolean;
}

export class DuplicateResultDto {
  @ApiProperty({ type: [DuplicateMatchDto] }) matches!: DuplicateMatchDto[];
  @ApiProperty({ description: 'A credit code match: saving is refused whatever allowDuplicates says' }) blocking!: boolean;
}

export class TransferCustomerDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiProperty({ format: 'uuid' }) @IsUUID() toOwnerId!: string;
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
  @ApiPropertyOptional({ description: 'Also hand over the open opportunities (default true)' }) @IsOptional() @IsBoolean() withOpportunities?: boolean;
}

export class MergeCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'The customer merged away into this one' }) @IsUUID() mergedId!: string;
  @ApiProperty({ description: 'The version of this customer (the survivor) as read' }) @IsInt() @Min(1) version!: number;
  @ApiProperty({ description: 'The version of the merged customer as read' }) @IsInt() @Min(1) mergedVersion!: number;
}

export class MergePreviewDto {
  @ApiProperty({ type: CustomerDto }) survivor!: CustomerDto;
  @ApiProperty({ type: CustomerDto }) merged!: CustomerDto;
  @ApiProperty() contacts!: number;
  @ApiProperty() opportunities!: number;
  @ApiProperty() followUps!: number;
  @ApiProperty() leads!: number;
  @ApiProperty() timelineEntries!: number;
  @ApiProperty({ type: [String], description: 'Fields empty on the survivor that the merged customer fills' }) filledFields!: string[];
}

export class MergePreviewQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() mergedId!: string;
}

export class ReturnToPoolDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class TimelineQueryDto extends CursorQueryDto {}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) personId!: string | null;
  @ApiProperty({ nullable: true, type: String }) personName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) followUpId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEntryDto] }) items!: TimelineEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() totalIsEstimate!: boolean;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PoolSettingsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Most customers one rep may hold; null: no cap' }) @ValidateIf(nullable) @IsInt() @Min(1) holdingCap!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Most claims from the pool per rep and day' }) @ValidateIf(nullable) @IsInt() @Min(1) dailyClaimCap!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Return after this many days without a follow-up' }) @ValidateIf(nullable) @IsInt() @Min(1) noFollowUpDays!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Return after this many days without a won deal' }) @ValidateIf(nullable) @IsInt() @Min(1) noDealDays!: number | null;
  @ApiProperty({ description: 'Warn the owner this many days before a return' }) @IsInt() @Min(0) warnDays!: number;
  @ApiProperty({ description: 'Days a rep may not reclaim a customer returned from them' }) @IsInt() @Min(0) coolingOffDays!: number;
  @ApiProperty() @IsInt() @Min(1) version!: number;
}
