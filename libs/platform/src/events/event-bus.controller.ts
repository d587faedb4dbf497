import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../http/parse-uuid.pipe.js';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { DeadLetterDto, DeadLetterPageDto, DeadLetterQueryDto } from './dead-letter.dto.js';
import { DeadLetters } from './dead-letters.service.js';
import { EventBusMetricsDto } from './event-bus.dto.js';
import { EventBusMetrics } from './event-bus-metrics.js';
import { PlatformPermission } from '@zhongshu/contracts';
import { ApiProblems } from '../http/api-problems.js';

@ApiTags('platform')
@Controller('platform/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @RequirePermission(PlatformPermission.DeadLetterRead)
  @Get()
  @ApiOkResponse({ type: DeadLetterPageDto })
  @ApiOperation({ summary: 'List dead letters', description: 'Event deliveries that failed every attempt, newest first, with the handler, the event and the last error.' })
  async list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    const page = await this.deadLetters.list(query);
    return { ...page, items: page.items.map((letter) => DeadLetterDto.from(letter)) };
  }

  @RequirePermission(PlatformPermission.DeadLetterRead)
  @Get(':id')
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiOperation({ summary: 'Get a dead letter', description: 'One failed delivery with its event payload and error history.' })
  @ApiProblems(404)
  async get(@Param('id', ParseUuidPipe) id: string): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.get(id));
  }

  @RequirePermission(PlatformPermission.DeadLetterRetry)
  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeadLetterDto })
  @ApiOperation({ summary: 'Retry a dead letter', description: 'Queues the failed delivery again for its handler; the answer is the dead letter as it now stands.' })
  @ApiProblems(404)
  async retry(@Param('id', ParseUuidPipe) id: string): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.retry(id));
  }

  @RequirePermission(PlatformPermission.DeadLetterDiscard)
  @Post(':id/discard')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Discard a dead letter', description: 'Gives up on the failed delivery for good (kept for the record).' })
  @ApiProblems(404)
  async discard(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.deadLetters.discard(id);
  }
}

@ApiTags('platform')
@Controller('platform/event-bus')
export class EventBusController {
  constructor(private readonly metrics: EventBusMetrics) {}

  @RequirePermission(PlatformPermission.EventBusRead)
  @Get('metrics')
  @ApiOkResponse({ type: EventBusMetricsDto })
  @ApiOperation({ summary: 'Get the event bus metrics', description: 'The backend (Redis or PostgreSQL), the outbox lag and unpublished count, the relays connected (and, when none has been for a while, what to start), and per handler what it applied, failed and parked as dead letters.' })
  async snapshot(): Promise<EventBusMetricsDto> {
    return this.metrics.snapshot();
  }
}
