import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Page } from '@zhongshu/contracts';
import { PageQueryDto } from '@zhongshu/platform';
import { CONTRACT_STATUSES, type ContractStatus } from './contract-status.js';

const QUANTITY = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;
const RATE = /^(0|[1-9]\d?)(\.\d{1,2})?$/;
const MONEY = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ContractLineInputDto {
  @ApiProperty({ format: 'uuid', description: "A product of ERP's catalogue; its list price and tax rate price the line" }) @IsUUID() productId!: string;
  @ApiProperty({ example: '2' }) @Matches(QUANTITY, { message: 'must be a positive quantity with at most four decimals' }) quantity!: string;
  @ApiPropertyOptional({ example: '5', description: 'Line discount in percent, 0 to below 100' }) @IsOptional() @Matches(RATE, { message: 'must be a percentage from 0 to below 100, at most two decimals' }) discountRate?: string;
}

export class InstalmentInputDto {
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) dueDate!: string;
  @ApiProperty({ example: '100000.00' }) @Matches(MONEY, { message: 'must be an amount with at most two decimals' }) amount!: string;
}

export class ContractFieldsDto {
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ type: [ContractLineInputDto] }) @IsArray() @ArrayMinSize(1, { message: 'a contract needs at least one line' }) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ContractLineInputDto) lines!: ContractLineInputDto[];
  @ApiPropertyOptional({ example: '2', description: 'Overall discount in percent, applied after the line discounts' }) @IsOptional() @Matches(RATE, { message: 'must be a percentage from 0 to below 100, at most two decimals' }) overallDiscountRate?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '验收合格后 60 天内付清' }) @IsOptional() @IsString() @MaxLength(200) paymentTerms?: string | null;
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) startDate!: string;
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) endDate!: string;
  @ApiProperty({ type: [InstalmentInputDto], description: '回款计划: must add up to the total to the cent' }) @IsArray() @ArrayMinSize(1, { message: 'a receivable plan needs at least one instalment' }) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => InstalmentInputDto) instalments!: InstalmentInputDto[];
}

export class CreateContractDto extends ContractFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The opportunity the contract closes (its customer must be the same)' }) @IsOptional() @IsUUID() opportunityId?: string;
}

export class UpdateContractDto extends ContractFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class VersionDto {
  @ApiProperty({ description: 'The version of the contract as read' }) @IsInt() @Min(1) version!: number;
}

export class EndContractDto extends VersionDto {
  @ApiProperty({ example: '客户取消项目' }) @IsString() @Length(1, 500) reason!: string;
}

export class RecordReceiptDto {
  @ApiProperty({ description: 'The instalment the money is for' }) @IsInt() @Min(1) instalmentNo!: number;
  @ApiProperty({ example: '100000.00' }) @Matches(MONEY, { message: 'must be an amount with at most two decimals' }) amount!: string;
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) receivedOn!: string;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HT-2026-000042' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) opportunityId!: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty({ description: 'How many times it was signed; the review and the order of the last signing carry this number' }) signedVersion!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() totalExclTax!: string;
  @ApiProperty() taxTotal!: string;
  @ApiProperty() total!: string;
  @ApiProperty() received!: string;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class ContractLineDto {
  @ApiProperty() lineNo!: number;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() quantity!: string;
  @ApiProperty() unitPrice!: string;
  @ApiProperty() discountRate!: string;
  @ApiProperty() taxRate!: string;
  @ApiProperty() amountExclTax!: string;
  @ApiProperty() taxAmount!: string;
  @ApiProperty() amount!: string;
}

export class InstalmentDto {
  @ApiProperty() instalmentNo!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() receivedAmount!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) receivedOn!: string | null;
  @ApiProperty({ description: 'Due before today and not fully received' }) overdue!: boolean;
}

export class SigningDto {
  @ApiProperty() signedVersion!: number;
  @ApiProperty({ format: 'uuid' }) signedById!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty() total!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'rejected', 'withdrawn', 'cancelled'] }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvalId!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvalNumber!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
}

export class ContractDetailDto extends ContractDto {
  @ApiProperty() overallDiscountRate!: string;
  @ApiProperty({ type: String, nullable: true }) paymentTerms!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: [ContractLineDto] }) lines!: ContractLineDto[];
  @ApiProperty({ type: [InstalmentDto] }) instalments!: InstalmentDto[];
  @ApiProperty({ type: [SigningDto] }) signings!: SigningDto[];
}

export class ContractPageDto implements Page<ContractDto> {
  @ApiProperty({ type: [ContractDto] }) items!: ContractDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ContractQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the number or title' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}
