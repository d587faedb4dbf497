import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

export const FOLLOW_UP_KINDS = ['call', 'visit', 'meeting', 'message', 'note'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

const nullable = (_: object, value: unknown) => value !== null;

export class CreateFollowUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer followed up; or give leadId' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The lead followed up; or give customerId' }) @IsOptional() @IsUUID() leadId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsUUID() contactId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsUUID() opportunityId?: string | null;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) @IsIn(FOLLOW_UP_KINDS) kind!: FollowUpKind;
  @ApiProperty() @IsString() @Length(1, 4000) content!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; now when omitted' }) @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'The next follow-up date: the owner is reminded that day' })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  nextOn?: string | null;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId!: string | null;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) nextOn!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
}

export class FollowUpListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() leadId?: string;
}
