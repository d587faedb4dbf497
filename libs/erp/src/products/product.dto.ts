import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, IsBoolean } from 'class-validator';
import { PRODUCT_TAX_RATES, type Page, type ProductTaxRate } from '@zhongshu/contracts';
import { PageQueryDto } from '@zhongshu/platform';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** A price before tax: up to 14 digits, at most two decimals, never negative. */
export const PRICE = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CNC-V850' }) code!: string;
  @ApiProperty({ example: '立式加工中心 V850' }) name!: string;
  @ApiProperty({ example: '台' }) unit!: string;
  @ApiProperty({ example: '268000.00', description: 'List price before tax, a decimal string with two places' }) listPrice!: string;
  @ApiProperty({ enum: PRODUCT_TAX_RATES, description: 'VAT rate in percent' }) taxRate!: ProductTaxRate;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class ProductPageDto implements Page<ProductDto> {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ProductQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the code or the name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) category?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or only inactive (false) products' }) @IsOptional() @IsBooleanString() active?: string;
}

export class CreateProductDto {
  @ApiProperty({ example: 'CNC-V850' }) @Matches(CODE, { message: 'must be 1-40 letters, digits, _ . or -' }) code!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '台' }) @IsString() @Length(1, 20) unit!: string;
  @ApiProperty({ example: '268000.00', description: 'Before tax, a decimal string, at most two decimals' })
  @Matches(PRICE, { message: 'must be a non-negative amount with at most two decimals, like 1280.50' })
  listPrice!: string;
  @ApiProperty({ enum: PRODUCT_TAX_RATES }) @IsIn(PRODUCT_TAX_RATES, { message: 'must be 13, 9, 6 or 0' }) taxRate!: ProductTaxRate;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(1, 50) category?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

/** Every field but the code may change; absent leaves it, null clears an optional one. */
export class UpdateProductDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20) unit?: string;
  @ApiPropertyOptional({ example: '268000.00' })
  @IsOptional()
  @Matches(PRICE, { message: 'must be a non-negative amount with at most two decimals, like 1280.50' })
  listPrice?: string;
  @ApiPropertyOptional({ enum: PRODUCT_TAX_RATES }) @IsOptional() @IsIn(PRODUCT_TAX_RATES, { message: 'must be 13, 9, 6 or 0' }) taxRate?: ProductTaxRate;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(1, 50) category?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
