/**
 * The operator console's routing suggestion, 受理方式 and a barred caller in a real headless
 * Chromium against the whole app (huizhou, demo users) on a test database.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../../scripts/chromium';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(120_000);

let harness: ApiHarness;
let server: Server;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`Chromium is needed for the browser tests: apt-get install chromium (looked for ${CHROMIUM})`);
  // The browser checks cookie expiry against its own (real) clock, so the virtual clock starts now.
  harness = await openApiHarness(new Date().toISOString());
  server = await new Promise<Server>((resolve) => {
    const s = harness.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await harness?.close();
});

/** A fresh browser (own cookies) logged in through the login page; any dialog fails the test. */
async function loggedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`${base}/inbox`);
  expect(page.url()).toContain('/login?next=');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('minhu-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** The text of an element once a script has filled it in. */
async function filled(page: Page, selector: string): Promise<string> {
  await page.locator(`${selector}:not(:empty)`).waitFor();
  return (await page.locator(selector).textContent()) ?? '';
}


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
  await expect(page.locator('#in-leadUnit-suggestion').getAttribute('data-unit')).resolves.toBe('惠阳区');
  expect(await page.locator('#in-leadUnit-suggestion').textContent()).toContain('惠阳区');
  await page.getByLabel('诉求主题').fill('社会保险');
  await expect(page.locator('#in-leadUnit-suggestion').getAttribute('data-unit')).resolves.toBe('惠州市人力资源和社会保障局');
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
