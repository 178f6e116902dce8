/**
 * The centre's pages in a real headless Chromium against the whole app on a test database: an
 * order recorded by an operator is signed and replied to by the unit through the task pages, a
 * dispatcher finds it under 答复审核 on /centre and approves it, the return visit appears under
 * 回访 and closing it closes the order; the dashboard shows the figures as charts and tables.
 */
import type { Page } from 'playwright-core';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import type { ApiHarness, Client } from '../helpers/api-harness';

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

const loggedIn = (username: string, path = '/centre'): Promise<Page> => app.loggedIn(username, path);

/** The order's status (GET /api/orders/:id) once it is `want`, or the last one seen after 30 s (CI machines are busy). */
async function statusBecomes(client: Client, want: string): Promise<string> {
  let status = '';
  for (let i = 0; i < 150 && status !== want; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 200));
    status = String((await client.get(`/api/orders/${orderId}`)).body.order.status);
  }
  return status;
}

const CONTENT = '小区东门排水沟堵塞，雨后积水严重，请尽快疏通。';
let orderId = '';
let orderNumber = '';

it('the unit signs and replies; a dispatcher approves from 答复审核; closing the return visit under 回访 closes the order', async () => {
  const operator = await harness.login('sample.op1');
  const created = await operator.post('/api/orders', {
    city: 'sample',
    category: 'help',
    channel: 'hotline',
    content: CONTENT,
    location: { district: '新华区' },
    requester: { name: '陈六', phone: '13900001111' },
  });
  expect(created.status).toBe(201);
  orderId = String(created.body.order.id);
  orderNumber = String(created.body.order.number);

  const unit = await loggedIn('sample.xh-handler', '/inbox');
  await unit.goto(`${base}/inbox?tab=to-sign`);
  await unit.locator(`tr[data-order="${orderNumber}"] .subject a`).click();
  await unit.waitForURL(/\/tasks\//);
  await unit.locator('#outcome-done').getByRole('button', { name: '签收' }).click();
  const reply = unit.locator('#outcome-reply');
  await reply.waitFor();
  await reply.getByLabel('办理结果').fill('已安排环卫人员疏通排水沟，积水已排除。');
  await reply.getByLabel('告知诉求人时间').fill('2026-11-20T10:00');
  await reply.getByLabel('告知方式').selectOption('电话');
  await reply.getByRole('button', { name: '答复' }).click();
  await unit.waitForURL(/\/inbox\?done=/);
  expect(await statusBecomes(operator, 'review')).toBe('review');

  const dispatcher = await loggedIn('sample.disp1');
  expect(new URL(dispatcher.url()).pathname).toBe('/centre');
  await expect(dispatcher.locator('nav.sidenav a[href="/centre"]').textContent()).resolves.toBe('中心审核');
  const replies = dispatcher.locator('#queue-replies');
  await expect(replies.locator('h2').textContent()).resolves.toContain('答复审核');
  const row = replies.locator(`tr[data-order="${orderNumber}"]`);
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').nth(4).textContent()).toBe('新华区');
  expect(await row.locator('.countdown').count()).toBe(1);
  expect(await dispatcher.locator(`#queue-visits tr[data-order="${orderNumber}"]`).count()).toBe(0);
  await row.locator('.subject a').click();
  await dispatcher.waitForURL(/\/tasks\//);
  const reviewUrl = dispatcher.url();
  await dispatcher.locator('#outcome-approve').getByRole('button', { name: '审核通过' }).click();
  expect(await statusBecomes(operator, 'visit')).toBe('visit');
  // the task page moves on by itself after a completion: let it, before navigating elsewhere
  await dispatcher.waitForURL((url) => url.href !== reviewUrl);
  await dispatcher.waitForLoadState('load');

  await dispatcher.goto(`${base}/centre`);
  expect(await dispatcher.locator(`#queue-replies tr[data-order="${orderNumber}"]`).count()).toBe(0);
  const visit = dispatcher.locator(`#queue-visits tr[data-order="${orderNumber}"]`);
  expect(await visit.count()).toBe(1);
  await visit.locator('.subject a').click();
  await dispatcher.waitForURL(/\/tasks\//);
  const form = dispatcher.locator('#outcome-done');
  await form.getByLabel('满意度').selectOption('满意');
  await form.getByRole('button', { name: '回访完成' }).click();
  expect(await statusBecomes(operator, 'closed')).toBe('closed');
});

it('a unit handler has no centre queues and no dashboard', async () => {
  const page = await loggedIn('sample.xh-handler', '/inbox');
  expect(await page.locator('nav.sidenav a[href="/centre"]').count()).toBe(0);
  const res = await page.goto(`${base}/centre`);
  expect(res?.status()).toBe(403);
  expect((await page.goto(`${base}/dashboard`))?.status()).toBe(403);
});

it('the dashboard shows today’s intake, open orders by unit and the on-time rate as charts and tables', async () => {
  const operator = await harness.login('sample.op1');
  const open = await operator.post('/api/orders', {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: '卫东区某路段夜间施工噪音扰民。',
    location: { district: '卫东区' },
    requester: { name: '刘七', phone: '13900002222' },
  });
  expect(open.status).toBe(201);
  const all = await operator.get('/api/orders?pageSize=100');
  const dayStart = new Date(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())}T00:00:00+08:00`);
  const today = (all.body.items as Array<{ createdAt: string }>).filter((o) => new Date(o.createdAt) >= dayStart).length;
  expect(today).toBeGreaterThanOrEqual(2);

  app.errors.length = 0;
  const page = await loggedIn('sample.disp1', '/dashboard');
  expect(await page.locator('#table-overview td[data-key="intakeToday"]').textContent()).toBe(String(today));
  const units = page.locator('#table-units tbody tr', { hasText: '卫东区' });
  expect(await units.locator('td').first().textContent()).toBe('1');
  expect(await page.locator('#table-ontime td[data-key="closed"]').textContent()).toBe('1');
  expect(await page.locator('#table-ontime td[data-key="rate"]').textContent()).toBe('100.0%');
  for (const id of ['chart-overview', 'chart-units', 'chart-ontime']) {
    await page.locator(`#${id}[data-drawn="true"] svg`).first().waitFor();
  }
  expect(await page.locator('#chart-units svg text', { hasText: '卫东区' }).count()).toBeGreaterThan(0);
  expect(app.errors).toEqual([]);
});
