import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { newId } from '../database/ids.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import type { Principal } from '../auth/principal.js';
import { ACCEPTED_EXTENSIONS, contentTypeOf } from './file-types.js';

/** The largest upload, in bytes: the body limit of the upload route. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  uploadedBy: string;
  createdAt: string;
}

/**
 * Decides whether a person may download a file they did not upload themselves: a
 * context that refers to files (OA's requests) answers for the records it owns.
 */
export type FileReadCheck = (principal: Principal, fileId: string) => Promise<boolean>;

/**
 * Uploaded files, bytes in PostgreSQL (`platform.file`), written in the caller's
 * transaction. Who may download one: its uploader, or whoever a registered check
 * (the context whose record refers to it) lets read it; anyone else is told it does
 * not exist.
 */
@Injectable()
export class Files {
  private readonly readChecks: FileReadCheck[] = [];

  constructor(private readonly uow: UnitOfWork) {}

  /** Called once by each context whose records refer to files. */
  registerReadCheck(check: FileReadCheck): void {
    this.readChecks.push(check);
  }

  async store(input: { name: string; bytes: Buffer; uploadedBy: string }): Promise<StoredFile> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 255 || /[/\\]/.test(name) || [...name].some((char) => char.charCodeAt(0) < 32)) {
      throw new PlatformError(PlatformErrorCode.InvalidQuery, HttpStatus.BAD_REQUEST, 'The file needs a name of 1-255 characters without slashes or control characters', [
        { field: 'name', message: 'is not a valid file name' },
      ]);
    }
    if (input.bytes.length === 0) {
      throw new PlatformError(PlatformErrorCode.InvalidQuery, HttpStatus.BAD_REQUEST, 'The file is empty', [{ field: 'body', message: 'is empty' }]);
    }
    if (input.bytes.length > FILE_MAX_BYTES) {
      throw new PlatformError(PlatformErrorCode.FileTooLarge, HttpStatus.PAYLOAD_TOO_LARGE, `A file may have at most ${FILE_MAX_BYTES / 1024 / 1024} MiB`);
    }
    const contentType = contentTypeOf(name, input.bytes);
    if (!contentType) {
      throw new PlatformError(
        PlatformErrorCode.UnsupportedFileType,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        `Files of this type are not accepted, or the content does not match the name's extension. Accepted: ${ACCEPTED_EXTENSIONS.join(', ')}`,
      );
    }
    const id = newId();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const [row] = await this.uow.manager.query(
      `INSERT INTO platform.file (id, name, size, content_type, sha256, content, uploaded_by, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) RETURNING created_at`,
      [id, name, input.bytes.length, contentType, sha256, input.bytes, input.uploadedBy],
    );
    return { id, name, size: input.bytes.length, contentType, uploadedBy: input.uploadedBy, createdAt: (row.created_at as Date).toISOString() };
  }

  /** What is known of these files (no content); unknown ids are absent. */
  async describe(ids: readonly string[]): Promise<StoredFile[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      'SELECT id, name, size, content_type, uploaded_by, created_at FROM platform.file WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    );
    return rows.map(toStoredFile);
  }

  /** The file and its bytes for a download, or 404 when it does not exist or the caller may not read it. */
  async download(principal: Principal, id: string): Promise<{ file: StoredFile; bytes: Buffer }> {
    const [row] = await this.uow.manager.query('SELECT id, name, size, content_type, uploaded_by, created_at, content FROM platform.file WHERE id = $1', [id]);
    if (!row) throw PlatformError.notFound('File', id);
    const file = toStoredFile(row);
    if (file.uploadedBy !== principal.userId && !(await this.anyCheckAllows(principal, id))) throw PlatformError.notFound('File', id);
    return { file, bytes: row.content as Buffer };
  }

  private async anyCheckAllows(principal: Principal, id: string): Promise<boolean> {
    for (const check of this.readChecks) if (await check(principal, id)) return true;
    return false;
  }
}

function toStoredFile(row: Record<string, unknown>): StoredFile {
  return {
    id: row.id as string,
    name: row.name as string,
    size: Number(row.size),
    contentType: row.content_type as string,
    uploadedBy: row.uploaded_by as string,
    createdAt: (row.created_at as Date).toISOString(),
  };
}
