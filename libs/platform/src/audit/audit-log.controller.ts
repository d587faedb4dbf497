import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Search the audit log', description: 'Audit entries newest first, filtered by actor, action, entity, outcome and time, paged by cursor (`after` / `nextCursor`); the total is exact up to 10,000 and estimated beyond (`totalIsEstimate`).' })
  search(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.trail.search(query);
  }
}
