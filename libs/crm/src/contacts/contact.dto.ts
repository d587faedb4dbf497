import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import { PHONE } from '../customers/customer.dto.js';
import { CONTACT_ROLES } from './contact.entity.js';

const nullable = (_: object, value: unknown) => value !== null;

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: CONTACT_ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty() isPrimary!: boolean;
  @ApiProperty({ nullable: true, type: String }) remark!: string | null;
  @ApiProperty() version!: number;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) items!: ContactDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ContactQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, phone or email contains' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: CONTACT_ROLES }) @IsOptional() @IsIn(CONTACT_ROLES) role?: string;
}

export class ContactFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(100) title?: string | null;
  @ApiPropertyOptional({ enum: CONTACT_ROLES }) @IsOptional() @IsIn(CONTACT_ROLES) role?: (typeof CONTACT_ROLES)[number];
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @Matches(PHONE, { message: 'must be a phone number' }) phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isPrimary?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(1000) remark?: string | null;
}

export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
}

/** A contact made with a customer (lead conversion): the customer is implied. */
export class NewContactDto extends ContactFieldsDto {
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
}

export class UpdateContactDto extends ContactFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
}
