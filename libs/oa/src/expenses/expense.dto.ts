import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { EXPENSE_CATEGORIES, EXPENSE_STATUSES, type ExpenseCategory, type ExpenseStatus } from '@zhongshu/contracts';
import { AttachmentDto, PersonNameDto } from '../requests/request.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d{1,13}(\.\d{1,2})?$/;

export class ExpenseLineInputDto {
  @ApiProperty({ enum: EXPENSE_CATEGORIES }) @IsIn(EXPENSE_CATEGORIES) category!: ExpenseCategory;
  @ApiProperty({ example: '2026-11-20', description: 'The day it was spent' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) date!: string;
  @ApiProperty({ example: '1280.50', description: 'In the line’s currency, a decimal string' }) @Matches(MONEY, { message: 'must be an amount with at most two decimals, e.g. 1280.50' }) amount!: string;
  @ApiProperty({ example: 'CNY' }) @Matches(/^[A-Z]{3}$/, { message: 'must be a currency code such as CNY or USD' }) currency!: string;
  @ApiPropertyOptional({ example: '7.1234', description: 'CNY for one unit of the currency, as stated on the claim; required for any currency but CNY' })
  @IsOptional()
  @Matches(/^\d{1,6}(\.\d{1,6})?$/, { message: 'must be a rate such as 7.1234' })
  rate?: string;
  @ApiPropertyOptional({ example: '25312000000012345678', description: 'The invoice (发票) number: claimable once across the company' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  invoiceNo?: string;
  @ApiPropertyOptional({ example: '72.48', description: 'Tax on the invoice (in the line’s currency)' }) @IsOptional() @Matches(MONEY, { message: 'must be an amount with at most two decimals' }) tax?: string;
  @ApiProperty({ format: 'uuid', description: 'The receipt: a PDF, JPEG or PNG of at most 5 MiB uploaded to the platform by the applicant' }) @IsUUID() receiptFileId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) description?: string;
}

export class SubmitExpenseDto {
  @ApiProperty({ example: '11 月上海出差' }) @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiProperty({ type: [ExpenseLineInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExpenseLineInputDto)
  lines!: ExpenseLineInputDto[];
}

export class ExpenseLineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPENSE_CATEGORIES }) category!: ExpenseCategory;
  @ApiProperty() date!: string;
  @ApiProperty({ example: '1280.50' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ example: '1' }) rate!: string;
  @ApiProperty({ example: '1280.50' }) amountCny!: string;
  @ApiProperty({ type: String, nullable: true }) invoiceNo!: string | null;
  @ApiProperty({ type: String, nullable: true }) tax!: string | null;
  @ApiProperty({ type: AttachmentDto, nullable: true }) receipt!: AttachmentDto | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
}

export class ExpenseClaimDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonNameDto }) person!: PersonNameDto;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: '2560.00', description: 'The sum of the lines in CNY' }) total!: string;
  @ApiProperty({ enum: EXPENSE_STATUSES }) status!: ExpenseStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestNumber!: string | null;
  @ApiProperty({ type: [ExpenseLineDto] }) lines!: ExpenseLineDto[];
  @ApiProperty() submittedAt!: string;
}

export class ExpenseSubmittedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ example: '2560.00' }) total!: string;
  @ApiProperty({ enum: EXPENSE_STATUSES }) status!: ExpenseStatus;
}
