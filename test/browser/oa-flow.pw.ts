import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { signedInAs, textbox } from './sign-in.js';

// The whole approval story against the real engine, in Chromium: an admin builds a new
// request type in the form and process designers (a date range, a distance, a condition
// on distance > 100) and publishes it; `employee` submits one; `manager` sees it in the
// to-do box (the menu's count), opens it, and approves it in the request page; `employee`
// finds the outcome in the notifications and the request drawn as approved. Each step is
// photographed at desktop and tablet width (test-results/screenshots/oa-flow-*.png).

// Two cores shared by many processes: the designers' chunk and a sign-in may take a while.
const expect = baseExpect.configure({ timeout: 20_000 });
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };

async function shots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['desktop', DESKTOP], ['tablet', TABLET]] as const) {
    await page.setViewportSize(viewport);
    await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}oa-flow-${name}-${size}.png`, animations: 'disabled', fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const doc = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
    return { scroll: doc.document.scrollingElement.scrollWidth, inner: doc.innerWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
}

async function choose(page: Page, scope: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await scope.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

const as = (browser: Browser, username: string, startAt: string): Promise<Page> => signedInAs(browser, username, startAt);

test.describe('OA: a new request type from the designers to an approved request', () => {
  test.describe.configure({ timeout: 600_000 });

  test('admin designs and publishes, employee submits, manager approves from the inbox, employee is told', async ({ browser }) => {
    // ---- the admin builds the type ---------------------------------------------------
    const admin = await as(browser, 'admin', '/oa/admin/request-types');
    await admin.getByTestId('request-type-create').click();
    await admin.getByTestId('request-type-name').fill('外出用车');
    await admin.getByTestId('request-type-code').fill('car-trip');
    await textbox(admin, 'request-type-category').fill('行政');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('request-type-name').click();
    await admin.getByTestId('request-type-icon-Van').click();
    await admin.getByTestId('request-type-save').click();
    await expect(admin.getByTestId('request-type-editor')).toBeVisible();

    await admin.getByTestId('palette-dateRange').click();
    await textbox(admin, 'field-settings-label').fill('用车时间');
    await textbox(admin, 'field-settings-key').fill('period');
    await admin.getByTestId('field-settings-required').click();
    await admin.getByTestId('palette-number').dragTo(admin.getByTestId('form-fields'));
    await expect(admin.getByTestId('form-field-shuZi')).toBeVisible();
    await admin.getByTestId('form-field-shuZi').click();
    await textbox(admin, 'field-settings-label').fill('里程');
    await textbox(admin, 'field-settings-key').fill('distance');
    await textbox(admin, 'field-settings-unit').fill('公里');
    await admin.getByTestId('field-settings-required').click();
    await expect(admin.getByTestId('form-field-distance')).toContainText('里程');
    await shots(admin, '1-form-designer');

    await admin.getByTestId('tab-process').click();
    // The department leader approves every trip…
    await admin.getByTestId('process-add-start').click();
    await admin.getByTestId('process-insert-approval').click();
    await textbox(admin, 'node-settings-name').fill('部门负责人审批');
    await admin.getByTestId('node-settings-confirm').click();
    // …and, after them, trips over 100 km go one level higher.
    const leaderNode = admin.locator('[data-testid^="process-node-approval_"]').first();
    const leaderId = ((await leaderNode.getAttribute('data-testid')) ?? '').replace('process-node-', '');
    await admin.getByTestId(`process-add-${leaderId}`).click();
    await admin.getByTestId('process-insert-condition').click();
    const farBranch = admin.locator('[data-testid^="process-branch-branch_"]').first();
    await farBranch.click();
    await textbox(admin, 'node-settings-branch-name').fill('超过 100 公里');
    await admin.getByTestId('condition-add-rule').click();
    await choose(admin, admin.getByTestId('condition-rule-0-subject'), '里程');
    await choose(admin, admin.getByTestId('condition-rule-0-operator'), '大于');
    await textbox(admin, 'condition-rule-0-value').fill('100');
    await textbox(admin, 'condition-rule-0-value').blur();
    await admin.getByTestId('node-settings-confirm').click();
    await expect(farBranch).toContainText('里程 大于 100');
    const branchId = ((await farBranch.getAttribute('data-testid')) ?? '').replace('process-branch-', '');
    await admin.getByTestId(`process-add-branch-${branchId}`).click();
    await admin.getByTestId('process-insert-approval').click();
    await textbox(admin, 'node-settings-name').fill('上级负责人审批');
    await textbox(admin, 'node-settings-rule-levels-up').fill('1');
    await admin.getByTestId('node-settings-confirm').click();
    await choose(admin, admin.getByTestId('process-admin'), '系统管理员');
    await shots(admin, '2-process-designer');

    await admin.getByTestId('request-type-save-draft').click();
    await expect(admin.getByTestId('request-type-dirty')).toHaveCount(0);
    await admin.getByTestId('request-type-publish').click();
    await expect(admin.getByTestId('request-type-status')).toHaveText('已发布 v1');
    await shots(admin, '3-published');
    await admin.context().close();

    // ---- the employee submits one -------------------------------------------------------
    const employee = await as(browser, 'employee', '/oa/start');
    await employee.getByTestId('oa-type-car-trip').click();
    await expect(employee.getByTestId('oa-submit-title')).toHaveText('外出用车');
    const period = employee.getByTestId('oa-input-period');
    await period.locator('input').nth(0).click();
    await period.locator('input').nth(0).fill('2026-12-21');
    await period.locator('input').nth(1).fill('2026-12-22');
    await period.locator('input').nth(1).press('Enter');
    await textbox(employee, 'oa-input-distance').fill('260');
    await textbox(employee, 'oa-input-distance').blur();
    // The route follows the distance: the branch over 100 km is taken.
    await expect(employee.getByTestId('oa-route')).toContainText('上级负责人审批');
    await expect(employee.getByTestId('oa-route')).toContainText('王芳');
    await textbox(employee, 'oa-input-distance').fill('80');
    await textbox(employee, 'oa-input-distance').blur();
    await expect(employee.getByTestId('oa-route')).not.toContainText('上级负责人审批');
    await shots(employee, '4-submit');
    await employee.getByTestId('oa-submit-button').click();
    await expect(employee.getByTestId('oa-submitted')).toBeVisible();
    const number = (await employee.getByTestId('oa-submitted').locator('.el-result__subtitle').textContent())?.trim() ?? '';
    expect(number).toMatch(/^OA-\d{4}-\d{6}$/);
    await employee.getByTestId('oa-submitted-view').click();
    await expect(employee.getByTestId('oa-request-status')).toHaveText('审批中');
    await expect(employee.getByTestId('route-node-end')).toHaveAttribute('data-state', 'pending');
    // The applicant may withdraw while nobody has acted, and urge; never approve.
    await expect(employee.getByTestId('action-withdraw')).toBeVisible();
    await expect(employee.getByTestId('action-approve')).toHaveCount(0);
    await shots(employee, '5-submitted-request');

    // ---- the manager approves from the inbox -------------------------------------------
    const manager = await as(browser, 'manager', '/');
    await manager.getByTestId('menu-group-oa').click();
    await expect(manager.getByTestId('menu-badge-oa-todo')).toBeVisible();
    await manager.getByTestId('menu-item-oa-todo').click();
    await expect(manager.getByTestId('inbox-todo-view')).toBeVisible();
    await textbox(manager, 'inbox-search').fill(number);
    await manager.getByTestId('inbox-todo-apply').click();
    await expect(manager.getByTestId(`inbox-row-${number}`)).toBeVisible();
    await noSidewaysScroll(manager);
    await shots(manager, '6-inbox-todo');
    await manager.getByTestId(`inbox-row-${number}`).click();
    await expect(manager.getByTestId('oa-request-title')).toBeVisible();
    const current = manager.locator('[data-testid^="route-node-approval_"][data-state="current"]');
    await expect(current).toContainText('王芳');
    await expect(manager.getByTestId('action-approve')).toBeVisible();
    await expect(manager.getByTestId('action-withdraw')).toHaveCount(0);
    await shots(manager, '7-request-to-approve');
    await manager.getByTestId('action-approve').click();
    await textbox(manager, 'action-comment').fill('同意，注意行车安全');
    await shots(manager, '8-approve-dialog');
    await manager.getByTestId('action-confirm').click();
    await expect(manager.getByTestId('oa-request-status')).toHaveText('已通过');
    await expect(manager.getByTestId('route-node-end')).toHaveAttribute('data-state', 'done');
    await expect(manager.getByTestId('history-approve')).toContainText('同意，注意行车安全');
    await expect(manager.getByTestId('action-approve')).toHaveCount(0);
    await shots(manager, '9-approved');
    await manager.getByTestId('menu-item-oa-done').click();
    await expect(manager.getByTestId(`inbox-row-${number}`)).toBeVisible();
    await manager.context().close();

    // ---- the employee is told -----------------------------------------------------------
    await employee.goto('/notifications');
    const told = employee.getByText(`你的外出用车 ${number} 已通过`).first();
    await expect(told).toBeVisible();
    await shots(employee, '10-notifications');
    await told.click();
    await expect(employee).toHaveURL(/\/oa\/requests\//);
    await expect(employee.getByTestId('oa-request-status')).toHaveText('已通过');
    await expect(employee.getByTestId('history-approve')).toContainText('王芳');
    await shots(employee, '11-outcome');
    await employee.context().close();
  });
});
