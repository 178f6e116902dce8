/**
 * A working day of every role, through the pages only (issue 13), for Pingdingshan and Anshan in
 * headless Chromium: the operator records calls at 话务受理 (a known caller's earlier order shows as
 * the phone is typed, an open order on the same matter nearby is offered, the call is merged into
 * it, and a fresh order goes on); the unit's handler signs for an order in the inbox and replies with
 * a photo; the centre reads the reply and the photo's name on the review page and approves; on a
 * second order the unit asks for a return and an extension, and the leader and the centre read the
 * reasons, the days and the due date it would give before they decide; the return visit reads the
 * reply out and lists every requester of the merged order; 工单查询 finds the order by number and by
 * phone, and 打印工单 shows it. The API only reads what the pages did; every page visited is checked
 * for what a hotline worker should never read (ids, ISO times, JSON, logins, English).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { localDateTimeText } from '../../src/shared/local-time';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import { samplePng } from '../helpers/sample-files';
import { internalLeaks } from '../helpers/visible-text';

jest.setTimeout(420_000);

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
  mkdirSync('screenshots', { recursive: true });
});
afterAll(async () => {
  await app?.close();
});

interface Caller {
  name: string;
  phone: string;
}

/** What differs between the two cities: logins, codes, and the unit that has each matter. */
interface CityDay {
  city: 'pingdingshan' | 'anshan';
  login: (id: string) => string;
  operator: string;
  dispatcher: string;
  /** The dispatcher's name, as the pages write who did a step. */
  dispatcherName: string;
  district: string;
  category: string;
  /** The noise matter: two requesters, merged; replied with a photo. */
  noise: { topic: string; address: string; handler: string; leader: string; unit: string };
  /** The second matter: a return refused, then an extension. */
  other: { topic: string; address: string; handler: string; leader: string; unit: string };
}

const PDS: CityDay = {
  city: 'pingdingshan',
  login: (id) => `pingdingshan.${id}`,
  operator: 'pds-op1',
  dispatcher: 'pds-disp1',
  dispatcherName: '赵建军',
  district: '新华区',
  category: 'B',
  noise: { topic: '噪声扰民', address: '建设路12号院', handler: 'xh-handler', leader: 'xh-leader', unit: '新华区' },
  other: { topic: '占道经营', address: '中兴路88号', handler: 'xh-handler', leader: 'xh-leader', unit: '新华区' },
};
const AS: CityDay = {
  city: 'anshan',
  login: (id) => `anshan.${id}`,
  operator: 'op1',
  dispatcher: 'disp1',
  dispatcherName: '刘洋',
  district: '铁东区',
  category: 'complaint',
  noise: { topic: '噪音污染', address: '胜利路12号院', handler: 'hb-handler', leader: 'hb-leader', unit: '市环保局' },
  other: { topic: '物业管理', address: '二一九路88号', handler: 'zjw-handler', leader: 'zjw-leader', unit: '市住房城乡建设委' },
};

const CHEN: Caller = { name: '陈秀兰', phone: '13700005501' };
const LIU: Caller = { name: '刘建国', phone: '13700005502' };
const NOISE_CALL = '楼下烧烤店每晚营业到凌晨两点，油烟和噪声扰民，请处理。';
const LIU_NOISE = '同一家烧烤店深夜噪声太大，孩子无法入睡。';
const OTHER_CALL = '小区门口商贩长期占道摆摊，行人只能走机动车道。';
const REPLY = '已会同执法人员现场检查，责令烧烤店22时后停止室外经营并加装油烟净化设备，噪声已消除。';
const PHOTO = '现场整改照片.png';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** The city of the day under test (for the leak check of every page a step lands on). */
let city = '';

/** What a person reads on the page holds nothing internal (no id, ISO time, JSON, login, English). */
async function leakFree(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  // the print page is a bare A4 sheet, without the navigation's <main>
  const body = await page.locator((await page.locator('main').count()) ? 'main' : 'body').innerText();
  expect(internalLeaks(body, city)).toEqual([]);
  return body;
}

/** leakFree, and a screenshot that keeps the page for a look. */
async function checked(page: Page, day: CityDay, step: string): Promise<string> {
  const body = await leakFree(page);
  await page.screenshot({ path: `screenshots/workday-${day.city}-${step}.png`, fullPage: true });
  return body;
}

