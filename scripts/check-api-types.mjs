#!/usr/bin/env node
// The SPA's API types (apps/web/src/api/schema.d.ts) are generated from the backend's
// OpenAPI document and committed. This regenerates them into a temporary file with the
// same tool and options as `npm run gen:api -w @zhongshu/web`, and fails when the
// committed file differs, so a route or DTO change cannot reach the SPA's types stale.
// Usage: node scripts/check-api-types.mjs [openapi.json] [schema.d.ts]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const openapi = process.argv[2] ?? join(root, 'openapi/openapi.json');
const committed = process.argv[3] ?? join(root, 'apps/web/src/api/schema.d.ts');
const scratch = mkdtempSync(join(tmpdir(), 'zhongshu-api-types-'));
const generated = join(scratch, 'schema.d.ts');

try {
  const result = spawnSync('npx', ['openapi-typescript', openapi, '-o', generated], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`openapi-typescript failed on ${relative(root, openapi)}:\n${result.stderr}${result.stdout}`);
    process.exit(1);
  }
  const want = readFileSync(generated, 'utf8');
  const have = readFileSync(committed, 'utf8');
  if (want !== have) {
    const wantLines = want.split('\n');
    const haveLines = have.split('\n');
    const line = wantLines.findIndex((text, index) => text !== haveLines[index]);
    process.stderr.write(
      `${relative(root, committed)} is stale: it is not what ${relative(root, openapi)} generates ` +
        `(first difference at line ${line + 1}: expected ${JSON.stringify(wantLines[line] ?? '<end of file>')}, ` +
        `found ${JSON.stringify(haveLines[line] ?? '<end of file>')}).\n` +
        'Regenerate it, never edit it by hand: npm run gen:api -w @zhongshu/web ' +
        '(or npm run openapi when the API itself changed), then commit both files.\n',
    );
    process.exit(1);
  }
  process.stdout.write(`${relative(root, committed)} matches ${relative(root, openapi)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
