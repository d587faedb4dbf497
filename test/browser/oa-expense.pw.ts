import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect as baseExpect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { signedInAs, textbox } from './sign-in.js';

// 报销 in Chromium against the real API and demo company: `employee` opens the expense
// form from the catalogue, files two lines (one in dollars at a stated rate) each with its
// receipt, sees the total in CNY as the lines change; an invoice number the demo's pending
// claim holds is refused on its line, naming that claim; with a fresh number the claim is
// filed. `manager` (the leader) approves, then `finance` finds it in the to-do box, reads
// the lines with their converted amounts, downloads a receipt and approves; `employee`
// finds it approved among their claims. Each step is photographed at desktop and phone
// width (test-results/screenshots/oa-expense-*.png).

const expect = baseExpect.configure({ timeout: 20_000 });
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2d6c0a70000000049454e44ae426082', 'hex');
/** The demo's claim 办公用品采购, waiting for 王芳, holds this invoice number. */
const CLAIMED_INVOICE = '26322000000100003';

/** Desktop and phone; `focus` is scrolled into view at each width (the page scrolls inside its main area). */
async function shots(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
    await noSidewaysScroll(page);
    if (focus) await focus.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}oa-expense-${name}-${size}.png`, animations: 'disabled', fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** Once the page has laid itself out for the new width (the phone layout follows a resize event), nothing sticks out sideways. */
async function noSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const doc = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
        return doc.document.scrollingElement.scrollWidth - doc.innerWidth;
      }),
    )
    .toBeLessThanOrEqual(0);
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function fillLine(page: Page, index: number, line: { category: string; date: string; amount: string; invoiceNo: string; receipt: { name: string; mimeType: string; buffer: Buffer } }): Promise<void> {
  const id = (field: string) => `expense-line-${index}-${field}`;
  await choose(page, id('category'), line.category);
  await textbox(page, id('date')).fill(line.date);
  await textbox(page, id('date')).press('Enter');
  await textbox(page, id('amount')).fill(line.amount);
  await textbox(page, id('amount')).blur();
  await textbox(page, id('invoice')).fill(line.invoiceNo);
  await page.getByTestId(`${id('receipt')}-file`).setInputFiles(line.receipt);
  await expect(page.getByTestId(`${id('receipt')}-name`)).toContainText(line.receipt.name);
}

const as = (browser: Browser, username: string, startAt: string): Promise<Page> => signedInAs(browser, username, startAt, { acceptDownloads: true });

test.describe('OA: an expense claim from the form to finance', () => {
  test('employee files two lines with receipts, a claimed invoice is refused on its line; manager and finance approve', async ({ browser }) => {
    const fresh = `PW${Date.now()}`;
    const employee = await as(browser, 'employee', '/oa/start');
    await expect(employee.getByTestId('oa-catalogue')).toBeVisible();
    await employee.getByTestId('oa-type-expense').click();
    await expect(employee.getByTestId('expense-claim')).toBeVisible();
    await shots(employee, '1-empty');

    // Sending the empty form: its own checks, each on its field.
    await employee.getByTestId('expense-submit').click();
    await expect(employee.getByTestId('expense-failure')).toBeVisible();
    await expect(employee.getByTestId('expense-line-0').locator('.el-form-item__error').first()).toBeVisible();

    await textbox(employee, 'expense-title').fill('11 月苏州客户拜访');
    await fillLine(employee, 0, { category: '市内交通', date: '2026-11-20', amount: '356', invoiceNo: `${fresh}-1`, receipt: { name: '高铁票.pdf', mimeType: 'application/pdf', buffer: PDF } });
    await expect(employee.getByTestId('expense-total')).toHaveText('¥356.00');

    await employee.getByTestId('expense-add-line').click();
    await fillLine(employee, 1, { category: '住宿', date: '2026-11-21', amount: '150', invoiceNo: CLAIMED_INVOICE, receipt: { name: 'hotel.png', mimeType: 'image/png', buffer: PNG } });
    // Dollars need a rate; until it is stated the line is not counted.
    await choose(employee, 'expense-line-1-currency', 'USD');
    await expect(employee.getByTestId('expense-uncounted')).toBeVisible();
    await textbox(employee, 'expense-line-1-rate').fill('7.1032');
    // 356.00 + 150 × 7.1032 = 1,421.48, added as decimals.
    await expect(employee.getByTestId('expense-line-1-converted')).toContainText('¥1,065.48');
    await expect(employee.getByTestId('expense-total')).toHaveText('¥1,421.48');
    await expect(employee.getByTestId('expense-uncounted')).toHaveCount(0);
    await shots(employee, '2-filled');

    // The invoice number of a claim in approval: refused on line 2, naming that claim.
    await employee.getByTestId('expense-submit').click();
    const invoiceError = employee.getByTestId('expense-line-1').locator('.expense-line__invoice .el-form-item__error');
    await expect(invoiceError).toContainText(`发票 ${CLAIMED_INVOICE} 已在报销单 OA-`);
    await expect(invoiceError).toContainText('办公用品采购');
    await expect(employee.getByTestId('expense-line-0').locator('.el-form-item__error')).toHaveCount(0);
    await shots(employee, '3-duplicate-invoice', invoiceError);

    await textbox(employee, 'expense-line-1-invoice').fill(`${fresh}-2`);
    await expect(invoiceError).toHaveCount(0);
    await employee.getByTestId('expense-submit').click();
    await expect(employee).toHaveURL(/\/oa\/requests\//);
    await expect(employee.getByTestId('expense-claim-table')).toBeVisible();
    await expect(employee.getByTestId('expense-claim-total')).toHaveText('¥1,421.48');
    const number = ((await employee.locator('.request-page__meta span').first().textContent()) ?? '').trim();
    expect(number).toMatch(/^OA-\d{4}-\d{6}$/);
    const requestUrl = employee.url();
    await shots(employee, '4-submitted');
    await employee.context().close();

    // ---- the leader approves ---------------------------------------------------------------
    const manager = await as(browser, 'manager', requestUrl);
    await expect(manager.getByTestId('expense-claim-line-1')).toContainText('¥1,065.48');
    await manager.getByTestId('action-approve').click();
    await manager.getByTestId('action-confirm').click();
    await expect(manager.getByTestId('action-approve')).toHaveCount(0);
    await manager.context().close();

    // ---- finance approves from the inbox ----------------------------------------------------
    const finance = await as(browser, 'finance', '/');
    await finance.getByTestId('menu-group-oa').click();
    await finance.getByTestId('menu-item-oa-todo').click();
    await expect(finance.getByTestId('inbox-todo-view')).toBeVisible();
    await textbox(finance, 'inbox-search').fill(number);
    await finance.getByTestId('inbox-todo-apply').click();
    await expect(finance.getByTestId(`inbox-row-${number}`)).toBeVisible();
    await finance.getByTestId(`inbox-row-${number}`).click();
    const table = finance.getByTestId('expense-claim-table');
    await expect(table).toBeVisible();
    await expect(finance.getByTestId('expense-claim-line-0')).toContainText('¥356.00');
    await expect(finance.getByTestId('expense-claim-line-1')).toContainText('$150.00');
    await expect(finance.getByTestId('expense-claim-line-1')).toContainText('7.1032');
    await expect(finance.getByTestId('expense-claim-total')).toHaveText('¥1,421.48');
    const download = finance.waitForEvent('download');
    await finance.getByTestId('file-hotel.png').click();
    expect((await download).suggestedFilename()).toBe('hotel.png');
    await shots(finance, '5-finance-reads');
    // The photo of the hotel bill is looked at in place.
    await finance.getByTestId('expense-preview-1').click();
    await expect(finance.getByTestId('expense-preview-image')).toBeVisible();
    await finance.keyboard.press('Escape');
    await expect(finance.getByTestId('expense-preview-image')).toBeHidden();
    await finance.getByTestId('action-approve').click();
    await finance.getByTestId('action-confirm').click();
    await expect(finance.getByTestId('oa-request-status')).toHaveText('已通过');
    await shots(finance, '6-approved');
    await finance.context().close();

    // ---- the employee finds it approved among their claims ----------------------------------
    const again = await as(browser, 'employee', '/oa/expenses');
    await expect(again.getByTestId('menu-item-oa-expense-mine')).toBeVisible();
    const row = again.getByTestId(`expense-mine-${number}`);
    await expect(row).toContainText('已通过');
    await expect(row).toContainText('¥1,421.48');
    await shots(again, '7-my-claims');
    await again.context().close();
  });
});
