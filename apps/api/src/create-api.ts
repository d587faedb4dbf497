import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import {
  NestPinoLogger,
  SpaBundle,
  configureHttpApp,
  createFastifyAdapter,
  type AppConfig,
} from '@zhongshu/platform';
import { AppModule, type AppModuleOptions } from './app.module.js';

export interface CreateApiOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
  extraModules?: AppModuleOptions['extraModules'];
}

/** Where `npm run build:web` puts the SPA, relative to this file in src/ or dist/. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the API app without listening; main.ts, the e2e tests and the benchmarks share it. */
export async function createApi({ config, databaseUrl, logger, extraModules }: CreateApiOptions): Promise<NestFastifyApplication> {
  const spa = SpaBundle.load(config.webDistDir ?? DEFAULT_WEB_DIST);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl, logger, applicationName: 'zhongshu-api', extraModules }),
    createFastifyAdapter(config, logger, spa),
    { logger: new NestPinoLogger(logger), bufferLogs: false },
  );
  await configureHttpApp(app, config, logger, {
    title: 'Zhongshu API',
    description: 'OA approvals, CRM, ERP and MES in one system. Errors are RFC 9457 problem+json.',
    spa,
  });
  return app;
}