/** A time the forms accept as past, as the datetime field takes it (Beijing time). */
function anHourAgoLocal(): string {
  const t = new Date(app.harness.clock.now().getTime() - 3_600_000 + 8 * 3_600_000);
  return t.toISOString().slice(0, 16);
}

/** The API reads what the pages did. */
async function orderOf(day: CityDay, id: string) {
  const res = await (await app.harness.login(day.login(day.dispatcher))).get(`/api/orders/${id}`);
  expect(res.status).toBe(200);
  return res.body as { order: { number: string; leadUnit: string; status: string; dueAt: string }; tasks: Array<{ id: string; formKey: string; status: string }>; deadlines: { dueAt: string } };
}

async function fillCall(page: Page, day: CityDay, caller: Caller, topic: string, address: string, content: string): Promise<void> {
  await page.goto(`${app.base}/intake`);
  await page.getByLabel('诉求类别').selectOption(day.category);
  await page.getByLabel('来源渠道').selectOption('hotline');
  await page.getByLabel('诉求人姓名').fill(caller.name);
  await page.getByLabel('所属区域').selectOption(day.district);
  await page.getByLabel('诉求主题').fill(topic);
  await page.getByLabel('详细地址').fill(address);
  await page.getByLabel('联系电话').fill(caller.phone);
  await page.getByLabel('诉求内容').fill(content);
}

/** 提交并派单; the first intake of a city on a cold process may pass the step budget on busy cores: once more. */
async function submitCall(page: Page): Promise<string> {
  const recorded = /\/orders\/[0-9a-f-]{36}$/;
  aWhileLater();
  await page.getByRole('button', { name: '提交并派单' }).click();
  try {
    await page.waitForURL(recorded, { timeout: 20_000 });
  } catch {
    await page.getByRole('button', { name: '提交并派单' }).click();
    await page.waitForURL(recorded);
  }
  await leakFree(page);
  return page.url().split('/').pop() as string;
}

