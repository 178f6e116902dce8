/**
 * The operator console's routing suggestion, 受理方式 and a barred caller in a real headless
 * Chromium against the whole app (huizhou, demo users) on a test database.
 */
import type { Page } from 'playwright-core';
import { BrowserApp, filled, openBrowserApp } from '../helpers/browser-app';
import type { ApiHarness } from '../helpers/api-harness';

jest.setTimeout(120_000);

let app: BrowserApp;
let harness: ApiHarness;
let base: string;
beforeAll(async () => {
  app = await openBrowserApp();
  harness = app.harness;
  base = app.base;
});
afterAll(async () => {
  await app?.close();
});

const loggedIn = (username: string, path = '/inbox'): Promise<Page> => app.loggedIn(username, path);


/** The common part of an intake: a requester and a request. */
async function fillRequest(page: Page, phone: string, content: string): Promise<void> {
  await page.goto(`${base}/intake`);
  await page.getByLabel('诉求类别').selectOption('complaint');
  await page.getByLabel('来源渠道').selectOption('hotline');
  await page.getByLabel('诉求人姓名').fill('赵六');
  await page.getByLabel('联系电话').fill(phone);
  await page.getByLabel('诉求内容').fill(content);
}

async function recorded(page: Page): Promise<{ status: string; leadUnit: string | null }> {
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const operator = await harness.login('huizhou.hz-op1');
  const res = await operator.get(`/api/orders/${id}`);
  expect(res.status).toBe(200);
  return { status: res.body.order.status, leadUnit: res.body.order.leadUnit ?? null };
}

it('a not-accepted intake with a reason code records an order not accepted', async () => {
  const page = await loggedIn('huizhou.hz-op1');
  await fillRequest(page, '13811110001', '要求市热线处理邻省的土地纠纷。');
  expect(await page.locator('[data-mode-detail="not-accepted"]').isHidden()).toBe(true);
  await page.getByLabel('不予受理', { exact: true }).check();
  await page.getByLabel('不予受理原因').selectOption('outside-jurisdiction');
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect((await recorded(page)).status).toBe('not-accepted');
});

it('a transfer to 110 records an order transferred', async () => {
  const page = await loggedIn('huizhou.hz-op1');
  await fillRequest(page, '13811110002', '有人在小区门口打架，请求出警。');
  await page.getByLabel('转110/119/120').check();
  await page.getByLabel('转出至').selectOption('police110');
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect((await recorded(page)).status).toBe('transferred');
});

it('suggests the unit of the routing table for a district, and the override is the lead', async () => {
  const page = await loggedIn('huizhou.hz-op1');
  await fillRequest(page, '13811110003', '小区内夜间施工噪音扰民。');
  await page.getByLabel('所属区域').selectOption('惠阳区');
  await page.waitForSelector('#in-leadUnit-suggestion[data-unit="惠阳区"]');
  expect(await page.locator('#in-leadUnit-suggestion').textContent()).toContain('惠阳区');
  await page.getByLabel('诉求主题').fill('社会保险');
  await page.waitForSelector('#in-leadUnit-suggestion[data-unit="惠州市人力资源和社会保障局"]');
  await page.getByLabel('诉求主题').fill('');
  await page.getByLabel('承办单位').selectOption('惠州市生态环境局');
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect((await recorded(page)).leadUnit).toBe('惠州市生态环境局');
});

it('a barred caller is named at the phone field and what was typed stays', async () => {
  const until = new Date(Date.now() + 10 * 86_400_000);
  await harness.runtime.uow.run((repos) =>
    repos.blocks.insert({ city: 'huizhou', phone: '13811110004', reason: '骚扰热线', orderId: null, blockedBy: 'huizhou.hz-disp1', blockedAt: new Date(), until }),
  );
  const page = await loggedIn('huizhou.hz-op1');
  await fillRequest(page, '13811110004', '再次来电。');
  await page.getByRole('button', { name: '提交并派单' }).click();
  const text = await filled(page, '#in-requesterPhone-error');
  expect(text).toContain('该号码已被限制至');
  expect(text).toContain('骚扰热线');
  expect(await page.getByLabel('诉求内容').inputValue()).toBe('再次来电。');
  expect(page.url()).toBe(`${base}/intake`);
});
