import { VersioningType, type INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { ProblemDetailsFilter } from '../errors/problem.filter.js';
import { LevelAwareLogController, lazyRequestLoggerFactory } from '../logging/request-logger.js';
import { corsHookFor } from './cors.js';
import { registerRequestContextHooks } from './request-context.hooks.js';
import { registerResponseSchemas } from './response-schemas.js';
import { securityHeadersFor } from './security-headers.js';
import { requestIdFor } from './request-id.js';
import type { SpaBundle } from './spa.js';
import { createValidationPipe } from './validation.pipe.js';

export const API_PREFIX = 'api';

export function createFastifyAdapter(config: AppConfig, logger: Logger, spa?: SpaBundle): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    // request.log is made when a line is written, not for every request.
    childLoggerFactory: lazyRequestLoggerFactory,
    genReqId: requestIdFor,
    logController: new LevelAwareLogController(logger, { requestIdLogLabel: 'requestId', disableRequestLogging: config.logLevel === 'silent' }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ...(spa ? { rewriteUrl: (request: IncomingMessage) => spa.rewrite(request.method, request.url ?? '/') } : {}),
  });
}

export interface HttpAppOptions {
  title: string;
  description: string;
  spa?: SpaBundle;
}

/**
 * The HTTP conventions every Zhongshu app shares: `/api/v1` URIs, problem+json errors,
 * strict validation, request ids, security headers, CORS allow-list, OpenAPI, and the
 * SPA at `/`. Call before `app.init()` / `app.listen()`.
 */
export async function configureHttpApp(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: Logger,
  options: HttpAppOptions,
): Promise<OpenAPIObject> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerRequestContextHooks(fastify, {
    headersFor: securityHeadersFor({ hsts: config.nodeEnv === 'production', cors: config.corsOrigins.length > 0 }),
    crossOrigin: corsHookFor(fastify, {
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      credentials: !config.corsOrigins.includes('*'),
      exposedHeaders: ['x-request-id', 'x-correlation-id'],
    }),
  });

  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));

  const document = buildOpenApiDocument(app, options);
  // Before app.init() registers the routes: each gets the serializer of its documented answer.
  registerResponseSchemas(fastify, document);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    yamlDocumentUrl: `${API_PREFIX}/docs-yaml`,
  });

  if (options.spa) {
    await app.register(fastifyStatic, {
      root: options.spa.root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The SPA build writes brotli and gzip copies beside each file (apps/web
      // vite-plugins/precompress.ts): the copy the client accepts is sent as it is, with
      // `Vary: Accept-Encoding`, and a client accepting neither gets the plain file.
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Vite fingerprints everything under assets/; index.html must always be re-read.
        const immutable = path.includes('/assets/');
        void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return document;
}

export function buildOpenApiDocument(app: INestApplication, options: Pick<HttpAppOptions, 'title' | 'description'>): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}
