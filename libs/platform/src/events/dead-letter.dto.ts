import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../paging/page-query.dto.js';
import type { DeadLetter } from './dead-letter.entity.js';

export class DeadLetterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this handler, e.g. erp.open-sales-order' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  handler?: string;

  @ApiPropertyOptional({ description: 'Only this event type, e.g. crm.contract.signed' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eventType?: string;
}

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() handler!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: ['parked', 'retrying'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'The last error, with its stack' }) lastError!: string;
  @ApiProperty({ description: 'The event envelope as it was delivered', type: 'object', additionalProperties: true })
  envelope!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(letter: DeadLetter): DeadLetterDto {
    return {
      id: letter.id,
      eventId: letter.eventId,
      handler: letter.handler,
      eventType: letter.eventType,
      status: letter.status,
      attempts: letter.attempts,
      lastError: letter.lastError,
      envelope: letter.envelope,
      createdAt: letter.createdAt.toISOString(),
      updatedAt: letter.updatedAt.toISOString(),
    };
  }
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