/** The handler signs for the order in the inbox (签收 / 查收 in the city's words) and lands on what is next. */
async function signInInbox(day: CityDay, unit: CityDay['noise'], number: string, signLabel: string): Promise<Page> {
  const page = await app.loggedIn(day.login(unit.handler), '/inbox');
  const row = page.locator(`#inbox-table tr[data-order="${number}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain(signLabel);
  await checked(page, day, 'inbox');
  await row.getByRole('link', { name: '办理' }).click();
  await page.waitForURL(/\/tasks\//);
  await leakFree(page);
  aWhileLater();
  await page.locator('.outcome-form:visible').getByRole('button', { name: signLabel, exact: true }).click();
  await page.waitForURL(/done=/);
  expect(await text(page, '#step-notice')).toContain(`已提交“${signLabel}”`);
  return page;
}

async function openTaskPage(day: CityDay, who: string, orderId: string, formKey: string): Promise<Page> {
  const task = (await orderOf(day, orderId)).tasks.find((t) => t.status === 'open' && t.formKey === formKey);
  if (!task) throw new Error(`no open ${formKey}`);
  // a person finds it in their inbox; the link is the same
  const page = await app.loggedIn(day.login(who), `/tasks/${task.id}`);
  await leakFree(page);
  return page;
}

async function pick(page: Page, action: string): Promise<void> {
  await page.getByRole('tab', { name: action, exact: true }).click();
}

/** A person's step takes a while: the virtual clock moves on, so that the day's steps have times of their own. */
const aWhileLater = () => app.harness.clock.advance(10 * 60_000);

async function submit(page: Page, formId: string, label: string, sentence: RegExp): Promise<void> {
  aWhileLater();
  const before = page.url();
  await page.locator(`#${formId}`).getByRole('button', { name: label, exact: true }).click();
  await page.waitForURL((url) => url.href !== before && url.searchParams.has('done'));
  expect(await text(page, '#step-notice')).toMatch(sentence);
  await leakFree(page);
}

/** 1. The operator: a fresh call, a second caller on the same matter, then the first caller again: merged. */
async function intakeDay(day: CityDay): Promise<{ noiseId: string; otherId: string; otherNumber: string; noiseNumber: string }> {
  const op = await app.loggedIn(day.login(day.operator), '/intake');
  await fillCall(op, day, LIU, day.other.topic, day.other.address, OTHER_CALL);
  const otherId = await submitCall(op);
  const other = await orderOf(day, otherId);
  expect(other.order.leadUnit).toBe(day.other.unit);
  await checked(op, day, 'order-recorded');

  await fillCall(op, day, CHEN, day.noise.topic, day.noise.address, NOISE_CALL);
  const noiseId = await submitCall(op);
  const noise = await orderOf(day, noiseId);
  expect(noise.order.leadUnit).toBe(day.noise.unit);

  // 刘建国 calls again, now about the noise: his earlier order shows as his number is typed, and 陈秀兰's open order nearby is offered
  await fillCall(op, day, LIU, day.noise.topic, `${day.noise.address}3号楼`, LIU_NOISE);
  const mine = op.locator(`#related-by-phone li[data-order="${otherId}"]`);
  await mine.waitFor();
  expect(await mine.innerText()).toContain(other.order.number);
  expect(await mine.innerText()).toContain(day.other.unit);
  const near = op.locator(`#related-nearby li[data-order="${noiseId}"]`);
  await near.waitFor();
  expect(await near.innerText()).toContain(noise.order.number);
  expect(await near.innerText()).toContain('烧烤店');
  await checked(op, day, 'intake-related');
  await near.getByRole('button', { name: '并入此单' }).click();
  await op.waitForURL(`${app.base}/orders/${noiseId}`);
  expect(await op.locator('#merge-callers tbody tr').count()).toBe(2);
  expect(await text(op, '#merge-panel')).toContain(LIU_NOISE);
  await checked(op, day, 'merged');
  // the call went into the open order: the day has two orders, not three
  const orders = await (await app.harness.login(day.login(day.dispatcher))).get('/api/orders?pageSize=50');
  expect(orders.body.items.map((o: { id: string }) => o.id).sort()).toEqual([noiseId, otherId].sort());
  return { noiseId, otherId, noiseNumber: noise.order.number, otherNumber: other.order.number };
}

/** 2. The unit replies to the noise order with a photo (Pingdingshan: the requester told first, PDS-12; Anshan: the leader's instruction first, AS-1). */
async function replyWithPhoto(day: CityDay, orderId: string, number: string): Promise<void> {
  const signLabel = day.city === 'pingdingshan' ? '查收' : '签收';
  const page = await signInInbox(day, day.noise, number, signLabel);
  let form: string;
  if (day.city === 'pingdingshan') {
    expect(new URL(page.url()).pathname).toMatch(/^\/tasks\//); // the handler goes on with 办理
    await page.locator('#outcome-inform').getByLabel('反馈时间').fill(anHourAgoLocal());
    await page.locator('#outcome-inform').getByLabel('反馈方式').selectOption('电话');
    await page.locator('#outcome-inform').getByLabel('反馈内容').fill('已电话告知陈女士整改措施');
    await submit(page, 'outcome-inform', '反馈诉求人', /已提交“反馈诉求人”/);
    form = 'outcome-reply';
    await page.locator(`#${form}`).getByLabel('办理结果').fill(REPLY);
  } else {
    const leader = await openTaskPage(day, day.noise.leader, orderId, 'instruct');
    await leader.locator('#outcome-instruct').getByLabel('阅批领导').selectOption('分管领导');
    await leader.locator('#outcome-instruct').getByLabel('批阅意见').fill('请当日现场核查，依法处理');
    await submit(leader, 'outcome-instruct', '阅批，按批阅意见办理', /已提交“阅批，按批阅意见办理”/);
    await page.goto(`${app.base}/tasks/${(await orderOf(day, orderId)).tasks.find((t) => t.status === 'open' && t.formKey === 'handle')!.id}`);
    expect(await leakFree(page)).toContain('请当日现场核查，依法处理'); // the handler reads the instruction
    form = 'outcome-resolve';
    await page.locator(`#${form}`).getByLabel('答复内容').fill(REPLY);
    await page.locator(`#${form}`).getByLabel('本单位回访情况').selectOption('已回访');
    await page.locator(`#${form}`).getByLabel('本单位回访时间').fill(anHourAgoLocal());
  }
  const label = day.city === 'pingdingshan' ? '回复市指挥中心' : '已解决，答复办结';
  await page.locator(`#${form}`).getByLabel('附件').setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: samplePng(240, 160) });
  await page.locator(`#${form} .attach-chosen li`, { hasText: PHOTO }).waitFor();
  await checked(page, day, 'reply');
  await submit(page, form, label, new RegExp(`已提交“${label}”`));
}

