import { defineConfig } from '@playwright/test';
import { API_PORT, NOTIFIER_PORT, NOTIFIER_URL } from './ports.js';

const PORT = API_PORT;
const { DATABASE_URL: _ignored, REDIS_URL: _alsoIgnored, ...environment } = process.env;
const DATA_DIR = '.data/browser-test';
const EMBEDDED_PG_PORT = PORT + 50_000 > 65_535 ? 54_917 : PORT + 50_000;

/**
 * The real product in a real browser: the built API serving the built SPA on the
 * embedded defaults (its own data folder, demo company seeded), driven in Debian's
 * Chromium. DATABASE_URL is dropped on purpose so the demo seed never lands in a
 * database somebody else uses. The data folder is wiped before each run: the sign-in
 * tests count failed logins (throttling counts them per account and address), and a folder
 * left over from an older build could hold a demo seed that no longer matches. Beside
 * it runs the worker app on the same database (test/browser/notifier), which writes
 * notifications the SPA must show live, as a production worker's reminders would be.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.pw.ts',
  outputDir: '../../test-results/browser',
  // Generous waits, never sleeps: the machine that runs these is often busy with other
  // builds and tests, and a page that takes 6 s to show there is slow, not broken.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
  webServer: [
    {
      // exec: the SIGTERM of the graceful shutdown must reach node, not the shell.
      // The API runs on the Node.js running these tests (the project's, via npm test), not
      // on whichever `node` the shell's PATH finds first.
      command: `rm -rf ${DATA_DIR} && exec '${process.execPath}' apps/api/dist/main.js`,
      cwd: '../..',
      url: `http://127.0.0.1:${PORT}/api/ready`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        ...(environment as Record<string, string>),
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR,
        EMBEDDED_PG_PORT: String(EMBEDDED_PG_PORT),
        DEMO_MODE: 'true',
        LOG_LEVEL: 'warn',
      },
    },
    {
      // Started once the API is ready (the servers start in this order), on its database:
      // a worker process beside the API, as production runs one, plus a test-only route.
      command: `'${process.execPath}' node_modules/typescript/bin/tsc -p test/browser/notifier/tsconfig.json && exec '${process.execPath}' test/browser/notifier/dist/main.js`,
      cwd: '../..',
      url: `${NOTIFIER_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        ...(environment as Record<string, string>),
        PORT: String(NOTIFIER_PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: `postgres://postgres:zhongshu-embedded@127.0.0.1:${EMBEDDED_PG_PORT}/zhongshu`,
        RUN_WORKERS: 'false',
        RUN_MIGRATIONS: 'false',
        DEMO_MODE: 'false',
        DATABASE_POOL_SIZE: '2',
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
