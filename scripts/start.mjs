#!/usr/bin/env node
// `npm start`: build what is missing or out of date, then run the API in this process.
// With no DATABASE_URL it starts the embedded PostgreSQL under DATA_DIR and seeds the
// demo company on the first start; see README "Configuration".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_NODE, majorOf, pinnedNodeMajor, projectNodeInstalled, withProjectNode } from './node-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

// `npm start` already runs this on the project's Node.js 24 (npm puts node_modules/.bin
// first on PATH). Started by hand on another Node, it hands over to that one, passing
// Ctrl-C and SIGTERM on so the API still shuts down cleanly.
if (majorOf(process.version) !== pinnedNodeMajor() && projectNodeInstalled()) {
  const child = spawn(PROJECT_NODE, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: withProjectNode(process.env) });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  process.exit(code);
}
if (majorOf(process.version) !== pinnedNodeMajor()) {
  process.stderr.write(`Running on Node.js ${process.version}; Zhongshu runs on ${pinnedNodeMajor()}, which \`npm install\` provides.\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: withProjectNode(process.env) });
  if (result.status !== 0) {
    process.stderr.write(`\n"${command} ${args.join(' ')}" failed; Zhongshu was not started.\n`);
    process.exit(result.status ?? 1);
  }
}

function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The first start builds everything, which takes about half a minute: say so, so a new
// user does not take the silence for a hang.
const firstBuild = !existsSync(join(root, 'apps/api/dist/main.js')) || !existsSync(join(root, 'apps/web/dist/index.html'));
if (firstBuild) process.stdout.write('First start: building the server and the SPA before starting (about half a minute)...\n');

// tsc -b is incremental: a no-op when nothing changed.
run('npx', ['tsc', '-b', 'tsconfig.build.json']);

const webIndex = join(root, 'apps/web/dist/index.html');
const webStale =
  !existsSync(webIndex) ||
  newestChange(join(root, 'apps/web')) > statSync(webIndex).mtimeMs ||
  newestChange(join(root, 'libs/contracts/src')) > statSync(webIndex).mtimeMs;
if (webStale && process.env.SKIP_WEB_BUILD !== 'true') run('npm', ['run', 'build', '-w', '@zhongshu/web']);

await import('../apps/api/dist/main.js');
