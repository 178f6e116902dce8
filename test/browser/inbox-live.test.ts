/**
 * Work that arrives (issue 13 point 7), in a real headless Chromium: an open inbox learns of an
 * order the operator files through the API within 2 s without reload (tab count, notice, the
 * navigation's badge, also on another page), filters its list, signs several tasks at once with a
 * report per task, and remembers the reminder toggle.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '../helpers/api-harness';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

let app: BrowserApp;
let operator: Client;
beforeAll(async () => {
  app = await openBrowserApp();
  operator = await app.harness.login('sample.op1');
  await file('complaint', '建设路路灯不亮');
  await file('help', '独居老人求助');
});
afterAll(async () => {
  await app?.close();
});

async function file(category: string, content: string): Promise<string> {
  const res = await operator.post('/api/orders', { city: 'sample', category, channel: 'hotline', content, requester: { name: '郑九', phone: '13712345678' } });
  if (res.status !== 201) throw new Error(`intake: ${res.status}`);
  return res.body.tasks[0].id as string;
}

/** Waits until `read` gives `expected` (a script fills it in), failing after `ms`. */
async function until(read: () => Promise<string | null>, expected: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  let last: string | null = null;
  while (Date.now() < end) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${JSON.stringify(expected)} within ${ms} ms, still ${JSON.stringify(last)}`);
}

it('shows a new task in an open inbox within 2 s without reload, and the badge on every page', async () => {
  const inbox = await app.loggedIn('sample.xh-handler', '/inbox?tab=to-sign');
  const other = await app.loggedIn('sample.xh-leader', '/search');
  const badge = inbox.locator('#nav-todo');
  await until(() => badge.textContent(), '2');
  await until(() => other.locator('#nav-todo').textContent(), '2');
  expect(await inbox.locator('#inbox-arrived').isHidden()).toBe(true);
  const loaded = await inbox.evaluate(() => performance.timeOrigin);

  app.harness.clock.advance(1000);
  await file('urgent', '燃气泄漏，请立即处理');
  const filedAt = Date.now();
  await inbox.locator('#inbox-arrived:not([hidden])').waitFor({ timeout: 2000 });
  expect(Date.now() - filedAt).toBeLessThan(2000);
  expect(await inbox.locator('#inbox-refresh').textContent()).toBe('有 1 件新工单，点击刷新');
  expect(await inbox.locator('.tab-to-sign .count').textContent()).toBe('3');
  expect(await badge.textContent()).toBe('3');
  await until(() => other.locator('#nav-todo').textContent(), '3', 2000);
  expect(await inbox.evaluate(() => performance.timeOrigin)).toBe(loaded);
  fs.mkdirSync('screenshots', { recursive: true });
  await inbox.screenshot({ path: path.join('screenshots', 'inbox-live-notice.png'), fullPage: true });

  await inbox.locator('#inbox-refresh').click();
  await inbox.waitForLoadState('load');
  expect(await inbox.locator('#inbox-table tbody tr').count()).toBe(3);
  await until(() => inbox.locator('#nav-todo').textContent(), '3');
  expect(await inbox.locator('#inbox-arrived').isHidden()).toBe(true);
  expect(app.errors).toEqual([]);
});

it('filters the list by category and due, and remembers the reminder toggle', async () => {
  const inbox = await app.loggedIn('sample.xh-handler', '/inbox?tab=to-sign');
  await inbox.getByLabel('类别').selectOption({ label: '求助' });
  await inbox.getByRole('button', { name: '筛选', exact: true }).click();
  await inbox.waitForURL(/category=help/);
  expect(await inbox.locator('#inbox-table tbody tr').count()).toBe(1);
  expect(await inbox.locator('#inbox-table tbody').textContent()).toContain('独居老人求助');
  await inbox.getByRole('link', { name: '清除筛选' }).click();
  await inbox.getByLabel('期限').selectOption({ label: '今天到期' });
  await inbox.getByRole('button', { name: '筛选', exact: true }).click();
  await inbox.waitForURL(/due=today/);
  expect(await inbox.locator('#inbox-table tbody').textContent()).toContain('燃气泄漏');
  expect(await inbox.locator('#inbox-table tbody tr').count()).toBe(1);

  expect(await inbox.getByLabel('响铃提示').isChecked()).toBe(false);
  await inbox.getByLabel('响铃提示').check();
  await inbox.reload();
  expect(await inbox.getByLabel('响铃提示').isChecked()).toBe(true);
  expect(app.errors).toEqual([]);
});

it('signs the chosen tasks at once and says, per order, what happened', async () => {
  const inbox = await app.loggedIn('sample.xh-handler', '/inbox?tab=to-sign');
  const rows = inbox.locator('#inbox-table tbody tr');
  expect(await rows.count()).toBe(3);
  // Someone else claims one after the page was shown.
  const taken = String(await rows.nth(2).getAttribute('data-task'));
  const takenNumber = String(await rows.nth(2).getAttribute('data-order'));
  const leader = await app.harness.login('sample.xh-leader');
  expect((await leader.post(`/api/tasks/${taken}/claim`)).status).toBe(200);

  await inbox.getByLabel('全选本页可签收的工单').check();
  await inbox.getByRole('button', { name: '签收（3）' }).click();
  await inbox.getByRole('alertdialog').getByRole('button', { name: '签收' }).click();
  const report = inbox.locator('#batch-report');
  await report.locator('li').first().waitFor();
  expect(await report.locator('p').textContent()).toBe('已签收 2 件，未签收 1 件：');
  expect(await report.locator('li.refused').textContent()).toBe(`${takenNumber}：未签收。该任务已由他人认领，只有认领人可以办理。`);
  expect(await report.locator('li:not(.refused)').allTextContents()).toEqual([expect.stringMatching(/：已签收$/), expect.stringMatching(/：已签收$/)]);
  await inbox.screenshot({ path: path.join('screenshots', 'inbox-batch-sign.png'), fullPage: true });
  await inbox.getByRole('button', { name: '刷新列表' }).click();
  await inbox.waitForLoadState('load');
  expect(await inbox.locator('#inbox-table tbody tr').count()).toBe(0);
  expect(app.errors).toEqual([]);
});
