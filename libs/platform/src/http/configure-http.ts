import { VersioningType, type INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@zhongshu/contracts';
import type { AppConfig } from '../config/app-config.js';
import { codeForStatus } from '../errors/problem.js';
import { ProblemDetailsFilter, sendProblem } from '../errors/problem.filter.js';
import { completeOpenApiDocument } from './api-problems.js';
import { BodyAuthentication } from './authenticate-before-body.js';
import { LevelAwareLogController, lazyRequestLoggerFactory } from '../logging/request-logger.js';
import { corsHookFor } from './cors.js';
import { registerRequestContextHooks } from './request-context.hooks.js';
import { registerResponseSchemas } from './response-schemas.js';
import { securityHeadersFor } from './security-headers.js';
import { requestIdFor } from './request-id.js';
import type { SpaBundle } from './spa.js';
import { createValidationPipe } from './validation.pipe.js';

export const API_PREFIX = 'api';

/** The security headers of this configuration, by URL (computed once). */
function headersForConfig(config: AppConfig): (url: string) => Record<string, string> {
  return securityHeadersFor({ hsts: config.nodeEnv === 'production', cors: config.corsOrigins.length > 0 });
}

export function createFastifyAdapter(config: AppConfig, logger: Logger, spa?: SpaBundle): FastifyAdapter {
  const headersFor = headersForConfig(config);
  return new FastifyAdapter({
    loggerInstance: logger,
    // request.log is made when a line is written, not for every request.
    childLoggerFactory: lazyRequestLoggerFactory,
    genReqId: requestIdFor,
    logController: new LevelAwareLogController(logger, { requestIdLogLabel: 'requestId', disableRequestLogging: config.logLevel === 'silent' }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Node held 1,892 sockets that never sent a byte for 100 s: its headers timeout was
    // 60 s, checked every 30 s. Each limit is the config's; the check runs often enough
    // to keep to it (Node answers a late request 408, problem+json by answerClientError).
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    http: {
      headersTimeout: Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(config.http.headersTimeoutMs / 4))),
    },
    // The request hook answers what arrives while draining, as problem+json (closing.ts).
    return503OnClosing: false,
    // The router refuses an over-long path segment (414) or a malformed URL (400) before
    // any hook runs: answered here with the same headers, request id and problem+json.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.headers(headersFor(request.url));
      void reply.header('x-request-id', request.id);
      sendProblem(error, request, reply, logger);
    },
    // What Node's parser refuses before there is a request (headers too large, a request
    // that took too long to arrive, garbage): problem+json too, on the raw socket.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => answerClientError(error, socket, headersFor('/api/')),
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
    headersFor: headersForConfig(config),
    crossOrigin: corsHookFor(fastify, {
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      credentials: !config.corsOrigins.includes('*'),
      exposedHeaders: ['x-request-id', 'x-correlation-id'],
    }),
  });
  app.get(BodyAuthentication).register(fastify);
  // Fastify parses text/plain by default, and a JSON route then answered a text body with
  // field errors: the API takes JSON (and the media types a route declares), so 415.
  fastify.removeContentTypeParser('text/plain');

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
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return completeOpenApiDocument(document);
}

/** Node's reasons for refusing a connection's request before Fastify saw it. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  ERR_HTTP_HEADERS_TIMEOUT: 408,
};

function answerClientError(error: Error & { code?: string }, socket: Socket, headers: Record<string, string>): void {
  // A connection reset or closed by the client has nobody left to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const code = codeForStatus(status);
  const problem: ProblemDetails = {
    type: `urn:zhongshu:problem:http:${code}`,
    title: STATUS_CODES[status] ?? 'Bad Request',
    status,
    detail: clientErrorDetail(status),
    code: `http.${code}`,
    requestId: randomUUID(),
  };
  const body = JSON.stringify(problem);
  const head = [`HTTP/1.1 ${status} ${problem.title}`, `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`, `content-length: ${Buffer.byteLength(body)}`, 'connection: close', `x-request-id: ${problem.requestId}`];
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function clientErrorDetail(status: number): string {
  if (status === 431) return 'The request headers are larger than this server accepts';
  if (status === 408) return 'The request did not arrive in time';
  return 'The request is not valid HTTP';
}
