import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { signedInAs } from './sign-in.js';

// Leave in Chromium against the demo company: `employee` reaches the leave form from the
// catalogue, sees National Day 2026 counted as 4 working days (the holiday off, the
// adjusted Saturday 10-10 worked) and the overlap with his approved October leave refused
// under the start date; requests 12-24 to 12-28 (3 working days over a weekend); `manager`
// approves it from the to-do box; the employee's balance moves from held to taken, the
// ledger says why, and he delegates his approvals to 王芳 for those days. The manager's team calendar and the
// admin's working calendar (an override added and removed) close it. Every step is
// photographed at desktop and phone width (test-results/screenshots/oa-leave-*.png).

const expect = baseExpect.configure({ timeout: 20_000 });
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}oa-leave-${name}-${size}.png`, animations: 'disabled', fullPage: true });
    const widths = await page.evaluate(() => {
      const doc = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
      return { scroll: doc.document.scrollingElement.scrollWidth, inner: doc.innerWidth };
    });
    expect(widths.scroll, `${name} at ${size} scrolls sideways`).toBeLessThanOrEqual(widths.inner);
  }
  await page.setViewportSize(DESKTOP);
}

/** Types a date into the picker of the leave form's start or end, as a person types it. */
async function pickDate(page: Page, which: 'start' | 'end', date: string): Promise<void> {
  const input = page.getByTestId(`leave-${which}-when`).locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** A text box: Element Plus puts the test id on the <input>/<textarea> itself or on a wrapper around it. */
function box(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();
}

async function balance(page: Page, code: string): Promise<{ available: number; held: number; used: number }> {
  const read = async (what: string) => Number((await page.getByTestId(`balance-${what}-${code}`).textContent())?.trim());
  return { available: await read('available'), held: await read('held'), used: await read('used') };
}

const as = (browser: Browser, username: string, startAt: string): Promise<Page> => signedInAs(browser, username, startAt);

test.describe('OA: leave on the company calendar', () => {
  test.describe.configure({ timeout: 600_000 });

  test('employee requests leave and sees the working days, manager approves from the inbox, the balance follows', async ({ browser }) => {
    // ---- the employee finds the form in the catalogue -----------------------------------
    const employee = await as(browser, 'employee', '/oa/leave/mine');
    await expect(employee.getByTestId('balance-annual')).toBeVisible();
    const before = await balance(employee, 'annual');
    await shots(employee, '1-my-leave');

    await employee.goto('/oa/start');
    await employee.getByTestId('oa-type-leave').click();
    await expect(employee).toHaveURL(/\/oa\/leave\/new$/);
    await employee.getByTestId('leave-type').click();
    await employee.locator('.el-select-dropdown__item:visible', { hasText: '年假' }).first().click();
    await expect(employee.getByTestId('leave-type-rules')).toContainText('可按半天请假');

    // ---- National Day: four working days, and the overlap with October's leave ----------
    await pickDate(employee, 'start', '2026-09-30');
    await pickDate(employee, 'end', '2026-10-10');
    await expect(employee.getByTestId('leave-quote-amount')).toHaveText('4 个工作日');
    // The picker marks the holidays (休) and the adjusted working days (班).
    await employee.getByTestId('leave-end-when').locator('input').first().click();
    await expect(employee.locator('.leave-date-popper:visible td.leave-day--work').first()).toBeVisible();
    // National Day's seven days off, and what of Mid-Autumn the month's first week shows.
    expect(await employee.locator('.leave-date-popper:visible td.leave-day--off').count()).toBeGreaterThanOrEqual(7);
    await employee.screenshot({ path: `${SHOTS}oa-leave-2-picker-desktop.png`, animations: 'disabled' });
    await employee.keyboard.press('Escape');
    await expect(employee.getByTestId('leave-quote-special')).toContainText('国庆节 · 法定节假日');
    await expect(employee.getByTestId('leave-quote-special')).toContainText('2026-10-10 周六国庆节 · 调休上班计 1 天');
    await expect(employee.getByTestId('leave-quote-after')).toHaveText(`${before.available - 4} 天`);
    await box(employee, 'leave-reason').fill('国庆前后回老家');
    await shots(employee, '2-form-national-day');
    await employee.getByTestId('leave-submit').click();
    await expect(employee.getByTestId('leave-start-when').locator('xpath=ancestor::div[contains(@class,"el-form-item")][1]')).toContainText(
      '与你 2026-10-08 至 2026-10-09 的请假时间重叠',
    );
    await shots(employee, '3-form-overlap');

    // ---- a leave over a weekend: three working days -------------------------------------
    await pickDate(employee, 'start', '2026-12-24');
    await pickDate(employee, 'end', '2026-12-28');
    await expect(employee.getByTestId('leave-quote-amount')).toHaveText('3 个工作日');
    await expect(employee.getByTestId('leave-quote-after')).toHaveText(`${before.available - 3} 天`);
    await box(employee, 'leave-reason').fill('年底探亲');
    await employee.getByTestId('leave-submit').click();
    await expect(employee.getByTestId('leave-submitted')).toBeVisible();
    const number = /OA-\d{4}-\d{6}/.exec((await employee.getByTestId('leave-submitted').textContent()) ?? '')?.[0] ?? '';
    expect(number).not.toBe('');
    const requestPath = (await employee.getByTestId('leave-submitted-request').getAttribute('href')) ?? '';
    await shots(employee, '4-submitted');
    await employee.getByTestId('leave-submitted-mine').click();
    await expect(employee.getByTestId('balance-annual')).toBeVisible();
    expect(await balance(employee, 'annual')).toEqual({ available: before.available - 3, held: before.held + 3, used: before.used });

    // ---- the manager approves from the inbox --------------------------------------------
    const manager = await as(browser, 'manager', '/oa/inbox/todo');
    await expect(manager.getByTestId('inbox-todo-view')).toBeVisible();
    await manager.locator('input[data-testid="inbox-search"], [data-testid="inbox-search"] input').first().fill(number);
    await manager.getByTestId('inbox-todo-apply').click();
    await expect(manager.getByTestId(`inbox-row-${number}`)).toBeVisible();
    await manager.getByTestId(`inbox-row-${number}`).click();
    await expect(manager.getByTestId('oa-request-title')).toContainText('年假');
    await expect(manager.getByTestId('oa-request-title')).toContainText('2026-12-24');
    // The approver sees who else of the team is away then (nobody: 刘洋 is back on the 18th).
    await expect(manager.getByTestId('leave-overlap')).toContainText('这段时间团队里没有其他人请假');
    await shots(manager, '5-request-to-approve');
    await manager.getByTestId('action-approve').click();
    await manager.getByTestId('action-confirm').click();
    await expect(manager.getByTestId('oa-request-status')).toHaveText('已通过');

    // ---- the balance follows; the ledger says why; the delegation is offered ------------
    await employee.reload();
    await expect(employee.getByTestId('balance-annual')).toBeVisible();
    expect(await balance(employee, 'annual')).toEqual({ available: before.available - 3, held: before.held, used: before.used + 3 });
    await employee.getByTestId('balance-ledger-annual').click();
    await expect(employee.getByTestId('ledger').locator('[data-testid="ledger-use"]').first()).toContainText('2026-12-24 ~ 2026-12-28');
    await expect(employee.getByTestId('ledger').locator('[data-testid="ledger-hold"]').first()).toContainText('−3');
    await shots(employee, '6-ledger');
    await employee.keyboard.press('Escape');
    const approved = employee.locator('article[data-testid^="leave-"]', { hasText: '2026-12-24' }).first();
    await expect(approved.getByTestId('leave-status')).toHaveText('已批准');
    await expect(approved.getByTestId('leave-delegate')).toBeVisible();
    // The approved request's page offers the delegation, and its link opens the offer for this leave.
    await employee.goto(requestPath);
    await expect(employee.getByTestId('oa-request-status')).toHaveText('已通过');
    await expect(employee.getByTestId('oa-leave-delegation-offer')).toBeVisible();
    await shots(employee, '7-request-offer');
    await employee.getByTestId('oa-leave-delegation-offer').getByRole('link').click();
    await expect(employee).toHaveURL(/\/oa\/leave\/mine\?delegate=/);
    await expect(employee.getByTestId('delegation-offer')).toBeVisible();
    await expect(employee.getByTestId('delegation-offer')).toContainText('2026-12-24 至 2026-12-28');
    await employee.getByTestId('delegation-person').click();
    await employee.keyboard.type('王芳');
    await employee.getByTestId('delegation-person-option-王芳').click();
    await shots(employee, '7-delegation-dialog');
    await employee.getByTestId('delegation-submit').click();
    await expect(employee.getByText('已设置委托：2026-12-24 至 2026-12-28 由 王芳 代为审批')).toBeVisible();
    await expect(employee.getByTestId('delegation-offer')).toBeHidden();

    // ---- 销假 asked of it ---------------------------------------------------------------
    await approved.getByTestId('leave-cancel').click();
    await box(employee, 'cancel-reason').fill('计划有变，不休了');
    await shots(employee, '8-cancel-dialog');
    await employee.getByTestId('cancel-submit').click();
    await expect(approved).toContainText('销假审批中');
    await employee.context().close();

    // ---- the manager's team calendar ----------------------------------------------------
    await manager.goto('/oa/leave/team?month=2026-12');
    await expect(manager.getByTestId('team-grid')).toBeVisible();
    await expect(manager.getByTestId('team-row-李明')).toBeVisible();
    await expect(manager.getByTestId('team-list')).toContainText('12-24 ~ 12-28');
    await shots(manager, '9-team-calendar');
    await manager.context().close();

    // ---- the admin's working calendar ---------------------------------------------------
    const admin = await as(browser, 'admin', '/oa/admin/calendar?year=2026');
    await expect(admin.getByTestId('calendar-month-10')).toBeVisible();
    await expect(admin.getByTestId('calendar-day-2026-10-01')).toHaveClass(/kind-holiday/);
    await expect(admin.getByTestId('calendar-day-2026-10-10')).toHaveClass(/kind-adjusted-workday/);
    await admin.getByTestId('calendar-day-2026-10-09').click();
    await box(admin, 'calendar-name').fill('司庆日');
    await shots(admin, '10-calendar-dialog');
    await admin.getByTestId('calendar-save').click();
    await expect(admin.getByTestId('calendar-override-2026-10-09')).toContainText('司庆日');
    await expect(admin.getByTestId('calendar-day-2026-10-09')).toHaveClass(/kind-company-off/);
    await shots(admin, '11-calendar');
    await admin.getByTestId('calendar-remove-2026-10-09').click();
    await expect(admin.getByTestId('calendar-override-2026-10-09')).toHaveCount(0);
    await expect(admin.getByTestId('calendar-day-2026-10-09')).toHaveClass(/kind-workday/);

    // ---- the leave types, as HR keeps them ---------------------------------------------
    await admin.goto('/oa/admin/leave-types');
    await expect(admin.getByTestId('leave-type-row-annual')).toContainText('法定年假，按司龄');
    await expect(admin.getByTestId('leave-type-row-maternity')).toContainText('按自然日');
    await admin.getByTestId('leave-type-edit-annual').click();
    await expect(admin.getByTestId('leave-type-dialog')).toBeVisible();
    await shots(admin, '12-leave-types');
    await admin.context().close();
  });
});
