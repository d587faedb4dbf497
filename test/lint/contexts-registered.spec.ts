import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Every folder under libs/ other than the platform and the contracts is a bounded context. */
function contextFolders(root = REPO): string[] {
  return readdirSync(join(root, 'libs'))
    .filter((name) => !['platform', 'contracts'].includes(name))
    .filter((name) => statSync(join(root, 'libs', name)).isDirectory())
    .sort();
}

/**
 * What a context needs besides its own folder (libs/README.md, "Adding a context"):
 * each check names the file to edit, so a context folder that exists but is not wired
 * in fails here instead of silently missing from one process.
 */
function missingRegistrations(context: string, root = REPO): string[] {
  const file = (path: string): string => readFileSync(join(root, path), 'utf8');
  const missing: string[] = [];
  const pascal = `${context[0].toUpperCase()}${context.slice(1)}Module`;
  const imports = (source: string): boolean => new RegExp(`from '@zhongshu/${context}'`).test(source);
  const api = file('apps/api/src/app.module.ts');
  if (!imports(api) || !api.includes(`${pascal}.forApi()`)) missing.push(`apps/api/src/app.module.ts: import ${pascal} from '@zhongshu/${context}' and load ${pascal}.forApi()`);
  const worker = file('apps/worker/src/worker.module.ts');
  if (!imports(worker) || !worker.includes(`${pascal}.forWorker()`)) missing.push(`apps/worker/src/worker.module.ts: import ${pascal} from '@zhongshu/${context}' and load ${pascal}.forWorker()`);
  const references = (path: string, target: string): boolean =>
    (JSON.parse(file(path)) as { references?: Array<{ path: string }> }).references?.some((reference) => reference.path === target) === true;
  if (!references('tsconfig.build.json', `libs/${context}`)) missing.push(`tsconfig.build.json: reference libs/${context}`);
  for (const app of ['apps/api', 'apps/worker']) {
    if (!references(`${app}/tsconfig.json`, `../../libs/${context}`)) missing.push(`${app}/tsconfig.json: reference ../../libs/${context}`);
  }
  const migrations = readdirSync(join(root, 'migrations/src'))
    .filter((name) => /^\d{13}-.+\.ts$/.test(name) && !name.endsWith('.spec.ts'))
    .map((name) => file(`migrations/src/${name}`))
    .join('\n');
  if (!new RegExp(`CREATE TABLE (IF NOT EXISTS )?${context}\\.`).test(migrations)) {
    missing.push(`migrations/src: a migration creating the tables of schema ${context} (listed in migrations/src/index.ts)`);
  }
  if (!/index\.ts/.test(readdirSync(join(root, `libs/${context}/src`)).join(' '))) missing.push(`libs/${context}/src/index.ts exporting ${pascal}`);
  return missing;
}

describe('every context folder is registered where the apps and the build need it', () => {
  it.each(contextFolders())('libs/%s is loaded by the API and the worker, built, and migrated', (context) => {
    expect(missingRegistrations(context)).toEqual([]);
  });

  it('notices a context folder that exists but is registered nowhere', () => {
    // A copy of the repository's registration files with one more context folder beside org.
    const root = mkdtempSync(join(tmpdir(), 'contexts-'));
    const copy = (path: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      copyFileSync(join(REPO, path), join(root, path));
    };
    for (const path of ['apps/api/src/app.module.ts', 'apps/worker/src/worker.module.ts', 'tsconfig.build.json', 'apps/api/tsconfig.json', 'apps/worker/tsconfig.json']) copy(path);
    for (const name of readdirSync(join(REPO, 'migrations/src'))) copy(`migrations/src/${name}`);
    for (const context of [...contextFolders(), 'qms']) {
      mkdirSync(join(root, 'libs', context, 'src'), { recursive: true });
      writeFileSync(join(root, 'libs', context, 'src', 'index.ts'), 'export {};\n');
    }
    expect(contextFolders(root)).toEqual([...contextFolders(), 'qms'].sort());
    expect(missingRegistrations('qms', root)).toEqual([
      `apps/api/src/app.module.ts: import QmsModule from '@zhongshu/qms' and load QmsModule.forApi()`,
      `apps/worker/src/worker.module.ts: import QmsModule from '@zhongshu/qms' and load QmsModule.forWorker()`,
      'tsconfig.build.json: reference libs/qms',
      'apps/api/tsconfig.json: reference ../../libs/qms',
      'apps/worker/tsconfig.json: reference ../../libs/qms',
      'migrations/src: a migration creating the tables of schema qms (listed in migrations/src/index.ts)',
    ]);
    for (const context of contextFolders()) expect(missingRegistrations(context, root)).toEqual([]);
  });
});
