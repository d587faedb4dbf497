import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditContextModule } from './audit-context.module.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLogEntry } from './audit-log.entity.js';
import { AuditTrail } from './audit-trail.service.js';
import { RequestAuditRecorder } from './request-audit.recorder.js';

/** The audit trail of the API: the trigger's context, the request rows and the query API. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry]), AuditContextModule],
  controllers: [AuditLogController],
  providers: [AuditTrail, RequestAuditRecorder],
  exports: [AuditTrail],
})
export class AuditModule {}
