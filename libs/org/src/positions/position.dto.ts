import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import type { Position } from './position.entity.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export class PositionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;

  static from(position: Position): PositionDto {
    return { id: position.id, code: position.code, name: position.name, version: position.version };
  }
}

export class CreatePositionDto {
  @ApiProperty() @Matches(CODE, { message: 'must be 1-40 letters, digits, _ . or -' }) code!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
}

export class UpdatePositionDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
}
