// Which Node.js runs the product, its tests and its benchmarks. The machine's Node (and
// its npm 11) only installs: `npm install` puts the `node` package's Node.js 24 into
// node_modules/.bin, and npm scripts find it first on their PATH. The scripts below also
// put it first for what they spawn themselves, so `node scripts/test-all.mjs` run by
// hand on another Node still tests on the pinned one.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** node_modules/.bin/node, installed by the `node` dev dependency. */
export const PROJECT_NODE = join(root, 'node_modules', '.bin', 'node');

/** The major version the project runs on: the one the `node` dev dependency pins ("^24.21.0" -> 24). */
export function pinnedNodeMajor() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = manifest.devDependencies?.node;
  const major = /^\D*(\d+)\./.exec(range ?? '')?.[1];
  if (major === undefined) throw new Error(`package.json pins no Node.js: devDependencies.node is ${JSON.stringify(range)}`);
  return Number(major);
}

export function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** `env` with node_modules/.bin first on PATH, as npm scripts have it. */
export function withProjectNode(env) {
  const bin = join(root, 'node_modules', '.bin');
  const rest = (env.PATH ?? '').split(delimiter).filter((entry) => entry !== '' && entry !== bin);
  return { ...env, PATH: [bin, ...rest].join(delimiter) };
}

export function projectNodeInstalled() {
  return existsSync(PROJECT_NODE);
}
