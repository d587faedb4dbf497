import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// The org administration against the real API and the demo company (30 people, six
// departments under 总部), in Debian's Chromium. Nothing here changes demo data that
// another test reads, so the suite can run again on the same data folder.

test('the admin signs in, sees the demo people with paging and opens the department tree', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));

  await signIn(page, 'admin');
  await expect(page.getByTestId('user-name')).toHaveText('系统管理员');
  await expect(page.getByTestId('user-department')).toHaveText('总部');

  await page.getByTestId('menu-group-org').click();
  await page.getByTestId('menu-item-org-people').click();
  await expect(page).toHaveURL(/\/org\/people$/);
  const table = page.getByTestId('people-table');
  await expect(table.getByTestId('person-row-employee')).toHaveText('李明');
  // 30 demo people, plus any another test of this run has added; 20 a page.
  await expect(page.getByTestId('people-pagination')).toContainText(/共 3\d 条/);
  await expect(page.getByTestId('people-pagination').locator('.number')).toHaveText(['1', '2']);
  // Names in pinyin order: Wang comes after Li, on the second page.
  await page.getByTestId('people-pagination').locator('.number').filter({ hasText: '2' }).click();
  await expect(table.getByTestId('person-row-manager')).toHaveText('王芳');
  await expect(table.getByTestId('person-row-employee')).toHaveCount(0);
  await page.getByTestId('people-pagination').locator('.number').filter({ hasText: '1' }).click();
  await expect(table.getByTestId('person-row-employee')).toHaveText('李明');

  // A person's reporting lines, as approvals will route them.
  await table.getByTestId('person-row-employee').click();
  await expect(page.getByTestId('person-manager-chain')).toContainText('王芳 (manager)');
  await expect(page.getByTestId('person-leaders')).toContainText('综合管理部');
  await expect(page.getByTestId('person-access')).toContainText('系统管理员');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('person-drawer')).toBeHidden();

  // Search on the server narrows the list to one person.
  await page.getByTestId('people-search').fill('salesmgr');
  await page.getByTestId('people-apply').click();
  await expect(table.getByTestId('person-row-salesmgr')).toHaveText('张伟');
  await expect(table.getByTestId('person-row-employee')).toHaveCount(0);

  await page.getByTestId('menu-item-org-departments').click();
  await expect(page).toHaveURL(/\/org\/departments$/);
  const tree = page.getByTestId('department-tree');
  await expect(tree.getByTestId('department-node-HQ')).toContainText('总部');
  await expect(tree.getByTestId('department-node-SALES-EAST')).toContainText('华东销售组');
  await tree.getByTestId('department-node-SALES').click();
  await expect(page.getByTestId('department-detail')).toContainText('总部 / 销售部');
  expect(failures).toEqual([]);
});

test('moving a department under its own sub-department shows the server\'s cycle error on the form', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/departments');
  await page.getByTestId('department-tree').getByTestId('department-node-SALES').click();
  await page.getByTestId('department-move').click();
  await page.getByTestId('move-form').getByTestId('move-target-SALES-EAST').click();
  await page.getByTestId('move-save').click();
  await expect(page.getByTestId('move-form')).toContainText('is the department itself or lies below it');
});

test('an employee does not see the org admin entries and is denied the pages by address', async ({ page }) => {
  await signIn(page, 'employee');
  await expect(page.getByTestId('user-name')).toHaveText('李明');
  await expect(page.getByTestId('user-department')).toHaveText('综合管理部');
  const menu = page.getByTestId('sidebar-menu');
  await expect(menu.getByTestId('menu-item-dashboard')).toBeVisible();
  await expect(menu.getByTestId('menu-item-org-departments')).toHaveCount(0);
  await expect(menu.getByTestId('menu-item-org-roles')).toHaveCount(0);
  await expect(menu.getByTestId('menu-item-org-positions')).toHaveCount(0);
  await expect(menu.getByTestId('menu-group-system')).toHaveCount(0);

  // The one org page an employee has: the people list, cut to their own record by the server.
  await menu.getByTestId('menu-group-org').click();
  await menu.getByTestId('menu-item-org-people').click();
  await expect(page.getByTestId('people-table').getByTestId('person-row-employee')).toHaveText('李明');
  await expect(page.getByTestId('people-pagination')).toContainText('共 1 条');
  await expect(page.getByTestId('people-table').getByTestId('person-row-manager')).toHaveCount(0);
  await expect(page.getByTestId('person-create')).toBeHidden();

  await page.goto('/org/departments');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('forbidden')).toContainText('/org/departments');
  await page.goto('/org/roles');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await page.goto('/system/audit');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('signing out returns to the login page, and the shell stays closed afterwards', async ({ page }) => {
  await signIn(page, 'manager');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await page.goto('/org/people');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)org(%2F|\/)people/);
});

test('a wrong password shows the server\'s message and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-username').fill('planner');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.locator('.el-message')).toContainText('Wrong username or password.');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.getByTestId('app-shell')).toHaveCount(0);
});

test('the admin reads the audit log, where the sign-ins are recorded', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/system/audit');
  await page.getByTestId('audit-kind').click();
  await page.locator('.el-select-dropdown__item').filter({ hasText: '登录' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('admin');
  await expect(page.getByTestId('audit-pagination')).toBeVisible();
});

test('an import with a bad row is refused and the report names the row and column', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/people');
  await page.getByTestId('import-people').click();
  const csv = 'employeeNo,name,username,departmentCode\nPW-1,测试甲,pw.one,NO-SUCH-DEPT\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-summary')).toContainText('Nothing was imported');
  const report = page.getByTestId('import-problems');
  await expect(report).toContainText('departmentCode');
  await expect(report.locator('tbody tr').first()).toContainText('2');
});

test('the admin exports the people as CSV, with the demo people in it', async ({ page }) => {
  await signIn(page, 'admin', undefined, '/org/people');
  await page.getByTestId('export-people').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-people-csv').click()]);
  expect(download.suggestedFilename()).toBe('people.csv');
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8');
  expect(text.split('\n')[0]).toContain('employeeNo');
  expect(text).toContain('李明');
});

