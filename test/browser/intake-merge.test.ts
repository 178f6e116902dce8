/**
 * 来电记录与并单 in a real headless Chromium (haikou, demo users): an operator types a known
 * caller's phone at intake, sees the earlier order beside the form and merges the call into it
 * instead of recording a second order; the order page then shows the second requester's appeal.
 */
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

it("shows a known caller's earlier order at intake and merges the call into it", async () => {
  const op = await app.harness.login('haikou.hk-op1');
  const first = await op.post('/api/orders', {
    city: 'haikou', category: 'complaint', channel: 'hotline', topic: '停水', content: '小区停水两天无人处理',
    requester: { name: '王先生', phone: '13907560001' }, location: { district: '龙华区', address: '龙华区龙昆南路某小区' },
  });
  expect(first.status).toBe(201);
  const { id, number } = first.body.order as { id: string; number: string };

  const page = await app.loggedIn('haikou.hk-op1', '/intake');
  await page.getByLabel('诉求类别').selectOption('complaint');
  await page.getByLabel('来源渠道').selectOption('wechat');
  await page.getByLabel('诉求人姓名').fill('王先生');
  await page.getByLabel('联系电话').fill('13907560001');
  await page.getByLabel('诉求内容').fill('还是没有来水，请尽快处理');
  const earlier = page.locator(`#related-by-phone li[data-order="${id}"]`);
  await earlier.waitFor();
  expect(await earlier.textContent()).toContain(number);
  expect(await earlier.textContent()).toContain('市水务局');
  expect(await earlier.textContent()).toContain('小区停水两天无人处理');
  await page.screenshot({ path: 'screenshots/intake-caller-history.png', fullPage: true });

  await earlier.getByRole('button', { name: '并入此单' }).click();
  await page.waitForURL(`${app.base}/orders/${id}`);
  const section = page.locator('#merge-panel');
  await section.waitFor();
  expect(await section.textContent()).toContain('还是没有来水，请尽快处理');
  expect(await section.textContent()).toContain('受理时直接并入');
  expect(await page.locator('#merge-callers tbody tr').count()).toBe(2);
  await page.screenshot({ path: 'screenshots/order-appeals.png', fullPage: true });

  // no second order was recorded for the call
  const list = await op.get('/api/orders?pageSize=50');
  expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
  expect(app.errors).toEqual([]);
});
