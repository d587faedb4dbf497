import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditContextModule } from './audit-context.module.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLogEntry } from './audit-log.entity.js';
import { AuditTrail } from './audit-trail.service.js';
import { AuditInterceptor } from './audit.interceptor.js';

/** The audit trail of the API: the trigger's context, the request interceptor and the query API. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry]), AuditContextModule],
  controllers: [AuditLogController],
  providers: [AuditTrail, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditTrail],
})
export class AuditModule {}
