import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { NOTIFIER_URL } from './ports.js';
import { signIn } from './sign-in.js';

// A notification written by another process (the worker app beside the API, on the same
// database) reaches the signed-in admin's screen through PostgreSQL NOTIFY and the
// notification stream: the bell's count, the sidebar's badge and the bell's list change
// without a reload. Screenshots go to test-results/screenshots.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled' });
}

async function notify(request: APIRequestContext, username: string, title: string, link: string): Promise<void> {
  const response = await request.post(`${NOTIFIER_URL}/api/v1/test/notify`, { data: { username, title, link } });
  expect(response.status()).toBe(204);
}

/** Signed in, on the dashboard, with the stream open: what arrives from now on is live. */
async function onDashboard(page: Page): Promise<number> {
  await signIn(page, 'admin');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('data-stream', 'open');
  // Set in this page's memory: a reload would lose it.
  await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
  return Number(await bell.getAttribute('data-unread'));
}

async function stillTheSamePage(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

test('a notification written by the worker shows in the bell and the menu without a reload, and opens its page', async ({ page, request }) => {
  const before = await onDashboard(page);
  const bell = page.getByTestId('notification-bell');
  const title = `王芳 请你审批：费用报销 OA-2026-${String(Date.now()).slice(-6)}`;

  await notify(request, 'admin', title, '/org/people');
  await expect(bell).toHaveAttribute('data-unread', String(before + 1));
  await expect(page.getByTestId('menu-badge-notifications')).toHaveText(String(before + 1));
  await shot(page, 'notifications-bell-count');

  await bell.click();
  const panel = page.getByTestId('notification-panel');
  const item = panel.locator('[data-testid^="notification-item-"]', { hasText: title });
  await expect(item).toHaveAttribute('data-unread', 'true');
  await expect(item.locator('time')).toHaveText('刚刚');
  await shot(page, 'notifications-bell-open');
  await stillTheSamePage(page);

  await item.click();
  await expect(page).toHaveURL(/\/org\/people$/);
  await expect(bell).toHaveAttribute('data-unread', String(before));
  await stillTheSamePage(page);
});

test('the notifications page lists them and shows only the unread ones, in English too', async ({ page, request }) => {
  await onDashboard(page);
  for (let n = 1; n <= 3; n++) await notify(request, 'admin', `Reminder ${n}: 3 tasks waiting`, '/dashboard');
  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notifications-see-all').click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByTestId('notifications-table')).toContainText('Reminder 3: 3 tasks waiting');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-en').click();
  await page.getByTestId('notifications-unread-only').click();
  await expect(page).toHaveURL(/unreadOnly=true/);
  await expect(page.getByTestId('notifications-table')).toContainText('Unread');
  await shot(page, 'notifications-page-en');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-zh-CN').click();
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the bell opens the notifications as a full-screen drawer', async ({ page, request }) => {
    const before = await onDashboard(page);
    const title = `提醒：你有 ${before + 1} 条未读通知`;
    await notify(request, 'admin', title, '/dashboard');
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAttribute('data-unread', String(before + 1));

    await bell.click();
    const drawer = page.getByTestId('notification-drawer');
    await expect(drawer.getByText(title)).toBeVisible();
    // Once it has slid in, it covers the whole width.
    const panel = page.locator('.notification-bell__drawer');
    await expect.poll(async () => Math.round((await panel.boundingBox())?.x ?? -1)).toBe(0);
    expect(Math.round((await panel.boundingBox())?.width ?? 0)).toBe(390);
    await shot(page, 'notifications-phone-drawer');
    await stillTheSamePage(page);
  });
});
