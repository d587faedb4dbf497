// Backend tests: ESM throughout (NestJS 12 ships ES modules only), so Jest runs with
// --experimental-vm-modules and ts-jest transpiles each file on its own.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { commonJsCopies } = require('./test/harness/esm-for-jest.cjs');
const rootDir = fileURLToPath(new URL('.', import.meta.url));

const shared = {
  rootDir,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    ...commonJsCopies(rootDir),
    '^@zhongshu/migrations$': '<rootDir>/migrations/src/index.ts',
    '^@zhongshu/api$': '<rootDir>/apps/api/src/index.ts',
    '^@zhongshu/worker$': '<rootDir>/apps/worker/src/index.ts',
    // Every other @zhongshu/<name> is a library under libs/ (a new context needs no entry).
    '^@zhongshu/([a-z]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
};

export default {
  // A global option (ignored inside a project): suites that start an API, seed the demo
  // company (every context's demo data, on a clock of their own for OA's) and hash
  // passwords need far more than Jest's 5 s on a busy 2-core machine; this is a guard
  // against a hang, not a timing assertion (measured: beforeAll hooks of 40-60 s at load 25).
  testTimeout: 90000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps,migrations,test/lint}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
    },
    {
      ...shared,
      displayName: 'db',
      testMatch: ['<rootDir>/{libs,apps,test}/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
};
