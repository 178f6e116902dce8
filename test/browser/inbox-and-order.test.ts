/**
 * The inbox past one page (上一页 / 下一页), 只看我的 (tasks the user holds), and the order page's
 * timeline in Chinese, in a real headless Chromium against the whole app on a test database.
 */
import type { Page } from 'playwright-core';
import type { Client } from '../helpers/api-harness';
import { internalLeaks } from '../helpers/visible-text';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

const ORDERS = 53;
let app: BrowserApp;
const signTasks: string[] = [];
beforeAll(async () => {
  app = await openBrowserApp();
  const operator = await app.harness.login('sample.op1');
  for (let i = 0; i < ORDERS; i++) {
    const res = await operator.post('/api/orders', {
      city: 'sample',
      category: 'complaint',
      channel: 'hotline',
      content: `第${i + 1}号：路灯不亮`,
      requester: { name: '郑九', phone: `137${String(10_000_000 + i)}` },
    });
    if (res.status !== 201) throw new Error(`intake ${i}: ${res.status}`);
    signTasks.push(res.body.tasks.find((t: { status: string }) => t.status === 'open').id);
  }
});
afterAll(async () => {
  await app?.close();
});

const rows = (page: Page) => page.locator('#inbox-table tbody tr').count();

async function claim(client: Client, taskId: string): Promise<void> {
  expect((await client.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
}

it('pages the inbox 50 rows at a time, with next and previous page links', async () => {
  const page = await app.loggedIn('sample.xh-handler', '/inbox?tab=to-sign');
  expect(await rows(page)).toBe(50);
  expect(await page.locator('.pager-at').textContent()).toBe('第 1 / 2 页');
  expect(await page.locator('.pager a[rel=prev]').count()).toBe(0);
  await page.getByRole('link', { name: '下一页' }).click();
  await page.waitForURL(/page=2/);
  expect(await rows(page)).toBe(ORDERS - 50);
  expect(await page.locator('.pager-at').textContent()).toBe('第 2 / 2 页');
  const second = await page.locator('#inbox-table tbody tr').first().getAttribute('data-task');
  await page.getByRole('link', { name: '上一页' }).click();
  await page.waitForURL((url) => !url.search.includes('page='));
  expect(await page.locator(`tr[data-task="${second}"]`).count()).toBe(0);
});

it('只看我的 shows only the tasks the user holds, and the tabs keep it', async () => {
  await claim(await app.harness.login('sample.xh-handler'), signTasks[0]!);
  await claim(await app.harness.login('sample.xh-leader'), signTasks[1]!);
  const page = await app.loggedIn('sample.xh-handler', '/inbox?tab=in-progress');
  expect(await rows(page)).toBe(2);
  await page.getByRole('link', { name: '只看我的' }).click();
  await page.waitForURL(/scope=mine/);
  expect(await page.locator('#inbox-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task')))).toEqual([signTasks[0]]);
  expect(await page.locator('.tab-in-progress .count').textContent()).toBe('1');
  expect(await page.locator('.tab-to-sign').getAttribute('href')).toBe('/inbox?tab=to-sign&scope=mine');
  await page.getByRole('link', { name: '本单位全部' }).click();
  await page.waitForURL((url) => !url.search.includes('scope='));
  expect(await rows(page)).toBe(2);
});

it('names every event of the order timeline in Chinese', async () => {
  const page = await app.loggedIn('sample.xh-handler', '/inbox?tab=in-progress&scope=mine');
  await page.locator('#inbox-table tbody tr').first().locator('td').first().getByRole('link').click();
  await page.waitForURL(/\/orders\//);
  const names = await page.locator('.timeline .tl-type').evaluateAll((els) => els.map((e) => [e.getAttribute('data-type'), e.textContent]));
  expect(names).toEqual(expect.arrayContaining([['order.created', '工单受理'], ['task.created', '生成办理环节'], ['task.claimed', '认领任务']]));
  for (const [type, name] of names) expect(name).not.toBe(type);
  // each entry a sentence: who by name and unit, what in words, times in the city's one format
  const claimed = page.locator('.timeline > li[data-type="task.claimed"]').first();
  await expect(claimed.locator('.tl-who').textContent()).resolves.toBe('李承办（新华区）');
  await expect(claimed.locator('.tl-what').textContent()).resolves.toMatch(/^认领办理环节 /);
  await expect(page.locator('.timeline > li[data-type="order.created"] .tl-who').textContent()).resolves.toBe(`王话务（${centre()}）`);
  await expect(page.locator('.timeline > li[data-type="task.created"] .tl-what').first().textContent()).resolves.toMatch(/^生成办理环节 .+，办结期限 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  expect(internalLeaks(await page.locator('main').innerText(), 'sample')).toEqual([]);
  expect(await page.locator('#history-export').count()).toBe(0); // the raw export is for auditors
});

function centre(): string {
  return app.harness.runtime.catalog.policy('sample').policy.centre;
}

it('lets an auditor download the raw timeline of an order', async () => {
  const order = await app.harness.runtime.database.db.selectFrom('work_orders').select(['id', 'number']).where('city', '=', 'sample').orderBy('number').executeTakeFirstOrThrow();
  const page = await app.loggedIn('sample.audit1', `/orders/${order.id}`);
  const auditor = page.context().request;
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#history-export').click()]);
  expect(download.suggestedFilename()).toBe(`${order.number}-办理记录.csv`);
  const csv = await (await auditor.get(`${app.base}/orders/${order.id}/history.csv`)).text();
  expect(csv).toContain('order.created');
  expect(csv).toContain('时间（UTC）');
});
