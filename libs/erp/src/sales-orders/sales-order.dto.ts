import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { ErpSalesOrderStatus, Page } from '@zhongshu/contracts';
import { PageQueryDto } from '@zhongshu/platform';

export const SALES_ORDER_STATUSES: readonly ErpSalesOrderStatus[] = ['pending_approval', 'confirmed', 'cancelled'];

export class SalesOrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SO-2026-000012' }) number!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'HT-2026-000042' }) contractNumber!: string;
  @ApiProperty({ description: 'The signed contract version the order belongs to' }) contractVersion!: number;
  @ApiProperty({ format: 'uuid', description: "CRM's customer id" }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ enum: SALES_ORDER_STATUSES }) status!: ErpSalesOrderStatus;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: '300000.00' }) totalExclTax!: string;
  @ApiProperty({ example: '39000.00' }) taxTotal!: string;
  @ApiProperty({ example: '339000.00' }) total!: string;
  @ApiProperty({ description: "The order takes the customer's open orders past their credit limit" }) overCreditLimit!: boolean;
  @ApiProperty({ format: 'date' }) orderedOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class SalesOrderLineDto {
  @ApiProperty() lineNo!: number;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ example: '2' }) quantity!: string;
  @ApiProperty({ example: '268000.00' }) unitPrice!: string;
  @ApiProperty({ example: '5', description: 'Percent' }) discountRate!: string;
  @ApiProperty({ example: '13', description: 'Percent' }) taxRate!: string;
  @ApiProperty() amountExclTax!: string;
  @ApiProperty() taxAmount!: string;
  @ApiProperty() amount!: string;
}

/** Another order of the same contract (an earlier or later signed version). */
export class SalesOrderVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() contractVersion!: number;
  @ApiProperty({ enum: SALES_ORDER_STATUSES }) status!: ErpSalesOrderStatus;
  @ApiProperty() total!: string;
}

export class SalesOrderDetailDto extends SalesOrderDto {
  @ApiProperty({ type: String, nullable: true }) billTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) shipTo!: string | null;
  @ApiProperty({ example: 'net-30' }) paymentTerms!: string;
  @ApiProperty({ type: String, nullable: true, description: "The customer's credit limit when the order was made" }) creditLimit!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The OA request that reviewed the contract version' }) approvalId!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: [SalesOrderLineDto] }) lines!: SalesOrderLineDto[];
  @ApiProperty({ type: [SalesOrderVersionDto], description: 'Every order of the contract, oldest version first (this one included)' }) versions!: SalesOrderVersionDto[];
}

export class SalesOrderPageDto implements Page<SalesOrderDto> {
  @ApiProperty({ type: [SalesOrderDto] }) items!: SalesOrderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SalesOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the order number, the contract number or the customer name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional({ enum: SALES_ORDER_STATUSES }) @IsOptional() @IsIn(SALES_ORDER_STATUSES) status?: ErpSalesOrderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
}
