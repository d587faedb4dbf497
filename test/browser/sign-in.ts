import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

/** Every demo login shares this password (libs/org demo seed). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Signs in through the login form, as a person would, and waits for the shell. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, startAt = '/'): Promise<void> {
  await page.goto(startAt);
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Password hashing (argon2) takes seconds on a busy machine.
  await expect(page.getByTestId('app-shell')).toBeVisible({ timeout: 30_000 });
}

/** A person of their own in a story of several: a fresh browser context at desktop size, signed in through the form. */
export async function signedInAs(browser: Browser, username: string, startAt: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  await signIn(page, username, DEMO_PASSWORD, startAt);
  return page;
}

/**
 * The text box of an input or text area: Element Plus puts a test id on the <input> or
 * <textarea> itself or on a wrapper around it.
 */
export function textbox(page: Page, testId: string) {
  return page
    .locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input, textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`)
    .first();
}
