import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Position } from './position.entity.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export class PositionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 99, description: '职级 (job grade): approvals can branch on it as applicant.level' })
  level?: number | null;
  @ApiProperty() version!: number;

  static from(position: Position): PositionDto {
    return { id: position.id, code: position.code, name: position.name, level: position.level, version: position.version };
  }
}

export class CreatePositionDto {
  @ApiProperty() @Matches(CODE, { message: 'must be 1-40 letters, digits, _ . or -' }) code!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 99, description: '职级 (job grade)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  level?: number | null;
}

export class UpdatePositionDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  /** null clears the grade; absent leaves it. */
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 99, description: '职级 (job grade); null clears it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  level?: number | null;
}
