import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import { OPPORTUNITY_STATUSES } from './opportunity.entity.js';

const nullable = (_: object, value: unknown) => value !== null;
export const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
export const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;
export const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export class StageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Win probability in percent, a decimal string' }) probability!: string;
}

export class PipelineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'An open opportunity at this stage or later keeps its customer out of the pool' })
  protectFromStageId!: string | null;
  @ApiProperty({ type: [StageDto] }) stages!: StageDto[];
  @ApiProperty() version!: number;
}

export class StageInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing stage; a new one without' }) @IsOptional() @IsUUID() id?: string;
  @ApiProperty() @IsString() @Length(1, 50) name!: string;
  @ApiProperty({ description: 'Win probability in percent, 0-100' }) @IsString() @Matches(PERCENT, { message: 'must be a percentage like 40 or 12.5' }) probability!: string;
}

export class PipelineInputDto {
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ type: [StageInputDto], description: 'The open stages in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageInputDto)
  stages!: StageInputDto[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The index (0-based) in `stages` from which open opportunities protect their customer from the pool' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(0)
  protectFromStage?: number | null;
}

export class UpdatePipelineDto extends PipelineInputDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class LineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() productName!: string;
  @ApiProperty() quantity!: string;
  @ApiProperty({ nullable: true, type: String }) unit!: string | null;
  @ApiProperty() unitPrice!: string;
  @ApiProperty() discountPercent!: string;
  @ApiProperty() amount!: string;
}

export class LineInputDto {
  @ApiProperty() @IsString() @Length(1, 200) productName!: string;
  @ApiProperty({ description: 'Decimal string, up to 4 places' }) @IsString() @Matches(QUANTITY, { message: 'must be a positive number with at most 4 decimals' }) quantity!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(20) unit?: string | null;
  @ApiProperty({ description: 'Decimal string, up to 2 places' }) @IsString() @Matches(MONEY, { message: 'must be an amount with at most 2 decimals' }) unitPrice!: string;
  @ApiPropertyOptional({ description: 'Percent off, 0-100' }) @IsOptional() @IsString() @Matches(PERCENT, { message: 'must be a percentage like 5 or 12.5' }) discountPercent?: string;
}

export class OpportunityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty() stageName!: string;
  @ApiProperty() probability!: string;
  @ApiProperty({ description: 'Decimal string' }) amount!: string;
  @ApiProperty({ description: 'amount × probability, a decimal string' }) weightedAmount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expectedCloseOn!: string | null;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) closeReason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) stageEnteredAt!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) remark!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class StageChangeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) fromStageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStageName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) toStageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) toStageName!: string | null;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class OpportunityDetailDto extends OpportunityDto {
  @ApiProperty({ type: [LineDto] }) lines!: LineDto[];
  @ApiProperty({ type: [StageChangeDto] }) stageChanges!: StageChangeDto[];
}

export class OpportunityPageDto {
  @ApiProperty({ type: [OpportunityDto] }) items!: OpportunityDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class OpportunityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name or customer contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ enum: OPPORTUNITY_STATUSES }) @IsOptional() @IsIn(OPPORTUNITY_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
}

export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'Name or customer contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
}

export class BoardColumnDto {
  @ApiProperty({ type: StageDto }) stage!: StageDto;
  @ApiProperty({ type: [OpportunityDto], description: 'The first 100, soonest expected close first' }) items!: OpportunityDto[];
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Sum of amounts, a decimal string' }) amount!: string;
  @ApiProperty({ description: 'Sum of weighted amounts, a decimal string' }) weightedAmount!: string;
}

export class BoardDto {
  @ApiProperty({ type: PipelineDto }) pipeline!: PipelineDto;
  @ApiProperty({ type: [BoardColumnDto] }) columns!: BoardColumnDto[];
}

export class OpportunityFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsUUID() contactId?: string | null;
  @ApiPropertyOptional({ description: 'Decimal string; the sum of the lines when lines are given' }) @IsOptional() @IsString() @Matches(MONEY, { message: 'must be an amount with at most 2 decimals' }) amount?: string;
  @ApiPropertyOptional({ description: 'ISO 4217, CNY when omitted' }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'must be a currency code like CNY' }) currency?: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }) expectedCloseOn?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(2000) remark?: string | null;
  @ApiPropertyOptional({ type: [LineInputDto], description: 'Product lines; free text until ERP has a catalogue' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LineInputDto)
  lines?: LineInputDto[];
}

export class NewOpportunityDto extends OpportunityFieldsDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The default pipeline when omitted' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The first stage when omitted' }) @IsOptional() @IsUUID() stageId?: string;
}

export class CreateOpportunityDto extends NewOpportunityDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
}

export class UpdateOpportunityDto extends OpportunityFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class MoveStageDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiProperty({ format: 'uuid' }) @IsUUID() stageId!: string;
}

export class CloseOpportunityDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({ description: 'Why it was won or lost (required for lost)' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
