import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in.js';

// Changing org data through the forms, against the real API. The data folder is fresh
// for each run (playwright.config.ts); names are still made unique so a re-run on an
// old folder would not collide with its own earlier records.

const suffix = Date.now().toString(36).slice(-5);

async function pickInPopper(page: Page, text: string): Promise<void> {
  await page.locator('.el-popper:visible').getByText(text, { exact: true }).click();
}

test('the admin creates a person, finds them by search and changes their mobile number', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/people');
  await page.getByTestId('person-create').click();
  const form = page.getByTestId('person-form');
  await form.getByTestId('person-employee-no').fill(`PW${suffix}`);
  await form.getByTestId('person-name').fill(`测试${suffix}`);
  await form.getByTestId('person-username').fill(`pw.${suffix}`);
  await form.getByTestId('person-department').click();
  await pickInPopper(page, '综合管理部');
  await page.getByTestId('person-save').click();
  await expect(form).toBeHidden();

  await page.getByTestId('people-search').fill(`pw.${suffix}`);
  await page.getByTestId('people-apply').click();
  const row = page.getByTestId('people-table').getByTestId(`person-row-pw.${suffix}`);
  await expect(row).toHaveText(`测试${suffix}`);
  await expect(page.getByTestId('people-table')).toContainText('综合管理部');

  await page.getByTestId(`person-edit-pw.${suffix}`).click();
  await form.getByTestId('person-mobile').fill('not a phone');
  await page.getByTestId('person-save').click();
  // The server's field error, under the field it names.
  await expect(form).toContainText('must be a phone number');
  await form.getByTestId('person-mobile').fill('+86 138 0000 0000');
  await page.getByTestId('person-save').click();
  await expect(form).toBeHidden();
});

test('saving over someone else\'s change keeps the edit open beside the current values, and saves it over them on request', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/positions');
  await page.getByTestId('position-edit-CLERK').click();
  const form = page.getByTestId('position-form');
  await expect(form).toBeVisible();

  // Meanwhile, another session renames the same position.
  // Runs in the page; typed by hand because the test project has no DOM library.
  const token = await page.evaluate(() => {
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
    return JSON.parse(storage.getItem('zhongshu.session') ?? '{}').accessToken as string;
  });
  const headers = { Authorization: `Bearer ${token}` };
  const positions = await (await page.request.get('/api/v1/org/positions', { headers })).json();
  const clerk = positions.find((position: { code: string }) => position.code === 'CLERK');
  const renamed = await page.request.patch(`/api/v1/org/positions/${clerk.id}`, { headers, data: { version: clerk.version, name: `文员${suffix}` } });
  expect(renamed.status()).toBe(200);

  await form.getByTestId('position-name').fill(`我的改名${suffix}`);
  await page.getByTestId('position-save').click();
  // Refused (409), and nothing the person typed is lost: the other change is shown beside it.
  await expect(page.getByTestId('position-form-conflict')).toContainText('已被其他人修改');
  await expect(form.getByTestId('position-name')).toHaveValue(`我的改名${suffix}`);
  await expect(form.getByTestId('current-name')).toContainText(`文员${suffix}`);

  await page.getByTestId('position-form-keep-mine').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('positions-table')).toContainText(`我的改名${suffix}`);
  await expect(page.getByTestId('positions-table')).not.toContainText(`文员${suffix}`);
});

test('the admin adds a sub-department under a picked one, then removes it again', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/departments');
  await page.getByTestId('department-tree').getByTestId('department-node-OPS').click();
  await page.getByTestId('department-add-child').click();
  const form = page.getByTestId('department-form');
  await form.getByTestId('department-code').fill(`PW-${suffix}`);
  await form.getByTestId('department-name').fill(`测试部${suffix}`);
  await page.getByTestId('department-save').click();
  await expect(form).toBeHidden();

  const node = page.getByTestId('department-tree').getByTestId(`department-node-PW-${suffix}`);
  await expect(node).toBeVisible();
  await expect(page.getByTestId('department-detail')).toContainText(`总部 / 综合管理部 / 测试部${suffix}`);

  await page.getByTestId('department-archive').click();
  await page.locator('.el-message-box__btns').getByRole('button', { name: '归档' }).click();
  // Nobody ever worked there, so the server deletes it rather than archiving it.
  await expect(page.locator('.el-message').filter({ hasText: '部门已删除' })).toBeVisible();
  await expect(node).toHaveCount(0);
});

test('a person changes their own password, is signed out, and signs in with the new one', async ({ page }) => {
  const fresh = `Fresh-${suffix}-2026`;
  await signIn(page, 'finance');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('change-password').click();
  const form = page.getByTestId('password-form');
  await form.getByTestId('password-current').fill('Demo@2026');
  await form.getByTestId('password-new').fill(fresh);
  await form.getByTestId('password-repeat').fill(fresh);
  await page.getByTestId('password-save').click();
  await expect(page.getByTestId('login-form')).toBeVisible();

  await signIn(page, 'finance', fresh);
  await expect(page.getByTestId('user-name')).toHaveText('林静');
});
