import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../../scripts/chromium';
import { ApiHarness, DEMO_PASSWORD, openApiHarness } from './api-harness';

/** The whole app served on a local port, and a headless Debian Chromium to drive it. */
export interface BrowserApp {
  harness: ApiHarness;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Console errors and uncaught page errors of every page, `username: message`. */
  errors: string[];
  /** A fresh browser (own cookies) that opens `path`, is sent to the login page, logs in and lands there. Any dialog fails the test. */
  loggedIn(username: string, path?: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Where the virtual clock starts. The browser checks cookie expiry against its own (real) clock, so
 * the start is near now and never before it by more than a little; and it is daytime in Beijing
 * (08:00–20:00), so that "today" in a test does not end a few minutes after it began (an order due
 * in 30 minutes, filed at 23:50, is not due today). At night it is the coming 09:00 (sessions last
 * 12 hours, so their cookies outlive the test either way).
 */
export function browserClockStart(now: Date): Date {
  const beijingHour = (now.getUTCHours() + 8) % 24;
  if (beijingHour >= 8 && beijingHour < 20) return now;
  const next = new Date(now);
  next.setUTCHours(1, 0, 0, 0); // 09:00 in Beijing
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** `start`: where the virtual clock starts when a test needs a given day (a scenario's); near now by default. */
export async function openBrowserApp(start?: Date): Promise<BrowserApp> {
  if (!chromiumAvailable())
    throw new Error(`Chromium is needed for the browser tests: apt-get install chromium (looked for ${CHROMIUM})`);
  const harness = await openApiHarness((start ?? browserClockStart(new Date())).toISOString());
  const server = await new Promise<Server>((resolve) => {
    const s = harness.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    harness,
    base,
    errors,
    async loggedIn(username, path = '/inbox') {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('dialog', (d) => {
        throw new Error(`unexpected dialog: ${d.message()}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${username}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
      await page.goto(`${base}${path}`);
      if (!page.url().includes('/login?next='))
        throw new Error(`expected ${path} to send a stranger to the login page, got ${page.url()}`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await harness.close();
    },
  };
}

/** The text of an element once a script has filled it in. */
export async function filled(page: Page, selector: string): Promise<string> {
  await page.locator(`${selector}:not(:empty)`).waitFor();
  return (await page.locator(selector).textContent()) ?? '';
}
