/**
 * `npm run screenshots:pages` saves a PNG of each main page (login, inbox, task form, order,
 * intake console, policy editor, calendar, users, units, centre, dashboard; Haikou's monthly
 * assessment, a run, the reports, the duty rota; Pingdingshan's leader days) in screenshots/pages/,
 * from the whole app on a test database with a few sample orders, in headless Debian Chromium.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { openApiHarness, type ApiHarness } from '../test/helpers/api-harness';
import { launchChromium } from './chromium';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadSampleRota, SampleRotaSchema } from '../src/engine/duty/rota-sample';
import { findDemoUser } from '../src/engine/work-order/actor';
import { nextMonth } from '../src/engine/assessment/periods';

const OUT = 'screenshots/pages';

async function seed(h: ApiHarness): Promise<{ orderId: string; taskId: string }> {
  const op = await h.login('sample.op1');
  const orders = [
    { category: 'complaint', content: '建设路与光明路交叉口夜间施工噪音扰民，已持续三天，影响居民休息。' },
    { category: 'help', content: '小区门口路灯损坏已一周，夜间行人出行不便，请尽快维修。' },
    { category: 'consultation', content: '咨询新生儿办理医保的流程和所需材料。' },
  ];
  const ids: string[] = [];
  for (const o of orders) {
    const res = await op.post('/api/orders', { city: 'sample', channel: 'hotline', requester: { name: '张三', phone: '13812345678' }, location: { district: '新华区', address: '建设路18号' }, ...o });
    ids.push(String(res.body.order.id));
  }
  const disp = await h.login('sample.disp1');
  const entry = await disp.post('/api/knowledge', { title: '居住证办理需要哪些材料', answer: '携带身份证、居住地址证明（租房合同或房产证）到居住地派出所办理，10个工作日内领取。', category: 'consultation' });
  await disp.post(`/api/knowledge/${String(entry.body.id)}/approve`);
  const handler = await h.login('sample.xh-handler');
  const order = await handler.get(`/api/orders/${ids[0]}`);
  const sign = (order.body.tasks as Array<{ id: string; status: string }>).find((t) => t.status === 'open')!;
  const done = await handler.post(`/api/tasks/${sign.id}/complete`, { outcome: 'done', data: {} });
  return { orderId: ids[0]!, taskId: String(done.body.openTasks[0].id) };
}

/** Orders for the centre's queues and the dashboard: one reply to review, one return visit, one closed. */
async function seedCentre(h: ApiHarness): Promise<void> {
  const op = await h.login('sample.op1');
  const handler = await h.login('sample.xh-handler');
  const disp = await h.login('sample.disp1');
  const open = async (orderId: string) =>
    ((await handler.get(`/api/orders/${orderId}`)).body.tasks as Array<{ id: string; status: string }>).find((t) => t.status === 'open')!.id;
  const contents = ['幸福小区东门排水沟堵塞，雨后积水严重，请尽快疏通。', '人民公园健身器材损坏，存在安全隐患。', '建设路公交站牌破损，请修复。'];
  for (const [i, content] of contents.entries()) {
    const res = await op.post('/api/orders', { city: 'sample', channel: 'hotline', category: 'help', content, requester: { name: '陈六', phone: '13900001111' }, location: { district: '新华区' } });
    const id = String(res.body.order.id);
    await handler.post(`/api/tasks/${await open(id)}/complete`, { outcome: 'done', data: {} });
    const reply = { result: '已安排人员处理完毕。', informedAt: new Date().toISOString(), informedBy: '电话' };
    await handler.post(`/api/tasks/${await open(id)}/complete`, { outcome: 'reply', data: reply });
    if (i === 0) continue;
    await disp.post(`/api/tasks/${await open(id)}/complete`, { outcome: 'approve', data: {} });
    if (i === 1) continue;
    await disp.post(`/api/tasks/${await open(id)}/complete`, { outcome: 'done', data: { satisfaction: '满意' } });
  }
}

async function login(browser: Browser, base: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', 'minhu-demo');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Haikou: two black-listed orders and a finding this month, a run of it, next month's sample rota. */
async function seedHaikou(h: ApiHarness, month: string): Promise<{ runId: string }> {
  const disp = await h.login('haikou.hk-disp1');
  await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: '答复与事实不符，列为黑榜' });
  await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: '未联系诉求人即答复，列为黑榜' });
  await disp.post('/api/assessments/haikou/findings', { unit: '市水务局', kind: 'refusedOpinion', reason: '拒不执行热线管理机构处理意见' });
  const sup = await h.login('haikou.hk-sup1');
  const run = await sup.post('/api/assessments/haikou/runs', { period: month });
  const admin = findDemoUser(h.runtime.catalog.policy('haikou').policy, 'hk-disp1');
  const sample = SampleRotaSchema.parse(parse(readFileSync('samples/haikou-duty-rota.yaml', 'utf8')));
  await loadSampleRota(h.runtime.duty.rota, { ...admin, id: 'haikou.hk-disp1' }, sample, nextMonth(month));
  return { runId: String(run.body.id) };
}

