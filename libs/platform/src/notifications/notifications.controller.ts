import { Controller, Get, HttpCode, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBooleanString, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PlatformPermission } from '@zhongshu/contracts';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { RequirePermission } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Notifications } from './notifications.service.js';

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
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for older ones; null on the last page' }) nextBefore!: string | null;
}

class UnreadCountDto {
  @ApiProperty() unread!: number;
}

class MarkedDto {
  @ApiProperty() marked!: number;
}

/** The caller's own notifications: the bell's list, its count, and marking them read. */
@ApiTags('platform')
@Controller('platform/notifications')
class NotificationsController {
  constructor(private readonly notifications: Notifications) {}

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.page(principal.userId, { unreadOnly: query.unreadOnly === 'true', before: query.before, limit: query.limit });
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(principal.userId) };
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedDto })
  async readAll(@CurrentPrincipal() principal: Principal): Promise<MarkedDto> {
    return { marked: await this.notifications.markAllRead(principal.userId) };
  }

  @RequirePermission(PlatformPermission.NotificationRead)
  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  async read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.notifications.markRead(principal.userId, id);
  }
}

/** The API's routes of the notification service (the service itself comes with the platform). */
@Module({ controllers: [NotificationsController] })
export class NotificationsHttpModule {}
