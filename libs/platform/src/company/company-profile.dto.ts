import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import type { CompanyProfile } from './company-profile.entity.js';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Asia/Shanghai';
  }
}

/**
 * What a sign-in page shows before anyone is signed in, and nothing more: the profile's
 * tax number, address and the rest are for the company's own people.
 */
export class PublicCompanyProfileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) locale!: string;

  static from(profile: CompanyProfile): PublicCompanyProfileDto {
    return { name: profile.name, locale: profile.locale };
  }
}

export class CompanyProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) locale!: string;
  @ApiProperty({ nullable: true, type: String }) taxNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ minimum: 1, maximum: 12 }) fiscalYearStartMonth!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(profile: CompanyProfile): CompanyProfileDto {
    return {
      id: profile.id,
      name: profile.name,
      legalName: profile.legalName,
      currency: profile.currency,
      timeZone: profile.timeZone,
      locale: profile.locale,
      taxNumber: profile.taxNumber,
      address: profile.address,
      fiscalYearStartMonth: profile.fiscalYearStartMonth,
      version: profile.version,
      updatedAt: profile.updatedAt.toISOString(),
    };
  }
}

export class UpdateCompanyProfileDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) legalName?: string;

  @ApiPropertyOptional({ example: 'CNY' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' })
  currency?: string;

  @ApiPropertyOptional() @IsOptional() @Validate(IsTimeZone) timeZone?: string;
  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES }) @IsOptional() @IsIn(SUPPORTED_LOCALES) locale?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(50) taxNumber?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) address?: string | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @IsOptional() @IsInt() @Min(1) @Max(12) fiscalYearStartMonth?: number;
}
