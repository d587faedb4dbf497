import { Controller, Get, HttpCode, Module, Param, Post, Query, Req, Res, type OnApplicationBootstrap } from '@nestjs/common';
import { ParseUuidPipe } from '../http/parse-uuid.pipe.js';
import { ApiExtraModels, getSchemaPath, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBooleanString, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlatformPermission } from '@zhongshu/contracts';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { RequirePermission } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ContextRegistry } from '../contexts/context-registry.js';
import type { MenuEntry } from '../contexts/menu.js';
import { BadgeCounters } from './badge-counters.js';
import { NotificationListener } from './notification-listener.js';
import { NotificationStreams } from './notification-streams.js';
import { Notifications } from './notifications.service.js';
import { ApiProblems } from '../http/api-problems.js';

class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'Only the unread ones' }) @IsOptional() @IsBooleanString() unreadOnly?: string;
  @ApiPropertyOptional({ description: 'The `nextBefore` of the previous page' }) @IsOptional() @IsString() @MaxLength(200) before?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'oa.task.assigned' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) body!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The SPA path that shows the matter' }) link!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceType!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
}

class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications of the caller, all pages' }) unread!: number;
  @ApiProperty({ description: 'Notifications in all pages (the unread ones, with unreadOnly)' }) total!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for older ones; null on the last page' }) nextBefore!: string | null;
}

class UnreadCountDto {
  @ApiProperty() unread!: number;
}

class MarkedDto {
  @ApiProperty() marked!: number;
}

/** What the stream's `notification` event carries. */
class NotificationEventDto {
  @ApiProperty({ type: [NotificationDto], description: 'The new notifications, newest first' }) items!: NotificationDto[];
  @ApiProperty() unread!: number;
}

/** The counts of the badges the caller may see, by counter key (`notifications.unread`, `oa.todo`). */
class BadgeCountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { 'notifications.unread': 3, 'oa.todo': 2 } })
  counts!: Record<string, number>;
}

const STREAM_DESCRIPTION = [
  'Server-Sent Events for the caller, until the session ends, the access token it was opened with expires, or the server stops.',
  'Events: `ready` ({unread, badges}) first; `notification` ({items, unread}) when notifications are written for the caller;',
  '`badges` (counts by key) when the caller\'s counts change; `end` ({reason}: session-ended, expired, superseded, shutdown) last.',
  'A comment line is sent every 25 s. Read it with fetch (it needs the Authorization header), not EventSource.',
].join(' ');

const EVENT_DATA_EXTENSION: string = 'x-event-data';

/** The caller's own notifications: the bell's list, its count, marking them read, and the live stream. */
@ApiTags('platform')
@ApiExtraModels(NotificationEventDto)
@Controller('platform/notifications')
class NotificationsController {
  constructor(
    private readonly notifications: Notifications,
    private readonly streams: NotificationStreams,
  ) {}

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: STREAM_DESCRIPTION,
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description: 'Events whose `data` line is JSON: a `notification` event\'s is a NotificationEventDto',
          // The shape of a `notification` event's data, for generated clients (an
          // extension: OpenAPI 3.0 has no keyword for the schema of an event's data).
          [EVENT_DATA_EXTENSION]: { $ref: getSchemaPath(NotificationEventDto) },
        },
      },
    },
  })
  @ApiOperation({ summary: 'Stream notifications live', description: 'A Server-Sent Events stream of the caller\'s new notifications and the badge counts of the menu; it ends when the credentials expire or the session ends, and the client reconnects with fresh ones.' })
  stream(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.streams.open(principal, request, reply);
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiOperation({ summary: 'List my notifications', description: 'The caller\'s own notifications, newest first, paged by cursor (`before`), optionally unread only.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.page(principal.userId, { unreadOnly: query.unreadOnly === 'true', before: query.before, limit: query.limit });
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiOperation({ summary: 'Count my unread notifications', description: 'How many of the caller\'s notifications are unread (the bell\'s number).' })
  async unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(principal.userId) };
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedDto })
  @ApiOperation({ summary: 'Mark all my notifications read', description: 'Marks every unread notification of the caller read and says how many were.' })
  async readAll(@CurrentPrincipal() principal: Principal): Promise<MarkedDto> {
    return { marked: await this.notifications.markAllRead(principal.userId) };
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Mark a notification read', description: 'Marks one of the caller\'s notifications read; someone else\'s answers 404.' })
  @ApiProblems(404)
  async read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.notifications.markRead(principal.userId, id);
  }
}

/** The counts the sidebar's badges show. */
@ApiTags('platform')
@Controller('platform/badges')
class BadgesController {
  constructor(private readonly counters: BadgeCounters) {}

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get()
  @ApiOkResponse({ type: BadgeCountsDto })
  @ApiOperation({ summary: 'Get the badge counts', description: 'The counts of the menu badges the caller may see, by counter key (`notifications.unread`, `oa.todo`, …).' })
  async counts(@CurrentPrincipal() principal: Principal): Promise<BadgeCountsDto> {
    return { counts: await this.counters.countsFor(principal) };
  }
}

function badgesOf(entries: readonly MenuEntry[]): string[] {
  return entries.flatMap((entry) => [...(entry.badge === undefined ? [] : [entry.badge]), ...('children' in entry ? badgesOf(entry.children) : [])]);
}

/**
 * The API's side of the notification service (the service and the badge counters come
 * with the platform, in every process): the routes, the LISTEN connection and the
 * streams it feeds.
 */
@Module({ controllers: [NotificationsController, BadgesController], providers: [NotificationListener, NotificationStreams] })
export class NotificationsHttpModule implements OnApplicationBootstrap {
  constructor(
    private readonly contexts: ContextRegistry,
    private readonly counters: BadgeCounters,
  ) {}

  /** A menu entry naming a badge nobody counts would show nothing for ever: refuse to start. */
  onApplicationBootstrap(): void {
    const unknown = badgesOf(this.contexts.menu()).filter((key) => !this.counters.has(key));
    if (unknown.length > 0) throw new Error(`Menu entries name badges no context registered with BadgeCounters: ${[...new Set(unknown)].join(', ')}`);
  }
}
