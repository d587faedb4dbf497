import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { HealthController } from './health.controller.js';
import { ReadinessRegistry } from './readiness.registry.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [ReadinessRegistry],
  exports: [ReadinessRegistry],
})
export class HealthModule implements OnModuleInit, OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await this.dataSource.query('SELECT 1');
      return { status: 'up' };
    });
    if (this.config.redisUrl) {
      const redis = new Redis(this.config.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectionName: 'zhongshu-readiness',
      });
      // Errors surface through the check; the client's own event would only add noise.
      redis.on('error', () => undefined);
      this.redis = redis;
      // Without Redis events wait in the outbox and every write still succeeds.
      this.registry.register(
        'redis',
        async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
          const answer = await redis.ping();
          return answer === 'PONG' ? { status: 'up' } : { status: 'degraded', detail: `unexpected answer ${answer}` };
        },
        { whenFailing: 'degraded' },
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
