import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { Page } from '@zhongshu/contracts';
import { PageQueryDto } from '@zhongshu/platform';
import { PRICE } from '../products/product.dto.js';

/** 付款条件: prepaid, cash on delivery, or 30/60/90 days after the invoice. */
export const PAYMENT_TERMS = ['prepaid', 'on-delivery', 'net-30', 'net-60', 'net-90'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

export class TradingTermsDto {
  @ApiProperty({ format: 'uuid', description: "CRM's customer id" }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ type: String, nullable: true }) customerAddress!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The owning sales rep (null while the customer is in the shared pool)' }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '开票信息: who invoices go to; null uses the customer name' }) billTo!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '收货地址; null uses the customer address' }) shipTo!: string | null;
  @ApiProperty({ enum: PAYMENT_TERMS }) paymentTerms!: PaymentTerms;
  @ApiProperty({ example: '500000.00', description: '信用额度: open orders above it are flagged; 0 means none set' }) creditLimit!: string;
  @ApiProperty({ example: '339000.00', description: 'Orders waiting for approval or confirmed' }) openOrders!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class TradingTermsPageDto implements Page<TradingTermsDto> {
  @ApiProperty({ type: [TradingTermsDto] }) items!: TradingTermsDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TradingTermsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the customer name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

export class UpdateTradingTermsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(300) billTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(300) shipTo?: string | null;
  @ApiPropertyOptional({ enum: PAYMENT_TERMS }) @IsOptional() @IsIn(PAYMENT_TERMS) paymentTerms?: PaymentTerms;
  @ApiPropertyOptional({ example: '500000.00' }) @IsOptional() @Matches(PRICE, { message: 'must be a non-negative amount with at most two decimals, like 500000' }) creditLimit?: string;
}
