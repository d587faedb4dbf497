#!/usr/bin/env node
// `npm test`: every check of the project, in order, counted. Ends with one line
// "N passed, N failed" (tests plus the build, type, lint and boundary checks) and exits
// non-zero when anything failed. Each step runs even if an earlier one failed, so one
// run shows everything that is wrong; steps that need a build skip only if it failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { majorOf, pinnedNodeMajor, withProjectNode } from './node-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const tally = { passed: 0, failed: 0 };
const summary = [];
// Every step runs on the project's Node.js (node_modules/.bin first on PATH), whichever
// Node started this script.
const stepEnv = withProjectNode(process.env);

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...stepEnv, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/** A check that is one pass or one fail (build, types, lint). */
function check(label, command, args, env) {
  const { ok, seconds } = run(label, command, args, env);
  if (ok) tally.passed++;
  else tally.failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds}s)`);
  return ok;
}

/** A test runner whose JSON report gives the counts; a crash without a report is one failure. */
function suite(label, command, args, reportFile, count, env) {
  const { ok, seconds } = run(label, command, args, env);
  let passed = 0;
  let failed = 0;
  if (existsSync(reportFile)) {
    ({ passed, failed } = count(JSON.parse(readFileSync(reportFile, 'utf8'))));
  }
  if (!ok && failed === 0) failed = 1;
  tally.passed += passed;
  tally.failed += failed;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${passed} passed, ${failed} failed (${seconds}s)`);
  return ok;
}

const jestCounts = (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) });
const playwrightCounts = (report) => ({ passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected });

/**
 * The first check: the Node.js every later step starts (`node` on their PATH) is the
 * pinned major. It fails when the `node` package is missing (`npm install` not run) or
 * PATH leads elsewhere, and says which Node it found either way.
 */
function nodeRuntimeCheck() {
  const pinned = pinnedNodeMajor();
  const label = `runtime: tests run on Node.js ${pinned}`;
  process.stdout.write(`\n=== ${label}\n`);
  const probe = spawnSync('node', ['-p', 'process.version + " " + process.execPath'], { cwd: root, env: stepEnv, encoding: 'utf8' });
  const [version = '', path = 'no node on PATH'] = (probe.stdout ?? '').trim().split(' ');
  const ok = probe.status === 0 && majorOf(version) === pinned;
  const found = `${version || 'none'} from ${path}`;
  process.stdout.write(`${found}\n`);
  if (ok) tally.passed++;
  else tally.failed++;
  summary.push(ok ? `ok   ${label} (${found})` : `FAIL ${label}: found ${found} (run npm install: the node package provides it)`);
}

nodeRuntimeCheck();
const built = check('build server (tsc -b)', 'npx', ['tsc', '-b', 'tsconfig.build.json']);
check('types: server, libs and tests', 'npx', ['tsc', '-p', 'tsconfig.check.json']);
check('types: SPA (vue-tsc)', 'npm', ['run', 'typecheck', '-w', '@zhongshu/web']);
check('SPA API types match openapi.json', 'node', ['scripts/check-api-types.mjs']);
check('lint (eslint)', 'npx', ['eslint', '.']);
check('boundaries (dependency-cruiser)', 'npm', ['run', 'lint:boundaries']);

if (built) {
  suite(
    'backend: unit, integration (PostgreSQL) and e2e (jest)',
    'npx',
    ['jest', '--ci', '--maxWorkers=2', '--json', `--outputFile=${join(results, 'jest.json')}`],
    join(results, 'jest.json'),
    jestCounts,
    { NODE_OPTIONS: '--experimental-vm-modules' },
  );
} else {
  tally.failed++;
  summary.push('FAIL backend tests: not run, the server build failed');
}

suite(
  'SPA components (vitest)',
  'npm',
  ['test', '-w', '@zhongshu/web', '--', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'vitest.json')}`],
  join(results, 'vitest.json'),
  jestCounts,
);

const webBuilt = check('build SPA (vite)', 'npm', ['run', 'build', '-w', '@zhongshu/web']);
if (built && webBuilt && check('browser available (Debian chromium)', 'node', ['scripts/ensure-chromium.mjs'])) {
  suite(
    'browser (playwright, chromium)',
    'npx',
    ['playwright', 'test', '-c', 'test/browser/playwright.config.ts'],
    join(results, 'playwright.json'),
    playwrightCounts,
  );
} else if (!built || !webBuilt) {
  tally.failed++;
  summary.push('FAIL browser test: not run, a build failed');
}

process.stdout.write(`\n=== summary\n${summary.join('\n')}\n\n${tally.passed} passed, ${tally.failed} failed\n`);
process.exit(tally.failed === 0 ? 0 : 1);
