/**
 * The assessment and report pages in headless Chromium (Haikou): a supervisor computes last
 * month, publishes it, records a measure on an accountability entry and downloads the run as
 * .xlsx, which holds the figures of the page; a dispatcher black-lists an order from the order
 * page; the monthly report page shows the counts its .xlsx holds. Orders are rows with chosen
 * dates in last month (test/helpers/report-fixtures.ts).
 */
import fs from 'node:fs';
import { monthOf, previousMonth } from '../../src/engine/assessment/periods';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import { readXlsx, rowsByFirstCell, seedOrder } from '../helpers/report-fixtures';

jest.setTimeout(180_000);

let app: BrowserApp;
let period: string;
let orderId: string;

/** A UTC instant of `period` at day `d` (10:00 city time). */
const day = (d: number, hour = 2) => `${period}-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

beforeAll(async () => {
  app = await openBrowserApp();
  period = previousMonth(monthOf(app.harness.clock.now(), 'Asia/Shanghai'));
  const rt = app.harness.runtime;
  // 秀英区: one closed on time, one closed late
  await seedOrder(rt, { unit: '秀英区', category: 'complaint', channel: 'hotline', created: day(3), due: day(10), closed: day(8) });
  await seedOrder(rt, { unit: '秀英区', category: 'complaint', channel: 'web', created: day(4), due: day(9), closed: day(12) });
  // 龙华区: an emergency whose 30-minute contact came late (HK-15), closed on time
  orderId = await seedOrder(rt, {
    unit: '龙华区', category: 'emergency', channel: 'hotline', created: day(5), due: day(6), closed: day(5, 8),
    task: { formKey: 'contact', due: day(5, 3), done: day(5, 5) },
  });
});
afterAll(async () => {
  await app?.close();
});

/** Logged in at `path`; the browser's first request of /favicon.ico (404) is not the page's error. */
async function open(username: string, path: string) {
  const page = await app.loggedIn(username, path);
  app.errors.length = 0;
  return page;
}

it('a supervisor computes last month, publishes it, records a measure and downloads the .xlsx holding the page', async () => {
  const page = await open('haikou.hk-sup1', '/assessment');
  await expect(page.locator('#month').inputValue()).resolves.toBe(period);
  await expect(page.locator('.sidenav a[aria-current="page"]').textContent()).resolves.toBe('月度考核');
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForURL(/\/assessment\/runs\/[0-9a-f-]{36}$/);
  await expect(page.locator('#run-state').textContent()).resolves.toBe('未发布');
  // each indicator with its definition
  await expect(page.locator('#indicators-table tr', { hasText: '按时办结率' }).textContent()).resolves.toContain('本月办结的工单中，在办结时限（含获批延期）内办结的比例');

  await page.locator('#publish-run').click();
  await page.locator('#run-state:has-text("已发布")').waitFor();
  await expect(page.locator('#publish-run').count()).resolves.toBe(0);

  const entry = page.locator('#lists-table tr[data-unit="龙华区"][data-rule="HK-15"]');
  await expect(entry.textContent()).resolves.toContain('紧急类办件未按时联系数 1 件');
  await entry.getByLabel('措施').selectOption('责令限期整改');
  await entry.getByLabel('备注').fill('限期一周');
  await entry.getByRole('button', { name: '记录措施' }).click();
  await page.locator('#lists-table tr[data-unit="龙华区"][data-rule="HK-15"] .measures li:has-text("责令限期整改（限期一周）")').waitFor();

  // the units table of the page, as text
  const headings = await page.locator('[data-table="units"] thead th').allTextContents();
  const pageRows: string[][] = [];
  for (const tr of await page.locator('[data-table="units"] tbody tr').all()) pageRows.push((await tr.locator('td').allTextContents()).map((x) => x.trim()));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
  expect(download.suggestedFilename()).toBe(`海口市${period} 月度考核（已发布，规则版本 1）.xlsx`);
  const book = await readXlsx(fs.readFileSync((await download.path())!));
  const sheet = book.get('各单位考核结果')!;
  expect(sheet[1]).toEqual(headings);
  const xlsxRows = rowsByFirstCell(sheet);
  const scoreAt = headings.indexOf('得分');
  const onTimeAt = headings.indexOf('按时办结率');
  for (const unit of ['秀英区', '龙华区']) {
    const shown = pageRows.find((r) => r[0] === unit)!;
    const held = xlsxRows.get(unit)!;
    expect((held[scoreAt] as number).toFixed(2)).toBe(shown[scoreAt]);
    expect(`${((held[onTimeAt] as number) * 100).toFixed(1)}%`).toBe(shown[onTimeAt]);
  }
  expect(pageRows.find((r) => r[0] === '秀英区')![onTimeAt]).toBe('50.0%');
  const lists = book.get('问责名单')!;
  expect(lists.find((r) => r[0] === 'HK-15' && r[2] === '龙华区')?.[7]).toBe('责令限期整改（限期一周）');
  expect(app.errors).toEqual([]);
});

it("a dispatcher black-lists an order from the order page; the month's findings list it", async () => {
  const page = await open('haikou.hk-disp1', `/orders/${orderId}`);
  const form = page.locator('#order-finding-form');
  await expect(page.locator('#order-finding-heading').textContent()).resolves.toBe('记录问责事项');
  await form.getByLabel('事项类别').selectOption({ label: '列为黑榜办件' });
  await form.getByLabel('事由').fill('未在30分钟内联系诉求人');
  await form.getByRole('button', { name: '记录问责事项' }).click();
  await page.locator('#order-finding-message:has-text("已记录")').waitFor();
  await page.goto(`${app.base}/assessment?period=${monthOf(app.harness.clock.now(), 'Asia/Shanghai')}`);
  await expect(page.locator('#findings-table tbody tr').first().textContent()).resolves.toMatch(/列为黑榜办件.*龙华区.*未在30分钟内联系诉求人/);
  // a unit's handler sees no such form
  const handler = await open('haikou.lh-handler', `/orders/${orderId}`);
  await expect(handler.locator('#order-finding-form').count()).resolves.toBe(0);
  expect(app.errors).toEqual([]);
});

it('the monthly report page shows the counts by category that its .xlsx holds', async () => {
  const page = await open('haikou.hk-sup1', `/reports?kind=monthly&period=${period}`);
  const row = (name: string) => page.locator('[data-table="byCategory"] tbody tr', { hasText: name }).locator('td').allTextContents();
  expect(await row('投诉类')).toEqual(['投诉类', '2', '2', '1', '1', '1']);
  expect(await row('合计')).toEqual(['合计', '3', '3', '2', '1', '1']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
  const book = await readXlsx(fs.readFileSync((await download.path())!));
  expect(rowsByFirstCell(book.get('按类别统计')).get('投诉类')).toEqual(['投诉类', 2, 2, 1, 1, 1]);
  expect(book.has('各单位考核结果')).toBe(true);
  expect(app.errors).toEqual([]);
});
