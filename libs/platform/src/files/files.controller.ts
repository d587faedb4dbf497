import { Controller, Get, Injectable, Module, Param, Post, Query, Req, Res, type OnModuleInit } from '@nestjs/common';
import { ParseUuidPipe } from '../http/parse-uuid.pipe.js';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PlatformPermission } from '@zhongshu/contracts';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { RequirePermission } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { PlatformError } from '../errors/domain-error.js';
import { ACCEPTED_EXTENSIONS } from './file-types.js';
import { FILE_MAX_BYTES, Files } from './files.service.js';
import { ApiProblems } from '../http/api-problems.js';

const UPLOAD_TYPE = 'application/octet-stream';

class UploadQueryDto {
  @ApiProperty({ description: 'The file name, with its extension (it decides the accepted type)', example: '报价单.pdf' })
  @IsString()
  @Length(1, 255)
  name!: string;
}

class FileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'Told by the server from the bytes, never taken from the client' }) contentType!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Uploads arrive as the raw bytes of the file, up to FILE_MAX_BYTES (the general body limit is smaller). */
@Injectable()
class UploadBodyParser implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser(UPLOAD_TYPE)) {
      fastify.addContentTypeParser(UPLOAD_TYPE, { parseAs: 'buffer', bodyLimit: FILE_MAX_BYTES }, (_request, body, done) => done(null, body));
    }
  }
}

/**
 * `POST /platform/files?name=合同.pdf` with the file itself as an `application/octet-stream`
 * body, kept in the file store (FILES_DIR, by default `<DATA_DIR>/files`); the answer's
 * id is what forms and comments refer to. `GET /platform/files/:id`
 * downloads it for its uploader and for whoever may read a record that refers to it.
 */
@ApiTags('platform')
@Controller('platform/files')
class FilesController {
  constructor(
    private readonly files: Files,
    private readonly uow: UnitOfWork,
  ) {}

  @RequirePermission(PlatformPermission.FileUpload)
  @Post()
  @ApiConsumes(UPLOAD_TYPE)
  @ApiBody({ description: `The file's bytes, at most ${FILE_MAX_BYTES / 1024 / 1024} MiB; accepted: ${ACCEPTED_EXTENSIONS.join(' ')}`, schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: FileDto })
  @ApiOperation({ summary: 'Upload a file', description: 'The body is the file\'s bytes (`application/octet-stream`) and `name` its file name, whose extension decides the accepted type; the type is told from the bytes, never taken from the client. The answer\'s id is what forms and comments refer to.' })
  @ApiProblems(
    { status: 413, description: 'The file is larger than the upload limit' },
    { status: 422, description: "The file's type is not accepted, or its bytes do not match its extension" },
    { status: 503, description: 'The file store could not be written (full, or not writable); nothing was kept' },
  )
  async upload(@CurrentPrincipal() principal: Principal, @Query() query: UploadQueryDto, @Req() request: FastifyRequest): Promise<FileDto> {
    if (!Buffer.isBuffer(request.body)) {
      throw PlatformError.invalidQuery(`Send the file's bytes as the body, with Content-Type: ${UPLOAD_TYPE}`, [{ field: 'body', message: `must be ${UPLOAD_TYPE}` }]);
    }
    const bytes = request.body;
    return this.uow.run(() => this.files.store({ name: query.name, bytes, uploadedBy: principal.userId }));
  }

  @RequirePermission(PlatformPermission.FileRead)
  @Get(':id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: "The file's bytes, as an attachment", schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Download a file', description: 'The file\'s bytes as an attachment, for its uploader and for whoever may read a record that refers to it; anyone else gets 404.' })
  @ApiProblems(404, { status: 503, description: 'The file store is missing the bytes, or they are not what was stored' })
  async download(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { file, bytes } = await this.files.download(principal, id);
    void reply.header('content-type', file.contentType);
    void reply.header('content-disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('cache-control', 'private, no-store');
    return bytes;
  }
}

/** The API's routes of the file service (the service itself comes with the platform). */
@Module({ controllers: [FilesController], providers: [UploadBodyParser] })
export class FilesHttpModule {}
