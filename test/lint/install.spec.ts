import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe('installing the product', () => {
  it('installs in the Docker image the way the README and CI do (npm 11 makes `npm ci` refuse its own lock)', () => {
    expect(read('README.md')).toContain('npm install && npm start');
    expect(read('.ci/run')).toMatch(/npm install\b/);
    const instructions = read('docker/Dockerfile')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(instructions).toContain('npm install --no-audit --no-fund');
    expect(instructions).not.toMatch(/\bnpm ci\b/);
  });

  it('carries no dependency the code does not use', () => {
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const unused of ['passport-jwt', '@types/passport-jwt']) {
      expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain(unused);
    }
  });

  describe('on Node.js 24', () => {
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const pinned = /^\D*(\d+)\./.exec(manifest.devDependencies.node ?? '')?.[1];

    it('pins Node.js 24 with the `node` dev dependency and runs these tests on it', () => {
      expect(pinned).toBe('24');
      expect(process.versions.node.split('.')[0]).toBe(pinned);
    });

    it('loads the native modules on it: argon2 hashes, msgpackr (BullMQ) decodes natively', async () => {
      const argon2 = (await import('argon2')).default;
      await expect(argon2.hash('Demo@2026').then((hash) => argon2.verify(hash, 'Demo@2026'))).resolves.toBe(true);
      // msgpackr falls back to plain JavaScript without a word when msgpackr-extract does not load.
      const msgpackr = createRequire(import.meta.url)('msgpackr') as { isNativeAccelerationEnabled: boolean };
      expect(msgpackr.isNativeAccelerationEnabled).toBe(true);
    });

    it('builds the image on the same major and ships no second Node from the `node` package', () => {
      expect(read('docker/Dockerfile')).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${pinned}-`, 'm'));
      // `npm prune --omit=dev` in the image drops dev dependencies only.
      expect(Object.keys(manifest.dependencies)).not.toContain('node');
    });
  });
});
