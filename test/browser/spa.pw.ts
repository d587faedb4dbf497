import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// The served product in Debian's Chromium: the SPA comes from the API at `/`, talks to
// /api over the same origin under the production security headers, and the demo company
// seeded on the first start shows up. The shell needs a signed-in user: the demo admin.

test('the SPA is served at / and shows live status and the demo company', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

  await signIn(page, 'admin');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('readiness-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('readiness-check-database')).toHaveAttribute('data-status', 'up');
  await expect(page.getByTestId('company-name')).toContainText('华东精工');
  expect(failures).toEqual([]);
});

test('a deep link is answered by the SPA (history fallback) and unknown pages show the 404 view', async ({ page }) => {
  const response = await page.goto('/no/such/page?tab=1');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('not-found')).toBeVisible();
});

test('the language switch changes the interface language', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-zh-CN').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('a missing asset is a 404 problem, not the app shell', async ({ request }) => {
  const response = await request.get('/assets/no-such-file-1234.js');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toContain('application/problem+json');
});

test('the sign-in page loads a small set of precompressed files: no shell, no admin page, not the other language', async ({ page }) => {
  const assets: { path: string; encoding: string | undefined; bytes: number }[] = [];
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/assets/')) return;
    assets.push({ path, encoding: response.headers()['content-encoding'], bytes: (await response.body()).length });
  });

  await page.goto('/login');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.waitForLoadState('networkidle');

  const paths = assets.map((asset) => asset.path);
  expect(paths.filter((path) => /\/(AppShell|DashboardView|PeopleView|DepartmentsView|RolesView|AuditLogView)-/.test(path))).toEqual([]);
  // English comes in a chunk of its own, fetched only when someone chooses it.
  expect(paths.filter((path) => /\/en-[\w-]+\.js$/.test(path))).toEqual([]);
  // The build writes brotli copies of everything worth compressing (1 KiB and up).
  const large = assets.filter((asset) => asset.bytes >= 1024);
  expect(large.length).toBeGreaterThan(0);
  expect(large.filter((asset) => asset.encoding !== 'br')).toEqual([]);

  // Choosing English fetches it then.
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  expect(assets.some((asset) => /\/en-[\w-]+\.js$/.test(asset.path))).toBe(true);
});
