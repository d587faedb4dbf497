import { expect, type Page } from '@playwright/test';

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
  await expect(page.getByTestId('app-shell')).toBeVisible({ timeout: 20_000 });
}
