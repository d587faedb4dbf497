import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(REPO, 'node_modules', '.bin', 'depcruise');

/** A miniature repo laid out like ours, with the given source files. */
function miniRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  copyFileSync(join(REPO, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

async function cruise(root: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(DEPCRUISE, ['libs', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: root });
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('context boundaries (dependency-cruiser)', () => {
  it('fails when one context imports another through its package name', async () => {
    const root = miniRepo({
      'libs/crm/src/index.ts': "import { ERP } from '@zhongshu/erp';\nexport const CRM = ERP;\n",
      'libs/erp/src/index.ts': 'export const ERP = 1;\n',
    });
    const result = await cruise(root);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-cross-context');
  }, 60_000);

  it('fails on a relative import into another context', async () => {
    const root = miniRepo({
      'libs/oa/src/leave.ts': "import { person } from '../../org/src/person.js';\nexport const leave = person;\n",
      'libs/org/src/person.ts': 'export const person = 1;\n',
    });
    const result = await cruise(root);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-cross-context');
  }, 60_000);

  it('holds a context whose name no list knows: a new context cannot escape the rule', async () => {
    const root = miniRepo({
      'libs/qms/src/index.ts': "import { shift } from '../../hr/src/shift.js';\nexport const inspection = shift;\n",
      'libs/hr/src/shift.ts': 'export const shift = 1;\n',
    });
    const result = await cruise(root);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-cross-context');
  }, 60_000);

  it('fails when the platform reaches into a context', async () => {
    const root = miniRepo({
      'libs/platform/src/index.ts': "import { person } from '@zhongshu/org';\nexport const p = person;\n",
      'libs/org/src/index.ts': 'export const person = 1;\n',
    });
    const result = await cruise(root);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('platform-knows-no-context');
  }, 60_000);

  it('lets a context use the platform, the contracts and its own files', async () => {
    const root = miniRepo({
      'libs/crm/src/index.ts': "import { P } from '@zhongshu/platform';\nimport { C } from '@zhongshu/contracts';\nimport { own } from './own.js';\nexport const x = [P, C, own];\n",
      'libs/crm/src/own.ts': 'export const own = 1;\n',
      'libs/platform/src/index.ts': 'export const P = 1;\n',
      'libs/contracts/src/index.ts': 'export const C = 1;\n',
    });
    const result = await cruise(root);
    expect(result.output).not.toContain('no-cross-context');
    expect(result.ok).toBe(true);
  }, 60_000);
});
