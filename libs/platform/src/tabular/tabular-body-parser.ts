import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CSV_TYPE, XLSX_TYPE } from './tabular.js';

/** Imports upload the sheet itself as the request body: CSV and XLSX arrive as buffers. */
@Injectable()
export class TabularBodyParser implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser(CSV_TYPE)) {
      fastify.addContentTypeParser([CSV_TYPE, XLSX_TYPE], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    }
  }
}
