import type { Locator, Page } from 'playwright-core';

/** The notification that follows the operation of what the user just did. */
export const toast = (page: Page, title: string | RegExp): Locator => page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: title });

export async function expectSucceeded(page: Page, title: string | RegExp): Promise<Locator> {
  const t = toast(page, title).last();
  await t.getByText('Succeeded', { exact: true }).waitFor({ timeout: 30_000 });
  return t;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: new RegExp(`^${escape(name)}(\\s|$)`) }) });
export const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
export const cells = async (row: Locator) => (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
export const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();


export async function expectFailed(page: Page, title: string | RegExp): Promise<Locator> {
  const t = toast(page, title).last();
  await t.getByText('Failed', { exact: true }).waitFor({ timeout: 30_000 });
  return t;
}

/** Signs in on the sign-in screen and waits for the console to open. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

/** Closes every notification, as a user tidying the screen would. */
export async function dismissNotifications(page: Page): Promise<void> {
  const buttons = page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: /^Dismiss / });
  while ((await buttons.count()) > 0) await buttons.first().click();
}
