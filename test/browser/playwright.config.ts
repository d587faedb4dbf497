import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.BROWSER_TEST_PORT ?? 3917);
const { DATABASE_URL: _ignored, REDIS_URL: _alsoIgnored, ...environment } = process.env;
const DATA_DIR = '.data/browser-test';

/**
 * The real product in a real browser: the built API serving the built SPA on the
 * embedded defaults (its own data folder, demo company seeded), driven in Debian's
 * Chromium. DATABASE_URL is dropped on purpose so the demo seed never lands in a
 * database somebody else uses. The data folder is wiped before each run: the sign-in
 * tests count failed logins (throttling and lockout are per account), and a folder
 * left over from an older build could hold a demo seed that no longer matches.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.pw.ts',
  outputDir: '../../test-results/browser',
  timeout: 30_000,
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
  webServer: {
    // exec: the SIGTERM of the graceful shutdown must reach node, not the shell. The API
    // runs on the Node.js running these tests (the project's, via npm test), not on
    // whichever `node` the shell's PATH finds first.
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
      EMBEDDED_PG_PORT: String(PORT + 50_000 > 65_535 ? 54_917 : PORT + 50_000),
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
    },
  },
});