async function cityPages(h: ApiHarness, browser: Browser, base: string): Promise<void> {
  const month = new Date().toISOString().slice(0, 7);
  const { runId } = await seedHaikou(h, month);
  const sup = await login(browser, base, 'haikou.hk-sup1');
  await sup.goto(`${base}/assessment?period=${month}`);
  await sup.screenshot({ path: `${OUT}/assessment.png`, fullPage: true });
  await sup.goto(`${base}/assessment/runs/${runId}`);
  await sup.screenshot({ path: `${OUT}/assessment-run.png`, fullPage: true });
  await sup.goto(`${base}/reports`);
  await sup.screenshot({ path: `${OUT}/reports.png`, fullPage: true });
  await sup.goto(`${base}/duty/haikou/${nextMonth(month)}`);
  await sup.screenshot({ path: `${OUT}/duty.png`, fullPage: true });
  const pds = await login(browser, base, 'pingdingshan.pds-admin1');
  await pds.goto(`${base}/admin/units/pingdingshan`);
  await pds.screenshot({ path: `${OUT}/admin-units.png`, fullPage: true });
  await pds.goto(`${base}/leader-days/pingdingshan`);
  await pds.screenshot({ path: `${OUT}/leader-days.png`, fullPage: true });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const h = await openApiHarness(new Date().toISOString());
  const server = await new Promise<Server>((resolve) => {
    const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const { orderId, taskId } = await seed(h);
    const anon = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await anon.goto(`${base}/login`);
    await anon.screenshot({ path: `${OUT}/login.png` });
    const unit = await login(browser, base, 'sample.xh-handler');
    await unit.goto(`${base}/inbox?tab=to-sign`);
    await unit.screenshot({ path: `${OUT}/inbox.png`, fullPage: true });
    await unit.goto(`${base}/tasks/${taskId}`);
    await unit.screenshot({ path: `${OUT}/task.png`, fullPage: true });
    await unit.goto(`${base}/orders/${orderId}`);
    await unit.screenshot({ path: `${OUT}/order.png`, fullPage: true });
    await unit.goto(`${base}/orders/${orderId}/print`);
    await unit.screenshot({ path: `${OUT}/print.png`, fullPage: true });
    await unit.goto(`${base}/inbox?tab=done`);
    await unit.screenshot({ path: `${OUT}/inbox-done.png`, fullPage: true });
    const op = await login(browser, base, 'sample.op1');
    await op.goto(`${base}/intake`);
    await op.fill('#kb-q', '居住证');
    await op.press('#kb-q', 'Enter');
    await op.waitForSelector('#kb-results li');
    await op.screenshot({ path: `${OUT}/intake.png`, fullPage: true });
    await op.goto(`${base}/search?q=${encodeURIComponent('建设路')}`);
    await op.screenshot({ path: `${OUT}/search.png`, fullPage: true });
    await op.goto(`${base}/account`);
    await op.screenshot({ path: `${OUT}/account.png`, fullPage: true });
    const admin = await login(browser, base, 'sample.admin1');
    await admin.goto(`${base}/admin/policies/sample`);
    await admin.waitForSelector('#policy-save:not([disabled])');
    const yaml = await admin.inputValue('#policy-yaml');
    await admin.fill('#policy-yaml', yaml.replace('complaint: 15', 'complaint: "15d"'));
    await admin.waitForSelector('#problem-list li[data-path="timeLimits.complaint"]');
    await admin.click('#problem-list li[data-path="timeLimits.complaint"] button');
    await admin.screenshot({ path: `${OUT}/admin-policies.png`, fullPage: true });
    await admin.goto(`${base}/admin/calendar/sample/2026-10`);
    await admin.screenshot({ path: `${OUT}/admin-calendar.png`, fullPage: true });
    await admin.goto(`${base}/admin/users`);
    await admin.waitForSelector('#users-body tr[data-username]');
    await admin.screenshot({ path: `${OUT}/admin-users.png`, fullPage: true });
    await seedCentre(h);
    const centre = await login(browser, base, 'sample.disp1');
    await centre.goto(`${base}/centre`);
    await centre.screenshot({ path: `${OUT}/centre.png`, fullPage: true });
    await centre.goto(`${base}/dashboard`);
    await centre.locator('#chart-units[data-drawn="true"] svg').first().waitFor();
    await centre.screenshot({ path: `${OUT}/dashboard.png`, fullPage: true });
    await cityPages(h, browser, base);
    console.log(`screenshots in ${OUT}/: login, inbox, task, order, print, inbox-done, intake, search, account, admin-policies, admin-calendar, admin-users, centre, dashboard, assessment, assessment-run, reports, duty, admin-units, leader-days`);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
