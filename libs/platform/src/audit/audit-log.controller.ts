import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto.js';
import { AuditTrail } from './audit-trail.service.js';
import { PlatformPermission } from '@zhongshu/contracts';

@ApiTags('platform')
@Controller('platform/audit-log')
export class AuditLogController {
  constructor(private readonly trail: AuditTrail) {}

  @RequirePermission(PlatformPermission.AuditRead)
  @Get()
  @ApiOkResponse({ type: AuditLogPageDto })
  search(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.trail.search(query);
  }
}
