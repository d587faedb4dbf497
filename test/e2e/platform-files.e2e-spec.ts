import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Files, UnitOfWork } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, signIn, sql, startDemoApi } from './org-fixtures.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const onDisk = (root: string, id: string) => join(root, id.slice(-2), id);

// Uploaded files' bytes in the file store under FILES_DIR (by default <DATA_DIR>/files),
// their metadata in platform.file: checked for type and size, downloaded only by who may,
// and nothing half-written when a write or its transaction fails.
describe('platform files on disk', () => {
  let api: TestApi;
  let root: string;
  let employee: string;
  let sales: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'zs-files-'));
    api = await startDemoApi({ FILES_DIR: root });
    employee = bearer(await signIn(api, 'employee'));
    sales = bearer(await signIn(api, 'sales'));
  });
  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  const upload = (token: string, name: string, bytes: Buffer) =>
    request(api.url).post(`/api/v1/platform/files?name=${encodeURIComponent(name)}`).set('authorization', token).set('content-type', 'application/octet-stream').send(bytes);
  const rowsOf = async (name: string) => sql<{ id: string; in_table: boolean; sha256: string }>(api, 'SELECT id, content IS NOT NULL AS in_table, sha256 FROM platform.file WHERE name = $1', [name]);

  it('keeps the bytes on disk and the metadata in the table; the uploader downloads them, a colleague is told there is no such file', async () => {
    const uploaded = await upload(employee, '发票-磁盘.pdf', PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: '发票-磁盘.pdf', size: PDF.length, contentType: 'application/pdf' });
    const [row] = await rowsOf('发票-磁盘.pdf');
    expect(row).toEqual({ id: uploaded.body.id, in_table: false, sha256: sha256(PDF) });
    expect(await readFile(onDisk(root, uploaded.body.id))).toEqual(PDF);

    const download = await request(api.url).get(`/api/v1/platform/files/${uploaded.body.id}`).set('authorization', employee).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.body).toEqual(PDF);
    expect((await request(api.url).get(`/api/v1/platform/files/${uploaded.body.id}`).set('authorization', sales)).status).toBe(404);
  });

  it('refuses a type it does not accept, bytes that do not match the name, an empty and an oversized file, keeping nothing', async () => {
    expect((await upload(employee, 'tool.exe', Buffer.from('MZ....'))).status).toBe(415);
    expect((await upload(employee, 'fake.pdf', Buffer.from('not a pdf'))).status).toBe(415);
    expect((await upload(employee, 'empty.pdf', Buffer.alloc(0))).status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(employee, 'big.pdf', big)).status).toBe(413);
    expect(await sql(api, `SELECT 1 FROM platform.file WHERE name IN ('tool.exe', 'fake.pdf', 'empty.pdf', 'big.pdf')`)).toHaveLength(0);
  });

  it('takes the bytes away again when the transaction that stored them rolls back', async () => {
    const files = api.app.get(Files);
    const uow = api.app.get(UnitOfWork);
    const [{ id: uploader }] = await sql<{ id: string }>(api, `SELECT id FROM org.person WHERE username = 'employee'`);
    let storedId = '';
    await expect(
      uow.run(async () => {
        storedId = (await files.store({ name: '回滚.pdf', bytes: PDF, uploadedBy: uploader })).id;
        await expect(readFile(onDisk(root, storedId))).resolves.toEqual(PDF);
        throw new Error('the record that referred to it was refused');
      }),
    ).rejects.toThrow('refused');
    expect(storedId).not.toBe('');
    await expect(readFile(onDisk(root, storedId))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await rowsOf('回滚.pdf')).toHaveLength(0);
  });

  it('serves a file from before the store from the table, and says so when a stored file has gone missing or changed', async () => {
    const [{ id: uploader }] = await sql<{ id: string }>(api, `SELECT id FROM org.person WHERE username = 'employee'`);
    const old = '0190a000-0000-7000-8000-0000000f11e0';
    await sql(api, `INSERT INTO platform.file (id, name, size, content_type, sha256, content, uploaded_by) VALUES ($1, '旧附件.pdf', $2, 'application/pdf', $3, $4, $5)`, [old, PDF.length, sha256(PDF), PDF, uploader]);
    expect((await request(api.url).get(`/api/v1/platform/files/${old}`).set('authorization', employee)).status).toBe(200);

    const changed = (await upload(employee, '被改动.pdf', PDF)).body.id as string;
    await writeFile(onDisk(root, changed), Buffer.from('%PDF-1.4 something else'));
    const tampered = await request(api.url).get(`/api/v1/platform/files/${changed}`).set('authorization', employee);
    expect(tampered.status).toBe(503);
    expect(tampered.body.detail).toContain(changed);

    const gone = (await upload(employee, '丢失.pdf', PDF)).body.id as string;
    await rm(onDisk(root, gone));
    expect((await request(api.url).get(`/api/v1/platform/files/${gone}`).set('authorization', employee)).status).toBe(503);
    // Who may not read it is still told it does not exist.
    expect((await request(api.url).get(`/api/v1/platform/files/${gone}`).set('authorization', sales)).status).toBe(404);
  });
});

describe('platform files when the store cannot be written', () => {
  let api: TestApi;
  let blocker: string;

  beforeAll(async () => {
    // A plain file where the store's folder should be: every write fails.
    const folder = await mkdtemp(join(tmpdir(), 'zs-files-broken-'));
    blocker = join(folder, 'not-a-folder');
    await writeFile(blocker, 'x');
    api = await startDemoApi({ FILES_DIR: blocker });
  });
  afterAll(async () => {
    await api?.close();
    await rm(join(blocker, '..'), { recursive: true, force: true });
  });

  it('answers 503 with what to do, and writes no row', async () => {
    const token = bearer(await signIn(api, 'employee'));
    const response = await request(api.url).post(`/api/v1/platform/files?name=${encodeURIComponent('写不进.pdf')}`).set('authorization', token).set('content-type', 'application/octet-stream').send(PDF);
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toContain('nothing was kept');
    expect(await sql(api, `SELECT 1 FROM platform.file WHERE name = '写不进.pdf'`)).toHaveLength(0);
  });
});
