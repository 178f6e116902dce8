/**
 * The operator console after and around intake, in a real headless Chromium against the whole
 * app: an emergency's liaison call offered at once (haikou), a topic's precedent as the suggested
 * unit (dazhu, DZ-4), and a barred caller's date read from the problem's details.
 */
import type { Page } from 'playwright-core';
import { BrowserApp, filled, openBrowserApp } from '../helpers/browser-app';

jest.setTimeout(120_000);

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

async function fillRequest(page: Page, category: string, phone: string, topic: string): Promise<void> {
  await page.getByLabel('诉求类别').selectOption(category);
  await page.getByLabel('来源渠道').selectOption('hotline');
  await page.getByLabel('诉求人姓名').fill('吴十一');
  await page.getByLabel('联系电话').fill(phone);
  await page.getByLabel('诉求内容').fill('小区变压器冒烟，随时可能起火。');
  await page.getByLabel('诉求主题').fill(topic);
}

it('offers the emergency\'s liaison call to the operator at once, and opens its form (haikou)', async () => {
  const page = await app.loggedIn('haikou.hk-op1', '/intake');
  await fillRequest(page, 'emergency', '13912340001', '停电');
  await page.getByRole('button', { name: '提交并派单' }).click();
  const next = page.locator('#intake-next');
  await next.waitFor();
  expect(page.url()).toBe(`${app.base}/intake`);
  expect(await page.locator('#intake-next-task').textContent()).toBe('电话通知联络员');
  expect(await page.locator('#intake-next-number').textContent()).toMatch(/\S/);
  expect(await page.evaluate('document.activeElement.id')).toBe('intake-next');
  expect(await page.getByLabel('诉求内容').inputValue()).toBe('');
  await page.getByRole('link', { name: '立即办理' }).click();
  await page.waitForURL(/\/tasks\//);
  expect(await page.locator('h1').textContent()).toContain('电话通知联络员');
  expect(await page.locator('#outcome-done').getByLabel('接电话的联络员').count()).toBe(1);
});

it('opens the order as before when no task of it is the operator\'s (haikou complaint)', async () => {
  const page = await app.loggedIn('haikou.hk-op1', '/intake');
  await fillRequest(page, 'complaint', '13912340002', '停电');
  await page.getByRole('button', { name: '提交并派单' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
});

it("suggests the unit of a topic's precedent over the routing table (dazhu)", async () => {
  await app.harness.runtime.uow.run((repos) =>
    repos.precedents.upsert({ city: 'dazhu', topic: '小区充电桩', unit: '县住房和城乡建设局', orderId: null, setBy: 'dazhu.dz-gov-sup', setAt: app.harness.clock.now() }),
  );
  const page = await app.loggedIn('dazhu.dz-op1', '/intake');
  await fillRequest(page, 'complaint', '13912340003', '小区充电桩');
  await page.getByLabel('所属区域').selectOption('竹阳街道');
  await page.waitForSelector('#in-leadUnit-suggestion[data-source="precedent"][data-unit="县住房和城乡建设局"]');
  expect(await page.locator('#in-leadUnit-suggestion').textContent()).toBe('按批示先例派往：县住房和城乡建设局');
  await page.getByLabel('诉求主题').fill('');
  await page.waitForSelector('#in-leadUnit-suggestion[data-source="routing"][data-unit="竹阳街道"]');
});

it("names a barred caller's date and reason from the problem's details, not its English text", async () => {
  const page = await app.loggedIn('huizhou.hz-op1', '/intake');
  await page.route('**/api/orders', (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:minhu:error:CALLER_BLOCKED', title: 'CALLER_BLOCKED', status: 422, code: 'CALLER_BLOCKED', detail: 'barred', details: { until: '2026-12-31T04:00:00.000Z', reason: '恶意骚扰' } }),
    }),
  );
  await fillRequest(page, 'complaint', '13912340004', '');
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect(await filled(page, '#in-requesterPhone-error')).toBe('该号码已被限制至 2026-12-31（恶意骚扰）');
});
