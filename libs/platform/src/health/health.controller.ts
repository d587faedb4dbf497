import { Controller, Get, HttpStatus, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { CheckResultDto, LivenessDto, ReadinessDto } from './health.dto.js';
import { ReadinessRegistry } from './readiness.registry.js';

@ApiTags('health')
@ApiExtraModels(CheckResultDto)
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** Liveness: the process answers. Deliberately touches nothing else. */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: LivenessDto })
  @ApiOperation({ summary: 'Liveness', description: 'Answers while the process runs; touches nothing else, so a database outage does not restart the process.' })
  health(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /**
   * Readiness means "can take writes": 503 only when the database does not answer. The
   * event bus (Redis, the relay, the outbox lag) is reported, as `degraded` when wrong:
   * writes still succeed into the outbox, and a load balancer taking every API out of
   * service during a Redis outage would turn a delay of events into an outage.
   */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  @ApiOperation({ summary: 'Readiness: can this instance take writes', description: 'Can this instance take writes: 503 only when the database does not answer. Redis, the event relay and the outbox lag are reported as `degraded` when wrong, and the answer stays 200, since writes then wait in the outbox.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const checks = await this.readiness.runAll();
    const statuses = Object.values(checks).map((check) => check.status);
    const status = statuses.includes('down') ? 'error' : statuses.includes('degraded') ? 'degraded' : 'ok';
    reply.status(status === 'error' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return { status, checks };
  }
}
