/**
 * The administrator's BPMN modeler in a real headless Chromium on the whole app (test database,
 * demo users): an administrator of `sample` changes the 回访 task's due rule from 2wd to 3wd in
 * the properties panel, an invalid change is refused with the element marked and the message
 * shown (nothing is lost, nothing deployed), the valid one deploys as v2; then a new order
 * follows v2 while an order created before the deploy stays on v1 with the old due rule.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../../scripts/chromium';
import { ApiHarness, Client, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(180_000);

let h: ApiHarness;
let server: Server;
let url: string;
let browser: Browser;
let page: Page;
let admin: Client;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`Chromium is needed for the browser tests: apt-get install chromium (looked for ${CHROMIUM})`);
  // The session cookie expires with the app's clock: start it at the browser's real time.
  h = await openApiHarness(new Date().toISOString());
  server = await new Promise<Server>((resolve) => {
    const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  admin = await h.login('sample.admin1');
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await h?.close();
});

/** Logs in inside the page, so the browser holds the session cookie. */
async function loginInPage(p: Page, username: string): Promise<void> {
  const status = await p.evaluate(
    async ([user, password]) => {
      const res = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
      return res.status;
    },
    [username, DEMO_PASSWORD],
  );
  expect(status).toBe(200);
}

async function intake(): Promise<string> {
  const op = await h.login('sample.op1');
  const res = await op.post('/api/orders', { city: 'sample', category: 'complaint', channel: 'hotline', content: '小区路灯不亮', requester: { name: '张三', phone: '13812345678' } });
  expect(res.status).toBe(201);
  return String(res.body.order.id);
}

