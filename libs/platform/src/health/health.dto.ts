import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty()
  uptimeSeconds!: number;
}

export class CheckResultDto {
  @ApiProperty({ enum: ['up', 'degraded', 'down'], description: '`down` makes the instance unready; `degraded` is reported but writes still succeed' })
  status!: 'up' | 'degraded' | 'down';

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional()
  latencyMs?: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'], description: '`error` (503) when the instance cannot take writes; `degraded` (200) when it can but something is wrong' })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/CheckResultDto' } })
  checks!: Record<string, CheckResultDto>;
}
