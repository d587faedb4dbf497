import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import { NewContactDto } from '../contacts/contact.dto.js';
import { CreateCustomerDto, PHONE } from '../customers/customer.dto.js';
import { NewOpportunityDto } from '../opportunities/opportunity.dto.js';
import { LEAD_STATUSES } from './lead.entity.js';

const nullable = (_: object, value: unknown) => value !== null;

export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) company!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) industry!: string | null;
  @ApiProperty({ nullable: true, type: String }) province!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) remark!: string | null;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastFollowUpAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) invalidReason!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items!: LeadDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class LeadQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, company or phone contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ enum: LEAD_STATUSES }) @IsOptional() @IsIn(LEAD_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) source?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: ['true'], description: 'Only leads nobody owns yet' }) @IsOptional() @IsIn(['true']) unassigned?: 'true';
}

export class LeadFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(200) company?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(100) title?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @Matches(PHONE, { message: 'must be a phone number' }) phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(50) source?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(50) industry?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(30) province?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(30) city?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(2000) remark?: string | null;
}

export class CreateLeadDto extends LeadFieldsDto {
  @ApiProperty({ description: 'The person' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The owner; the caller when omitted, nobody (to be assigned) when null' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  ownerId?: string | null;
}

export class UpdateLeadDto extends LeadFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
}

export class AssignLeadsDto {
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true }) leadIds!: string[];
  @ApiProperty({ format: 'uuid' }) @IsUUID() ownerId!: string;
}

export class DistributeLeadsDto {
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true }) leadIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'The reps taking turns; whoever waited longest since their last lead goes first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ownerIds!: string[];
}

export class AssignmentResultDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Lead id → owner id' }) assigned!: Record<string, string>;
}

export class CloseLeadDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class ConvertLeadDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing customer the lead belongs to (see the matches); or give `customer`' })
  @IsOptional()
  @IsUUID()
  customerId?: string;
  @ApiPropertyOptional({ type: CreateCustomerDto, description: 'A new customer; or give `customerId`' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateCustomerDto)
  customer?: CreateCustomerDto;
  @ApiPropertyOptional({ type: NewContactDto, nullable: true, description: 'The lead as a contact of the customer; none when null' })
  @IsOptional()
  @ValidateIf(nullable)
  @ValidateNested()
  @Type(() => NewContactDto)
  contact?: NewContactDto | null;
  @ApiPropertyOptional({ type: NewOpportunityDto, nullable: true, description: 'An opportunity opened with it; none when null' })
  @IsOptional()
  @ValidateIf(nullable)
  @ValidateNested()
  @Type(() => NewOpportunityDto)
  opportunity?: NewOpportunityDto | null;
}

export class ConversionDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() newCustomer!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId!: string | null;
}

export class LeadImportResultDto {
  @ApiProperty() created!: number;
}

export class ImportOptionsDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Leave the imported leads unassigned instead of owned by the importer' }) @IsOptional() @IsIn(['true']) unassigned?: 'true';
}

