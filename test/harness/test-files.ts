import { fileURLToPath } from 'node:url';

/**
 * Where the tests' APIs keep uploaded files: one folder for every suite and the demo
 * template (whose seeded receipts the suites cloned from it download), beside the tests'
 * embedded PostgreSQL and apart from a developer's own `.data/files` (global-setup.ts,
 * which may import no relative module, names the same folder).
 */
export const TEST_FILES_DIR = fileURLToPath(new URL('../../.data/test-files', import.meta.url));

export function testFilesEnv(): { FILES_DIR: string } {
  return { FILES_DIR: process.env.FILES_DIR ?? TEST_FILES_DIR };
}
