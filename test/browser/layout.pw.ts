import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in.js';

// The SPA from a 390 px phone to a wide desktop, against the real API and demo company.
// Screenshots go to test-results/screenshots for a person to look at (Chinese and
// English, empty and failed lists, long pages); the assertions hold the layout rules.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
/** A still picture: no loading veil, transitions run to their end. */
async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled' });
}

/** The page never scrolls sideways: wide content scrolls inside its own card. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number });
    return { scroll: doc.document.scrollingElement.scrollWidth, inner: doc.innerWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
}

async function switchTo(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`lang-option-${locale}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the people list fits the screen and the menu is a drawer opened from the header', async ({ page }) => {
    await signIn(page, 'admin', undefined, '/org/people');
    const table = page.getByTestId('people-table');
    await expect(table.getByTestId('person-row-employee')).toHaveText('李明');
    await expectNoSidewaysScroll(page);

    // One line of header: the company name is cut, not stacked a character per line.
    const header = await page.getByTestId('app-header').boundingBox();
    expect(header?.height).toBe(56);
    const name = await page.getByTestId('company-name').boundingBox();
    expect(name?.height).toBeLessThan(30);
    await shot(page, 'phone-people');

    // No sidebar; the header's button opens the menu in a drawer, and a choice closes it.
    await expect(page.getByTestId('sidebar-menu')).toHaveCount(0);
    await page.getByTestId('sidebar-toggle').click();
    const drawer = page.getByTestId('menu-drawer');
    await expect(drawer).toBeVisible();
    await shot(page, 'phone-menu');
    // The group of the page shown is open already.
    await drawer.getByTestId('menu-item-org-positions').click();
    await expect(page).toHaveURL(/\/org\/positions$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByTestId('positions-table')).toContainText('CLERK');
    await expectNoSidewaysScroll(page);
  });

  test('filters fold into a drawer, forms go full screen, and "no match" is told apart', async ({ page }) => {
    await signIn(page, 'admin', undefined, '/org/people');
    await expect(page.getByTestId('people-status-filter')).toHaveCount(0);
    await page.getByTestId('people-filters-toggle').click();
    await expect(page.getByTestId('people-filters')).toBeVisible();
    await shot(page, 'phone-filters');
    await page.getByTestId('people-filters').getByTestId('people-status-filter').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '已离职' }).click();
    await page.getByTestId('people-filters-apply').click();
    await expect(page).toHaveURL(/status=left/);
    await expect(page.getByTestId('people-no-match')).toBeVisible();
    await shot(page, 'phone-no-match');
    await page.getByTestId('people-clear-filters').click();
    await expect(page.getByTestId('people-table').getByTestId('person-row-employee')).toBeVisible();

    await page.getByTestId('person-create').click();
    const dialog = page.locator('.el-dialog.is-fullscreen');
    await expect(dialog.getByTestId('person-form')).toBeVisible();
    await expect(dialog.getByTestId('person-employee-no')).toBeFocused();
    await shot(page, 'phone-person-form');
    await expectNoSidewaysScroll(page);
  });
});

test.describe('on a phone (390×844), the approvals inbox', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the to-do box and a request fit the screen, filters fold away, the menu is a drawer', async ({ page }) => {
    // 王芳 (manager) has the demo's waiting approvals.
    await signIn(page, 'manager', undefined, '/oa/inbox/todo');
    await expect(page.getByTestId('inbox-todo-view')).toBeVisible();
    const rows = page.locator('.el-table__body [data-testid^="inbox-row-"]');
    await expect(rows.first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expect(page.getByTestId('sidebar-menu')).toHaveCount(0);
    // The search stays on the page; the other filters wait behind a button.
    await expect(page.getByTestId('inbox-type')).toHaveCount(0);
    await shot(page, 'phone-inbox-todo');
    await page.getByTestId('inbox-todo-filters-toggle').click();
    await expect(page.getByTestId('inbox-todo-filters')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot(page, 'phone-inbox-filters');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('inbox-todo-filters')).toBeHidden();

    await rows.first().click();
    await expect(page.getByTestId('oa-request-title')).toBeVisible();
    await expect(page.getByTestId('action-approve')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot(page, 'phone-inbox-request');

    // Another box from the drawer: the approvals group is open already, a choice closes it.
    await page.getByTestId('sidebar-toggle').click();
    const drawer = page.getByTestId('menu-drawer');
    await expect(drawer).toBeVisible();
    await drawer.getByTestId('menu-item-oa-cc').click();
    await expect(page).toHaveURL(/\/oa\/inbox\/cc/);
    await expect(drawer).toBeHidden();
    await expect(page.getByTestId('inbox-cc-view')).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});

test.describe('on a desktop (1440×900)', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the people list keeps its filters in the address, folds row actions after two, and retries a failed load', async ({ page }) => {
    await signIn(page, 'admin', undefined, '/org/people');
    const table = page.getByTestId('people-table');
    await expect(table.getByTestId('person-row-employee')).toHaveText('李明');
    await shot(page, 'desktop-people');

    await page.getByTestId('people-search').fill('salesmgr');
    await page.getByTestId('people-apply').click();
    await expect(page).toHaveURL(/search=salesmgr/);
    await expect(table.getByTestId('person-row-salesmgr')).toHaveText('张伟');
    await page.reload();
    await expect(page.getByTestId('people-search')).toHaveValue('salesmgr');
    await expect(table.getByTestId('person-row-employee')).toHaveCount(0);
    await page.goBack();
    await expect(table.getByTestId('person-row-employee')).toHaveText('李明');

    // Edit and disable on the row; password reset and offboarding under "More".
    await expect(table.getByTestId('person-edit-employee')).toBeVisible();
    await expect(table.getByTestId('person-disable-employee')).toBeVisible();
    await expect(table.getByTestId('person-leave-employee')).toHaveCount(0);
    await table.getByTestId('people-more-employee').click();
    await expect(page.locator('.el-dropdown-menu:visible').getByTestId('person-leave-employee')).toBeVisible();
    await page.keyboard.press('Escape');

    // A failed load says so in place of the rows, with the request id, and Retry reloads.
    await page.route('**/api/v1/org/people?**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.', requestId: 'req-pw-1' }),
      }),
    );
    await page.getByTestId('people-apply').click();
    await expect(page.getByTestId('people-error')).toContainText('req-pw-1');
    await shot(page, 'desktop-people-error');
    await page.unroute('**/api/v1/org/people?**');
    await page.getByTestId('people-retry').click();
    await expect(table.getByTestId('person-row-employee')).toHaveText('李明');
  });

  test('in English: labels fit the company form, buttons keep one line, the roles screen names permissions', async ({ page }) => {
    await signIn(page, 'admin', undefined, '/system/company');
    await switchTo(page, 'en');
    const label = await page.getByTestId('company-form').locator('.el-form-item__label').last().boundingBox();
    const save = await page.getByTestId('company-save').boundingBox();
    expect(label!.y + label!.height).toBeLessThanOrEqual(save!.y);
    await shot(page, 'desktop-company-en');

    await page.goto('/org/people');
    const edit = page.getByTestId('person-edit-employee');
    await expect(edit).toHaveText('Edit');
    // Measured once the table has laid its columns out (it widens the actions column
    // after the first paint; measured at once, the two buttons sat 40 px apart mid-layout).
    await expect
      .poll(async () => {
        const row = await edit.boundingBox();
        const more = await page.getByTestId('people-more-employee').boundingBox();
        return Math.abs(row!.y - more!.y);
      })
      .toBeLessThan(4);
    await shot(page, 'desktop-people-en');

    await page.goto('/org/roles');
    // Counted in English words (the singular is RolesView.spec's); the demo's counts grow
    // with every context's grants, so the words are asserted, not a number.
    await expect(page.getByTestId('roles-table')).toContainText(/Own records\d+ permissions/);
    await page.getByTestId('role-edit-sales').click();
    const orgGroup = page.getByTestId('role-permission-group-org');
    await expect(orgGroup.locator('legend')).toHaveText('Organisation');
    await expect(orgGroup).toContainText('View people');
    await expect(orgGroup).toContainText('org:person:read');
    await shot(page, 'desktop-role-en');
  });

  test('the audit log names actions, shows seconds, and its header stays put on a long page', async ({ page }) => {
    // Saving the company profile unchanged is still a request the trail records.
    await signIn(page, 'admin', undefined, '/system/company');
    await expect(page.getByTestId('company-form').locator('input').first()).toHaveValue('华东精工');
    await page.getByTestId('company-save').click();
    await expect(page.locator('.el-message').filter({ hasText: '已保存' })).toBeVisible();

    await page.goto('/system/audit?action=platform:company:update');
    const table = page.getByTestId('audit-table');
    // The action by the label of its permission, the code beside it.
    await expect(table).toContainText('维护公司信息');
    await expect(table).toContainText('platform:company:update');

    await page.goto('/system/audit?pageSize=100');
    await expect(table).toContainText('admin');
    await expect(table.locator('.el-table__body-wrapper')).toContainText(/\d{2}:\d{2}:\d{2}/);
    await shot(page, 'desktop-audit');
    await page.mouse.move(900, 500);
    await page.mouse.wheel(0, 4000);
    await expect(page.getByTestId('app-header')).toBeInViewport();
    const header = await page.getByTestId('app-header').boundingBox();
    expect(header?.height).toBe(56);
    expect(header?.y).toBe(0);
    await shot(page, 'desktop-audit-scrolled');
  });
});
