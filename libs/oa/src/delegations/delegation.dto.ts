import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PersonNameDto } from '../requests/request.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DelegationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Another person’s delegations (oa:delegation:manage); the caller’s own when absent' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class CreateDelegationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who is away: the caller when absent; anyone else needs oa:delegation:manage' }) @IsOptional() @IsUUID() delegatorId?: string;
  @ApiProperty({ format: 'uuid', description: 'The stand-in' }) @IsUUID() delegateId!: string;
  @ApiProperty({ example: '2026-12-20', description: 'First day (the company’s calendar)' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) startDate!: string;
  @ApiProperty({ example: '2026-12-31', description: 'Last day, inclusive' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) endDate!: string;
  @ApiPropertyOptional({ type: [String], description: 'Only these request types; every type when empty or absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requestTypeIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class DelegationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonNameDto }) delegator!: PersonNameDto;
  @ApiProperty({ type: PersonNameDto }) delegate!: PersonNameDto;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ type: [String] }) requestTypeIds!: string[];
  @ApiProperty({ enum: ['scheduled', 'active', 'ended'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() version!: number;
}
