import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { NestPinoLogger, configureHttpApp, createFastifyAdapter, type AppConfig } from '@zhongshu/platform';
import { WorkerModule, type WorkerModuleOptions } from './worker.module.js';

export interface CreateWorkerOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
  extraModules?: WorkerModuleOptions['extraModules'];
}

/** Builds the worker app without listening; main.ts and the tests that run a worker process share it. */
export async function createWorker({ config, databaseUrl, logger, extraModules }: CreateWorkerOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot({ config, databaseUrl, logger, applicationName: 'zhongshu-worker', extraModules }),
    createFastifyAdapter(config, logger),
    { logger: new NestPinoLogger(logger) },
  );
  await configureHttpApp(app, config, logger, { title: 'Zhongshu worker', description: 'Health of the worker process' });
  return app;
}
