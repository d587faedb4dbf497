import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { newId } from '../database/ids.js';
import { PlatformError, PlatformErrorCode } from '../errors/domain-error.js';
import type { Principal } from '../auth/principal.js';
import { ACCEPTED_EXTENSIONS, contentTypeOf } from './file-types.js';
import { FileStore } from './file-store.js';

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
 * Uploaded files: the bytes in the file store on disk (FILES_DIR, by default
 * `<DATA_DIR>/files`), the metadata and the bytes' SHA-256 in `platform.file`, written in
 * the caller's transaction. The bytes are in place before the row is written, and taken
 * away again when the row's transaction rolls back, so a row never names missing bytes
 * and a refused upload keeps nothing (a crash between the two leaves at most an
 * unreferenced file, never a row without its bytes). Rows from before the store keep
 * their bytes in the table and are served from there. Who may download one: its
 * uploader, or whoever a registered check (the context whose record refers to it) lets
 * read it; anyone else is told it does not exist.
 */
@Injectable()
export class Files implements OnApplicationBootstrap {
  private readonly readChecks: FileReadCheck[] = [];
  private readonly blobs: FileStore;
  private readonly logger = new Logger('Files');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.blobs = new FileStore(config.filesDir);
  }

  /** Says at start-up, not at the first upload, when the file store cannot be written. */
  async onApplicationBootstrap(): Promise<void> {
    const problem = await this.blobs.writable();
    if (problem) this.logger.error(`the file store ${this.blobs.root} cannot be written (${problem}): uploads will be refused until FILES_DIR (or DATA_DIR) names a writable folder`);
  }

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
    try {
      await this.blobs.write(id, input.bytes);
    } catch (error) {
      this.logger.error(`could not write file ${id} to the file store ${this.blobs.root}: ${(error as Error).message}`);
      throw new PlatformError(PlatformErrorCode.Unavailable, HttpStatus.SERVICE_UNAVAILABLE, 'The file could not be stored just now; nothing was kept. Try again later, or tell an administrator (the file store may be full or not writable).');
    }
    this.uow.afterRollback(() => this.blobs.remove(id));
    let row: { created_at: Date };
    try {
      [row] = await this.uow.manager.query(
        `INSERT INTO platform.file (id, name, size, content_type, sha256, uploaded_by, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING created_at`,
        [id, name, input.bytes.length, contentType, sha256, input.uploadedBy],
      );
    } catch (error) {
      if (!this.uow.inTransaction) await this.blobs.remove(id);
      throw error;
    }
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
    const [row] = await this.uow.manager.query('SELECT id, name, size, content_type, uploaded_by, created_at, sha256, content IS NOT NULL AS in_table FROM platform.file WHERE id = $1', [id]);
    if (!row) throw PlatformError.notFound('File', id);
    const file = toStoredFile(row);
    if (file.uploadedBy !== principal.userId && !(await this.anyCheckAllows(principal, id))) throw PlatformError.notFound('File', id);
    const bytes = row.in_table ? ((await this.uow.manager.query('SELECT content FROM platform.file WHERE id = $1', [id]))[0]?.content as Buffer) : await this.blobs.read(id);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
      this.logger.error(`file ${id} is ${bytes ? 'not what was stored (checksum)' : 'missing'} in the file store ${this.blobs.root}`);
      throw new PlatformError(PlatformErrorCode.Unavailable, HttpStatus.SERVICE_UNAVAILABLE, `The content of file ${id} cannot be read just now; tell an administrator (the file store may be missing it).`);
    }
    return { file, bytes };
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
