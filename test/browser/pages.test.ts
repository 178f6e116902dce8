/**
 * The pages in a real headless Chromium against the whole app (every city, demo users) on a
 * test database: an operator records an order through the console, a unit handler signs and
 * replies from the inbox, another unit does not see it, the intake form works with the keyboard
 * only, and citizen text is shown as text.
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

const CONTENT = '小区门口路灯损坏已一周，夜间行人出行不便，请尽快维修。';
let orderId = '';
let orderNumber = '';

it('an operator records an order through the intake form and sees the order page', async () => {
  const page = await loggedIn('sample.op1');
  await page.goto(`${base}/intake`);
  await page.getByLabel('诉求类别').selectOption('help');
  await page.getByLabel('来源渠道').selectOption('hotline');
  await page.getByLabel('诉求人姓名').fill('张三');
  await page.getByLabel('联系电话').fill('13812345678');
  await page.getByLabel('诉求内容').fill(CONTENT);
  await page.getByLabel('详细地址').fill('新华区建设路1号');
  await page.getByRole('button', { name: '提交并派单' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  orderId = page.url().split('/').pop()!;
  await expect(page.locator('#order-content').textContent()).resolves.toBe(CONTENT);
  await expect(page.locator('#requester-text').textContent()).resolves.toBe('张* 138****5678');
  orderNumber = (await page.locator('h1 .muted').textContent())!.replace('·', '').trim();
  expect(orderNumber).toMatch(/^SMP/);
});

it('refuses an intake with missing fields, naming them at their fields', async () => {
  const page = await loggedIn('sample.op1');
  await page.goto(`${base}/intake`);
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect(await filled(page, '#in-content-error')).not.toBe('');
  expect(await filled(page, '#in-requesterPhone-error')).not.toBe('');
  expect(await filled(page, '#intake-message')).toContain('填写有误');
});

it('a handler of the unit signs the order in 待签收 and replies; a missing field is named at the field', async () => {
  const page = await loggedIn('sample.xh-handler');
  await page.goto(`${base}/inbox?tab=to-sign`);
  const row = page.locator(`tr[data-order="${orderNumber}"]`);
  await expect(row.count()).resolves.toBe(1);
  await expect(page.locator('.tab-to-sign .count').textContent()).resolves.not.toBe('0');
  await row.getByRole('link', { name: CONTENT.slice(0, 10) }).click();
  await page.waitForURL(/\/tasks\//);
  await page.locator('#outcome-done').getByRole('button', { name: '签收' }).click();
  await page.waitForSelector('#outcome-reply');
  expect(await page.locator('h1').textContent()).toContain('办理');

  const reply = page.locator('#outcome-reply');
  await reply.getByLabel('办理结果').fill('已联系供电部门更换路灯，现已恢复照明。');
  await reply.getByLabel('告知方式').selectOption('电话');
  await reply.getByRole('button', { name: '答复' }).click();
  expect(await filled(page, '#f-reply-informedAt-error')).toBe('此项为必填');
  expect(await page.locator('#f-reply-result-error').textContent()).toBe('');
  expect(await page.locator('#f-reply-informedAt').getAttribute('aria-invalid')).toBe('true');

  await reply.getByLabel('告知诉求人时间').fill('2026-11-20T10:00');
  await reply.getByRole('button', { name: '答复' }).click();
  // the review is the centre's: the handler lands on their inbox, told where the order went
  await page.waitForURL(/\/inbox\?done=/);
  expect(await page.locator('#step-notice').textContent()).toMatch(new RegExp(`已提交“答复”.*${orderNumber}.*办理“答复审核”`));
});

it('a handler of another unit does not see the order', async () => {
  const page = await loggedIn('sample.wd-handler');
  for (const tab of ['to-sign', 'in-progress', 'done']) {
    await page.goto(`${base}/inbox?tab=${tab}`);
    expect(await page.locator(`tr[data-order="${orderNumber}"]`).count()).toBe(0);
  }
  const response = await page.goto(`${base}/orders/${orderId}`);
  expect(response?.status()).toBe(403);
  expect(await page.locator('h1').textContent()).toBe('无法打开此页面');
});

it('the intake form can be completed with the keyboard only', async () => {
  const page = await loggedIn('sample.op1');
  await page.goto(`${base}/intake`);
  await page.focus('#in-category');
  await page.keyboard.press('ArrowDown'); // 咨询
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // 热线电话
  await page.keyboard.press('Tab');
  await page.keyboard.type('李四');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13900001111');
  await page.keyboard.press('Tab');
  await page.keyboard.type('咨询办理居住证需要哪些材料。');
  await page.keyboard.press('Tab'); // 所属区域
  await page.keyboard.press('Tab'); // 诉求主题
  await page.keyboard.press('Tab'); // 详细地址
  await page.keyboard.type('西市场街道');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  expect(await page.locator('#order-content').textContent()).toBe('咨询办理居住证需要哪些材料。');
});

it('shows citizen text as text: no script runs on the order page or in the inbox', async () => {
  const operator = await harness.login('sample.op1');
  const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const created = await operator.post('/api/orders', {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: markup,
    requester: { name: '王五', phone: '13700002222' },
  });
  expect(created.status).toBe(201);
  const page = await loggedIn('sample.xh-handler');
  await page.goto(`${base}/orders/${created.body.order.id}`);
  expect(await page.locator('#order-content').textContent()).toBe(markup);
  expect(await page.locator('#order-content img').count()).toBe(0);
  await page.goto(`${base}/inbox?tab=to-sign`);
  const title = page.locator(`tr[data-order="${created.body.order.number}"] .subject`);
  expect(await title.textContent()).toContain('<script>alert(1)</script>');
});
