import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page, type Request } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work on
 * these machines). As root, Chromium needs --no-sandbox.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = process.env.BROWSER_SCREENSHOTS ?? join(__dirname, '../../../.test-results/browser');

/** A laptop's screen. */
export const VIEWPORT = { width: 1440, height: 900 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

interface Allowance {
  url: RegExp;
  status: number;
  used: boolean;
}

/**
 * A page that records what a user would never want to see: console errors, uncaught exceptions,
 * failed requests and error answers. `problems()` lists those since it was last called, so each
 * test ends by expecting none of its own.
 * A test that provokes an error answer on purpose (a wrong key) allows it first with `allow()`.
 */
export interface WatchedPage {
  page: Page;
  allow(url: RegExp, status: number): void;
  problems(): string[];
  shot(name: string): Promise<string>;
}

export async function openPage(browser: Browser, baseUrl: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: baseUrl, locale: 'en-GB', timezoneId: 'UTC', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed: Allowance[] = [];
  const allowedStatus = (url: string, status: number) => {
    const a = allowed.find((x) => !x.used && x.status === status && x.url.test(url));
    if (a) a.used = true;
    return Boolean(a);
  };
  // Chromium reports an error answer twice: as a response and as a console error naming only its status.
  const allowedConsole: number[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const status = /the server responded with a status of (\d{3})/.exec(message.text());
    const index = status ? allowedConsole.indexOf(Number(status[1])) : -1;
    if (index >= 0) {
      allowedConsole.splice(index, 1);
      return;
    }
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request: Request) => {
    // An aborted request is the browser's own cancellation, not a failure: closing the notification
    // stream (sign-out), or a reload while a page's data is still loading. A server that is down
    // or resets the connection shows as another error.
    if (/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) return;
    problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() < 400) return;
    if (allowedStatus(response.url(), response.status())) {
      allowedConsole.push(response.status());
      return;
    }
    problems.push(`error answer: ${response.request().method()} ${response.url()} → ${response.status()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    allow: (url, status) => allowed.push({ url, status, used: false }),
    problems: () => problems.splice(0),
    async shot(name: string) {
      const path = join(SCREENSHOTS, `${name}.png`);
      // Let transitions and late fetches settle so that the picture is what a user sees.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
