import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../paging/cursor-query.dto.js';
import { AUDIT_KINDS } from './audit-log.entity.js';

/** Filters of the audit log; it pages by cursor (`after`), as it grows without bound. */
export class AuditLogQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: 'org:person:update' }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ enum: AUDIT_KINDS }) @IsOptional() @IsIn(AUDIT_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: ['success', 'failure'] }) @IsOptional() @IsIn(['success', 'failure']) outcome?: string;
  @ApiPropertyOptional({ example: 'org.person' }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) requestId?: string;
  @ApiPropertyOptional({ description: 'Everything one business flow did, across requests and event handlers' }) @IsOptional() @IsString() @MaxLength(128) correlationId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant, inclusive' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Up to this instant, exclusive' }) @IsOptional() @IsISO8601() to?: string;
}

export class AuditLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_KINDS }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ nullable: true, type: String }) operation!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'object', properties: { old: {}, new: {} }, required: ['old', 'new'] },
    description: 'Each changed field with its old and new value; secrets read "[redacted]"',
  })
  changes!: Record<string, { old: unknown; new: unknown }> | null;
  @ApiProperty({ enum: ['success', 'failure'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The event (or request) that caused this' }) causationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The x-correlation-id the client sent, for tracing; never joins a flow' }) clientCorrelationId!: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items!: AuditLogEntryDto[];
  @ApiProperty({ description: 'How many entries match: exact up to 10000, the planner\'s estimate beyond (see totalIsEstimate)' }) total!: number;
  @ApiProperty({ description: 'true when total is an estimate (more than 10000 match)' }) totalIsEstimate!: boolean;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Names of the records this page refers to by id (entities, ids in changes, actors), by id; ids of records that are gone or unnamed are left out',
  })
  names!: Record<string, string>;
}
