import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../http/parse-uuid.pipe.js';
import { ApiOkResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { DeadLetterDto, DeadLetterPageDto, DeadLetterQueryDto } from './dead-letter.dto.js';
import { DeadLetters } from './dead-letters.service.js';
import { EventBusMetricsDto } from './event-bus.dto.js';
import { EventBusMetrics } from './event-bus-metrics.js';
import { PlatformPermission } from '@zhongshu/contracts';

@ApiTags('platform')
@Controller('platform/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @RequirePermission(PlatformPermission.DeadLetterRead)
  @Get()
  @ApiOkResponse({ type: DeadLetterPageDto })
  async list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    const page = await this.deadLetters.list(query);
    return { ...page, items: page.items.map((letter) => DeadLetterDto.from(letter)) };
  }

  @RequirePermission(PlatformPermission.DeadLetterRead)
  @Get(':id')
  @ApiOkResponse({ type: DeadLetterDto })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.get(id));
  }

  @RequirePermission(PlatformPermission.DeadLetterRetry)
  @Post(':id/retry')
  @HttpCode(202)
  @ApiOkResponse({ type: DeadLetterDto })
  async retry(@Param('id', ParseUuidPipe) id: string): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.retry(id));
  }

  @RequirePermission(PlatformPermission.DeadLetterDiscard)
  @Post(':id/discard')
  @HttpCode(204)
  @ApiNoContentResponse()
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
  async snapshot(): Promise<EventBusMetricsDto> {
    return this.metrics.snapshot();
  }
}