/** 3. The centre reads the reply and the photo's name on the review page and approves; 5. the visit. */
async function reviewAndVisit(day: CityDay, orderId: string): Promise<void> {
  const formKey = day.city === 'pingdingshan' ? 'review' : 'reviewReply';
  const review = await openTaskPage(day, day.dispatcher, orderId, formKey);
  const context = await text(review, '#task-context');
  expect(context).toContain(REPLY);
  expect(context).toContain('附件');
  expect(await review.locator('#task-context a.step-file').innerText()).toBe(PHOTO);
  await checked(review, day, 'review-reply');
  await submit(review, 'outcome-approve', '审核通过', /已提交“审核通过”/);

  // the dispatcher does the visit: the reply to read out, and both requesters of the merged order to call
  const visit = review.url().includes('/tasks/') && (await review.locator('#outcome-satisfied').count()) ? review : await openTaskPage(day, day.dispatcher, orderId, 'visit');
  expect(await text(visit, '#task-context')).toContain(REPLY);
  const callers = await visit.locator('#merge-callers tbody tr td.caller').allInnerTexts();
  expect(callers).toHaveLength(2);
  expect(callers[0]).toMatch(/^陈\*+ 137/);
  expect(callers[1]).toMatch(/^刘\*+ 137/);
  expect(await text(visit, '#merge-panel')).toContain(LIU_NOISE);
  await checked(visit, day, 'visit');
  await visit.locator('#outcome-satisfied').getByLabel('满意度').selectOption('满意');
  const label = day.city === 'pingdingshan' ? '满意' : '满意或基本满意';
  await submit(visit, 'outcome-satisfied', label, new RegExp(`已提交“${label}”`));
  const done = await orderOf(day, orderId);
  expect(done.tasks.filter((t) => t.status === 'open')).toEqual([]);
}

/** The due date an extension of `days` working days gives, as the page writes it. */
function dueAfter(day: CityDay, dueAt: string, days: number): string {
  const loaded = app.harness.runtime.catalog.policy(day.city);
  return localDateTimeText(loaded.calendar.deadline(new Date(dueAt), { workingDays: days }).at, loaded.policy.timezone);
}

