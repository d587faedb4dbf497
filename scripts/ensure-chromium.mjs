#!/usr/bin/env node
// The browser test drives Debian's Chromium (never a downloaded browser build). On a
// fresh machine it is installed here, from Debian's packages, when we may.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!isRoot && !sudo) {
    process.stderr.write(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium\n`);
    process.exit(1);
  }
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const [command, ...rest] = [...prefix, 'apt-get', ...args];
    execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  process.stdout.write('Installing Debian chromium for the browser test...\n');
  apt('update', '-qq');
  apt('install', '-y', '-qq', 'chromium');
}
process.stdout.write(`chromium: ${CHROMIUM}\n`);
