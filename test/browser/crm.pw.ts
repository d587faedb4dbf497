import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// CRM against the real API and the demo company: 孙丽 (sales) converts the demo lead
// 黄蕾 onto the customer her company already is, logs a follow-up, and drags the new
// opportunity to the next stage; 张伟 (salesmgr) then sees it there on his board. The
// names this test makes carry the run's time, so the suite can run again on the same data.

const shots = 'test-results/browser/crm';

test('sales converts a lead onto an existing customer, follows up and moves the deal; the manager sees it', async ({ browser }) => {
  test.setTimeout(120_000);
  const deal = `刀具寿命方案 ${Date.now() % 100000}`;
  const rep = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const failures: string[] = [];
  rep.on('pageerror', (error) => failures.push(error.message));

  await signIn(rep, 'sales', undefined, '/crm/leads');
  await expect(rep.getByTestId('leads-table')).toContainText('黄蕾');
  await rep.screenshot({ path: `${shots}/1-leads.png` });
  await rep.getByTestId('lead-convert-黄蕾').click();
  const dialog = rep.getByTestId('lead-convert');
  // Her company is already a customer: converting onto it is offered first.
  await expect(dialog.getByTestId('convert-match-苏州精工机械有限公司')).toBeVisible();
  await expect(dialog.getByTestId('convert-match-苏州精工机械有限公司').locator('input')).toBeChecked();
  await dialog.getByTestId('convert-opportunity-name').fill(deal);
  await dialog.getByTestId('convert-amount').fill('36800.00');
  await rep.screenshot({ path: `${shots}/2-convert.png` });
  await dialog.getByTestId('convert-save').click();

  await expect(rep).toHaveURL(/\/crm\/customers\/[0-9a-f-]+$/, { timeout: 20_000 });
  await expect(rep.getByTestId('customer-title')).toHaveText('苏州精工机械有限公司');
  const timeline = rep.getByTestId('customer-timeline');
  await expect(timeline.getByTestId('timeline-lead-converted').first()).toContainText('黄蕾');
  await expect(timeline).toContainText(deal);

  // A visit, with the next follow-up date.
  await rep.getByTestId('follow-up-kind-visit').click();
  await rep.getByTestId('follow-up-content').fill('上门演示刀具寿命监测，客户认可，约下周报价');
  await rep.getByTestId('follow-up-save').click();
  await expect(timeline.getByTestId('timeline-follow-up').first()).toContainText('上门演示刀具寿命监测');
  await rep.screenshot({ path: `${shots}/3-customer-timeline.png`, fullPage: true });

  // The board: drag the new deal from 初步接洽 to 需求确认.
  await rep.goto('/crm/pipeline');
  const from = rep.getByTestId('board-column-初步接洽');
  const to = rep.getByTestId('board-column-需求确认');
  const card = from.getByTestId(`board-card-${deal}`);
  await expect(card).toBeVisible({ timeout: 20_000 });
  await rep.screenshot({ path: `${shots}/4-board-before.png` });
  await card.dragTo(to.locator('.board__cards'));
  await expect(to.getByTestId(`board-card-${deal}`)).toBeVisible();
  await expect(from.getByTestId(`board-card-${deal}`)).toHaveCount(0);
  // The move was saved, not only drawn: it is there after a reload.
  await rep.reload();
  await expect(rep.getByTestId('board-column-需求确认').getByTestId(`board-card-${deal}`)).toBeVisible({ timeout: 20_000 });
  await rep.screenshot({ path: `${shots}/5-board-after.png` });

  // At tablet width the board scrolls sideways and the customer page wraps its actions.
  await rep.setViewportSize({ width: 1024, height: 768 });
  await rep.screenshot({ path: `${shots}/6-board-tablet.png` });
  expect(failures).toEqual([]);

  const manager = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(manager, 'salesmgr', undefined, '/crm/pipeline');
  const managed = manager.getByTestId('board-column-需求确认').getByTestId(`board-card-${deal}`);
  await expect(managed).toBeVisible({ timeout: 20_000 });
  await expect(managed).toContainText('孙丽');
  await manager.screenshot({ path: `${shots}/7-manager-board.png` });
  await managed.getByRole('link', { name: deal }).click();
  await expect(manager.getByTestId('opportunity-history')).toContainText('需求确认');
  await expect(manager.getByTestId('opportunity-history')).toContainText('孙丽');
  await manager.screenshot({ path: `${shots}/8-opportunity.png`, fullPage: true });
});

test('the customer form warns of a duplicate before saving', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'sales', undefined, '/crm/customers');
  await page.getByTestId('customer-create').click();
  await page.getByTestId('customer-name').fill('苏州精工机械（集团）有限公司');
  const warning = page.getByTestId('customer-duplicates');
  await expect(warning).toContainText('苏州精工机械有限公司');
  await expect(warning).toContainText('名称');
  await page.screenshot({ path: `${shots}/9-duplicate-warning.png` });
  // Saving without confirming is refused by the server, and nothing is created.
  await page.getByTestId('customer-save').click();
  await expect(page.getByTestId('customer-form')).toContainText(/苏州精工机械有限公司/);
  await page.keyboard.press('Escape');
});
