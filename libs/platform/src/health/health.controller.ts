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

  /** Readiness: the database (and Redis, when configured) answer; 503 otherwise. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  @ApiOperation({ summary: 'Readiness', description: 'Checks the database, Redis when configured, and the outbox lag in a process that runs workers; 503 when one of them is down.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const checks = await this.readiness.runAll();
    const healthy = Object.values(checks).every((check) => check.status === 'up');
    reply.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'error', checks };
  }
}
