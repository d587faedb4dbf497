import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OutboxMetricsDto {
  @ApiProperty({ description: 'Events committed but not yet handed to the queue' }) unpublished!: number;
  @ApiProperty({ description: 'Age in ms of the oldest unpublished event; 0 when drained' }) lagMs!: number;
}

export class RelayMetricsDto {
  @ApiProperty({ description: 'Event relays connected to the database now, this process included' }) connected!: number;
  @ApiProperty({ description: 'Whether the process that answered runs a relay (RUN_WORKERS)' }) runsHere!: boolean;
  @ApiPropertyOptional({ description: 'Set when no relay has been connected for EVENT_RELAY_ABSENT_MS, or events waited that long: what is wrong and what to start' })
  absent?: string;
}

export class HandlerMetricsDto {
  @ApiProperty() name!: string;
  @ApiProperty() context!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ description: 'Events this handler has applied' }) processed!: number;
  @ApiProperty({ description: 'Attempts that threw, including those later retried successfully' }) failedAttempts!: number;
  @ApiProperty({ description: 'Deliveries parked in dead letters now' }) deadLetters!: number;
}

export class EventBusMetricsDto {
  @ApiProperty({ enum: ['redis', 'postgres'] }) backend!: string;
  @ApiProperty({ type: OutboxMetricsDto }) outbox!: OutboxMetricsDto;
  @ApiProperty({ type: RelayMetricsDto }) relays!: RelayMetricsDto;
  @ApiProperty({ type: [HandlerMetricsDto] }) handlers!: HandlerMetricsDto[];
}
