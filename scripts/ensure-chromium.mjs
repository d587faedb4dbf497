#!/usr/bin/env node
// The browser test drives Debian's Chromium (never a downloaded browser build), with a
// Chinese font so the SPA's Chinese text renders as text rather than boxes in its
// screenshots. On a fresh machine both are installed here, from Debian's packages, when
// we may.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

/** Whether fontconfig knows a font that covers Chinese. */
function hasChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasChineseFont()) missing.push(CJK_FONT_PACKAGE);

if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!isRoot && !sudo) {
    if (missing.includes('chromium')) {
      process.stderr.write(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y ${missing.join(' ')}\n`);
      process.exit(1);
    }
    // Without a Chinese font the tests still pass; only the screenshots show boxes.
    process.stderr.write(`No Chinese font; screenshots will show boxes. Install one with: sudo apt-get install -y ${CJK_FONT_PACKAGE}\n`);
  } else {
    const prefix = isRoot ? [] : ['sudo', '-n'];
    const apt = (...args) => {
      const [command, ...rest] = [...prefix, 'apt-get', ...args];
      execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    };
    process.stdout.write(`Installing ${missing.join(', ')} from Debian for the browser test...\n`);
    apt('update', '-qq');
    apt('install', '-y', '-qq', ...missing);
  }
}
process.stdout.write(`chromium: ${CHROMIUM}\n`);
