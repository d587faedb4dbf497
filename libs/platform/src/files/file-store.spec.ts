import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './file-store.js';

const ID = '0190a000-0000-7000-8000-0000000000a7';

describe('FileStore', () => {
  it('writes a file whole under the last two characters of its id, reads it back and removes it', async () => {
    const store = new FileStore(await mkdtemp(join(tmpdir(), 'zs-store-')));
    await store.write(ID, Buffer.from('%PDF-1.4 receipt'));
    expect(await readFile(join(store.root, 'a7', ID), 'latin1')).toBe('%PDF-1.4 receipt');
    expect(await store.read(ID)).toEqual(Buffer.from('%PDF-1.4 receipt'));
    await store.remove(ID);
    expect(await store.read(ID)).toBeNull();
    await expect(store.remove(ID)).resolves.toBeUndefined();
  });

  it('leaves nothing behind when a write fails', async () => {
    const store = new FileStore(await mkdtemp(join(tmpdir(), 'zs-store-')));
    // Something (a folder) is already where the file would go: the rename into place fails.
    await mkdir(join(store.root, 'a7', ID), { recursive: true });
    await expect(store.write(ID, Buffer.from('%PDF-1.4'))).rejects.toThrow();
    expect(await readdir(join(store.root, 'a7'))).toEqual([ID]);
  });

  it('tells at once whether its folder can be written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'zs-store-'));
    expect(await new FileStore(join(root, 'files')).writable()).toBeNull();
    await writeFile(join(root, 'plain'), 'x');
    expect(await new FileStore(join(root, 'plain', 'files')).writable()).toBe('ENOTDIR');
  });

  it('refuses a path that is not a file id', () => {
    expect(() => new FileStore('/srv/files').pathOf('../../etc/passwd')).toThrow('not a file id');
  });
});
