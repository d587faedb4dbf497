import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Uploaded files' bytes on disk under one folder (FILES_DIR, by default
 * `<DATA_DIR>/files`), each at `<last two characters of its id>/<id>`. A file is written
 * to a temporary name beside its place, flushed to disk, then renamed into place: a
 * reader finds either the whole file or none, never a half-written one, and a failed
 * write leaves nothing behind.
 */
export class FileStore {
  constructor(readonly root: string) {}

  pathOf(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a file id: ${id}`);
    return join(this.root, id.slice(-2), id);
  }

  /** Null when the store's folder exists (or could be made) and may be written; else why not. */
  async writable(): Promise<string | null> {
    try {
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await access(this.root, constants.W_OK);
      return null;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  }

  async write(id: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(id);
    const folder = join(this.root, id.slice(-2));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temporary = join(folder, `.${id}.${randomUUID()}.partial`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /** The file's bytes, or null when there is no such file. */
  async read(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
