import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty()
  uptimeSeconds!: number;
}

export class CheckResultDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional()
  latencyMs?: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/CheckResultDto' } })
  checks!: Record<string, CheckResultDto>;
}