/** 4. The second order: a return the centre refuses, then an extension the reviewers grant. */
async function returnAndExtend(day: CityDay, orderId: string, number: string): Promise<void> {
  const pds = day.city === 'pingdingshan';
  const reason = '商贩占道经营属城市管理执法部门职责';
  const basis = '《城市市容和环境卫生管理条例》第十四条';
  let handler: Page;
  if (pds) {
    handler = await signInInbox(day, day.other, number, '查收');
    await pick(handler, '申请退回');
    await handler.locator('#outcome-return').getByLabel('退回理由').fill(reason);
    await handler.locator('#outcome-return').getByLabel('退回依据').fill(basis);
    await submit(handler, 'outcome-return', '申请退回', /现等待 新华区 分管领导 办理“分管领导审核退回”/);
    const leader = await openTaskPage(day, day.other.leader, orderId, 'approveReturn');
    expect(await text(leader, '#task-context')).toContain(reason);
    expect(await text(leader, '#task-context')).toContain(basis);
    await checked(leader, day, 'leader-return');
    await leader.locator('#outcome-approve').getByLabel('审核意见').fill('同意退回');
    await submit(leader, 'outcome-approve', '批准退回', /办理“退回审核”/);
  } else {
    const page = await app.loggedIn(day.login(day.other.handler), '/inbox');
    await page.locator(`#inbox-table tr[data-order="${number}"]`).getByRole('link', { name: '办理' }).click();
    await page.waitForURL(/\/tasks\//);
    await pick(page, '退单');
    await page.locator('#outcome-return').getByLabel('退单理由').fill(`${reason}，依据${basis}`);
    await submit(page, 'outcome-return', '退单', /办理“退单审核”/);
    handler = page;
  }
  const centre = await openTaskPage(day, day.dispatcher, orderId, 'reviewReturn');
  expect(await text(centre, '#task-context')).toContain(reason);
  expect(await text(centre, '#task-context')).toContain(basis);
  await checked(centre, day, 'review-return');
  await pick(centre, pds ? '不同意退回' : '不同意退单');
  await centre.locator('#outcome-reject').getByLabel('理由').fill('小区门口占道摆摊由属地负责');
  await submit(centre, 'outcome-reject', pds ? '不同意退回' : '不同意退单', new RegExp(day.other.unit));

  // back at the unit: the reason for the refusal leads the page; the unit asks for more time
  if (!pds) {
    handler = await signInInbox(day, day.other, number, '签收');
    const leader = await openTaskPage(day, day.other.leader, orderId, 'instruct');
    await leader.locator('#outcome-instruct').getByLabel('阅批领导').selectOption('主要领导');
    await leader.locator('#outcome-instruct').getByLabel('批阅意见').fill('协调物业、街道共同清理');
    await submit(leader, 'outcome-instruct', '阅批，按批阅意见办理', /已提交/);
  }
  handler = await openTaskPage(day, day.other.handler, orderId, 'handle');
  if (pds) expect(await text(handler, '#last-word')).toContain('小区门口占道摆摊由属地负责');
  await pick(handler, '申请延期');
  const days = 3;
  const extendReason = '需协调街道、市场监管部门联合整治';
  await handler.locator('#outcome-extend').getByLabel(pds ? '需要延长的工作日数' : '申请延期工作日数').fill(String(days));
  await handler.locator('#outcome-extend').getByLabel(pds ? '延期理由' : '延期原因').fill(extendReason);
  await checked(handler, day, 'extend');
  await submit(handler, 'outcome-extend', '申请延期', /已提交“申请延期”/);
  const due = dueAfter(day, (await orderOf(day, orderId)).deadlines.dueAt, days);

  if (!pds) {
    // AS-4: the unit's leader signs the written request first, reading the days and the reason
    const leader = await openTaskPage(day, day.other.leader, orderId, 'signExtension');
    expect(await text(leader, '#task-context')).toContain(extendReason);
    expect(await text(leader, '#task-context')).toContain(String(days));
    await checked(leader, day, 'leader-extension');
    await leader.locator('#outcome-approve').getByLabel('领导签批意见').fill('情况属实，同意申请延期');
    await submit(leader, 'outcome-approve', '签批同意，报热线办', /办理“延期审核”/);
  }
  const reviewer = await openTaskPage(day, day.dispatcher, orderId, 'reviewExtension');
  expect(await text(reviewer, '#task-context')).toContain(extendReason);
  expect(await text(reviewer, '#extension-asked')).toBe(`${days} 个工作日`);
  expect(await text(reviewer, '#extension-due')).toContain(due);
  await checked(reviewer, day, 'review-extension');
  await reviewer.locator('#outcome-approve').getByLabel(pds ? '批准延长的工作日数' : '批准延期工作日数').fill(String(days));
  await submit(reviewer, 'outcome-approve', '同意延期', /已提交“同意延期”/);
  expect(localDateTimeText(new Date((await orderOf(day, orderId)).order.dueAt), 'Asia/Shanghai')).toBe(due);
}

/** 6. 工单查询 by number and by phone; 打印工单. */
async function findAndPrint(day: CityDay, orderId: string, number: string): Promise<void> {
  const page = await app.loggedIn(day.login(day.dispatcher), '/search');
  for (const q of [number, CHEN.phone]) {
    await page.getByLabel('关键词').fill(q);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/q=/);
    const row = page.locator(`#search-results tr[data-order="${orderId}"]`);
    expect(await row.innerText()).toContain(number);
  }
  await checked(page, day, 'search');
  await page.goto(`${app.base}/orders/${orderId}/print`);
  const printed = await checked(page, day, 'print');
  expect(printed).toContain(number);
  expect(printed).toContain(NOISE_CALL);
  expect(printed).toContain(day.noise.unit);
  // its steps, signed for first and the visit's satisfaction last, with who did them
  expect(printed).toMatch(/(签收|查收)[\s\S]*审核通过[\s\S]*满意/);
  expect(printed).toContain(day.dispatcherName);
  // every requester of the merged order, its photo by name, and the reply's attachment named in the history
  expect(await text(page, '#print-appeals')).toContain(LIU_NOISE);
  expect(await text(page, '#print-attachments')).toContain(PHOTO);
  expect(await text(page, '#print-history')).toContain(`“${PHOTO}”`);
}

describe.each([PDS, AS])('$city', (day) => {
  it('a working day of every role, through the pages', async () => {
    city = day.city;
    const { noiseId, otherId, noiseNumber, otherNumber } = await intakeDay(day);
    await replyWithPhoto(day, noiseId, noiseNumber);
    await reviewAndVisit(day, noiseId);
    await returnAndExtend(day, otherId, otherNumber);
    await findAndPrint(day, noiseId, noiseNumber);
    expect(app.errors).toEqual([]);
  });
});