/** Signs, replies and approves the order: its open task is then the return visit. */
async function toVisit(orderId: string): Promise<{ createdAt: Date; dueAt: Date | null }> {
  const xh = await h.login('sample.xh-handler');
  const disp = await h.login('sample.disp1');
  const open = async (formKey: string) => (await h.runtime.workOrders.tasksOf(orderId)).find((t) => t.formKey === formKey && t.status !== 'completed');
  expect((await xh.post(`/api/tasks/${(await open('sign'))!.id}/complete`, { outcome: 'done' })).status).toBe(200);
  const reply = { result: '已修复', informedAt: '2026-03-02T10:00:00+08:00', informedBy: '电话' };
  expect((await xh.post(`/api/tasks/${(await open('handle'))!.id}/complete`, { outcome: 'reply', data: reply })).status).toBe(200);
  expect((await disp.post(`/api/tasks/${(await open('review'))!.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  const visit = await open('visit');
  expect(visit).toBeDefined();
  return visit!;
}

const status = () => page.locator('#status');

/** Waits until the page's status line matches the pattern. */
async function statusMatches(pattern: string): Promise<void> {
  await status().filter({ hasText: new RegExp(pattern) }).waitFor();
}

it('refuses the page without a session, and to a user who is not an administrator of the city', async () => {
  await page.goto(`${url}/admin/processes/sample/modeler`);
  await page.waitForSelector('body[data-ready="refused"]');
  expect(await page.locator('#refusal-title').textContent()).toBe('请先登录');
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(`${url}/admin/processes/sample/modeler`);
  await loginInPage(other, 'sample.op1');
  await other.reload();
  await other.waitForSelector('body[data-ready="refused"]');
  expect(await other.locator('#refusal-title').textContent()).toBe('无权使用流程建模');
  expect(await other.locator('#canvas svg').count()).toBe(0);
  await context.close();
});

describe('an administrator changes the 回访 due rule and deploys v2', () => {
  let before: string;

  beforeAll(async () => {
    before = await intake();
    await loginInPage(page, 'sample.admin1');
    await page.goto(`${url}/admin/processes/sample/modeler`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  it('loads the current version into the modeler and shows the task rules in the panel', async () => {
    expect(await page.locator('#version-badge').textContent()).toBe('当前版本 v1');
    await page.click('.djs-element[data-element-id="visit"]');
    expect(await page.inputValue('#f-name')).toBe('回访');
    expect(await page.inputValue('#f-form')).toBe('visit');
    expect(await page.inputValue('#f-unit')).toBe('centre');
    expect(await page.inputValue('#f-due-mode')).toBe('duration');
    expect(await page.inputValue('#f-due')).toBe('2wd');
    const units = await page.locator('#f-unit option').allTextContents();
    expect(units.map((u) => u.trim())).toEqual(expect.arrayContaining(['主办单位（工单的主办单位）', '新华区', '西市场街道', '市住房和城乡建设局']));
  });

  it('refuses a user task without 任务表单: the element is marked, the message shown, nothing deployed, the edit kept', async () => {
    await page.selectOption('#f-form', '');
    await page.click('#btn-validate');
    await page.waitForSelector('.mh-issue[data-element-id="visit"]');
    expect(await page.locator('.mh-issue[data-element-id="visit"] .mh-issue-title').textContent()).toBe('回访（visit）：未设置“任务表单”');
    expect(await page.locator('.djs-element.mh-invalid[data-element-id="visit"]').count()).toBe(1);
    expect(await page.locator('.mh-issue-badge').count()).toBe(1);
    expect(await status().textContent()).toContain('校验未通过');

    await page.click('#btn-deploy');
    await statusMatches('发布被拒绝');
    expect(await status().textContent()).toContain('未设置“任务表单”');
    expect((await admin.get('/api/processes/sample/versions')).body).toHaveLength(1);
    expect(await page.isVisible('#dirty')).toBe(true);
    const xml = (await page.evaluate('window.__modeler.modeler.saveXML({}).then((r) => r.xml)')) as string;
    expect(xml).toMatch(/<bpmn:userTask id="visit" name="回访" minhu:unit="centre" minhu:due="2wd">/);
  });

  it('validates and deploys the corrected change (due 3wd) as v2', async () => {
    expect(await page.inputValue('#f-name')).toBe('回访'); // still selected
    await page.selectOption('#f-form', 'visit');
    await page.fill('#f-due', '3wd');
    await page.press('#f-due', 'Tab');
    await page.click('#btn-validate');
    await statusMatches('^校验通过。$');
    expect(await page.locator('.mh-invalid').count()).toBe(0);
    expect(await page.locator('.mh-issue').count()).toBe(0);

    await page.click('#btn-deploy');
    await statusMatches('^已发布为第 2 版');
    expect(await page.locator('#version-badge').textContent()).toBe('当前版本 v2');
    expect(await page.isVisible('#dirty')).toBe(false);
    const versions = (await admin.get('/api/processes/sample/versions')).body as Array<{ version: number; deployedBy: string }>;
    expect(versions.map((v) => [v.version, v.deployedBy])).toEqual([[1, 'file'], [2, 'sample.admin1']]);
    const v2 = (await admin.get('/api/processes/sample/versions/2')).body.xml as string;
    expect(v2).toMatch(/<bpmn:userTask id="visit" name="回访" minhu:form="visit" minhu:unit="centre" minhu:due="3wd">/);
  });

  it('compares v1 and v2: only the 回访 due rule changed', async () => {
    await page.click('#btn-compare');
    expect(await page.inputValue('#compare-a')).toBe('1');
    expect(await page.inputValue('#compare-b')).toBe('2');
    await page.click('#compare-run');
    await page.waitForSelector('#compare-rows tr');
    const rows = await page.locator('#compare-rows tr').allTextContents();
    expect(rows).toEqual(['修改回访 (visit)用户任务办理时限：2wd → 3wd']);
    expect(await page.locator('#compare-summary').textContent()).toBe('新增 0 个、删除 0 个、修改 1 个元素。');
    await page.click('#compare .mh-close');
  });

  it('a new order follows v2 (visit due in 3 working days); the order from before stays on v1 (2 working days)', async () => {
    const after = await intake();
    expect((await h.runtime.workOrders.getOrder(after)).processVersion).toBe(2);
    const calendar = h.runtime.catalog.policy('sample').calendar;
    const oldVisit = await toVisit(before);
    const newVisit = await toVisit(after);
    expect((await h.runtime.workOrders.getOrder(before)).processVersion).toBe(1);
    expect(oldVisit.dueAt).toEqual(calendar.deadline(oldVisit.createdAt, { workingDays: 2 }).at);
    expect(newVisit.dueAt).toEqual(calendar.deadline(newVisit.createdAt, { workingDays: 3 }).at);
    expect(newVisit.dueAt!.getTime()).toBeGreaterThan(oldVisit.dueAt!.getTime());
  });
});

it('has the header, colours and navigation of every other page', async () => {
  const look = () =>
    page.evaluate('(() => { const s = getComputedStyle(document.querySelector(".topbar")); return [s.backgroundImage, s.borderBottomColor, s.height, document.querySelector(".brand-mark").textContent, !!document.querySelector(".sidenav a[href=\\"/admin/users\\"]")]; })()');
  await page.goto(`${url}/admin/processes/sample/modeler`);
  await page.waitForSelector('body[data-ready="true"]');
  expect(await page.locator('.topbar .who-name').textContent()).toBe('钱管理');
  const modeler = await look();
  await page.goto(`${url}/admin/users`);
  expect(await look()).toEqual(modeler);
  expect(modeler).toEqual([expect.stringContaining('linear-gradient'), expect.any(String), '60px', '民呼', true]);
});
