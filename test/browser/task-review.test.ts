/**
 * The task page (issue 13): a reviewer sees what is reviewed (the reply, the extension asked for
 * with the due date it would give, the return's reason and basis, the reply read out on the
 * visit), a unit sent back sees why, the handler's page shows one form at a time, and after a
 * step the user reads what happened and lands where they can go on. Pingdingshan and Huizhou,
 * in headless Chromium against the whole app.
 */
import type { Page } from 'playwright-core';
import { BusinessCalendar } from '../../src/engine/calendar/business-calendar';
import { localDateTimeText } from '../../src/shared/local-time';
import type { Client } from '../helpers/api-harness';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';

jest.setTimeout(240_000);

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

interface OpenTask {
  id: string;
  formKey: string;
  status: string;
}

async function intake(city: string, body: Record<string, unknown>): Promise<string> {
  const operator = await app.harness.login(city === 'pingdingshan' ? 'pingdingshan.pds-op1' : 'huizhou.hz-op1');
  const res = await operator.post('/api/orders', { city, channel: 'hotline', requester: { name: '陈女士', phone: '13700005555' }, ...body });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.order.id as string;
}

async function openTask(client: Client, orderId: string, formKey: string): Promise<string> {
  const res = await client.get(`/api/orders/${orderId}`);
  const task = (res.body.tasks as OpenTask[]).find((t) => t.status === 'open' && t.formKey === formKey);
  if (!task) throw new Error(`no open ${formKey} on ${orderId}: ${JSON.stringify(res.body.tasks.map((t: OpenTask) => [t.formKey, t.status]))}`);
  return task.id;
}

async function complete(client: Client, orderId: string, formKey: string, outcome: string, data: Record<string, unknown> = {}): Promise<void> {
  const res = await client.post(`/api/tasks/${await openTask(client, orderId, formKey)}/complete`, { outcome, data });
  if (res.status !== 200) throw new Error(`${formKey}:${outcome}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A time the forms accept as past (time fields refuse a time later than now). */
const anHourAgo = (): string => new Date(app.harness.clock.now().getTime() - 3_600_000).toISOString();

/** The forms of the actions a user can see now (one at a time). */
const visibleForms = (page: Page) => page.locator('form.outcome-form:visible').evaluateAll((fs) => fs.map((f) => f.id));
const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** After a step: a sentence says what was done and where the order went, and the page is not a task the user cannot do. */
async function expectLanded(page: Page, sentence: RegExp): Promise<void> {
  await page.waitForURL(/done=/);
  expect(await text(page, '#step-notice')).toMatch(sentence);
  const body = await page.locator('main').innerText();
  expect(body).not.toMatch(/不能办理此任务|您可以查看，但不能办理/);
}

async function pick(page: Page, action: string): Promise<void> {
  await page.getByRole('tab', { name: action, exact: true }).click();
}

describe('Pingdingshan', () => {
  it('extension: one form at a time, the days and reason and resulting due date for the reviewer; a reply sent back shows why; the visit shows the reply', async () => {
    const orderId = await intake('pingdingshan', {
      category: 'B',
      topic: '噪声扰民',
      content: '小区门口烧烤摊深夜噪声扰民，请处理。',
      location: { district: '新华区', address: '建设路12号' },
    });
    const xh = await app.harness.login('pingdingshan.xh-handler');
    await complete(xh, orderId, 'sign', 'done');
    const handleId = await openTask(xh, orderId, 'handle');
    const handler = await app.loggedIn('pingdingshan.xh-handler', `/tasks/${handleId}`);
    expect(await text(handler, '#order-address')).toBe('建设路12号');
    expect(await text(handler, '#order-topic')).toBe('噪声扰民');
    expect(await text(handler, '#order-district')).toBe('新华区');
    expect(await visibleForms(handler)).toEqual(['outcome-inform']);
    // 回复 waits for 反馈诉求人: listed apart with the guard's reason, not offered as a form
    expect(await text(handler, '#task-unavailable')).toContain('回复市指挥中心前应将办理结果反馈诉求人');
    expect(await handler.locator('#outcome-reply').isVisible()).toBe(false);
    // 书面回复 (C only) and 盖章回复 (mayor's mailbox, people's daily) never apply to a B hotline order: not offered
    expect(await handler.locator('#outcome-writtenReply, #outcome-sealedReply').count()).toBe(0);
    expect(await text(handler, 'main')).not.toMatch(/书面回复|盖章回复/);
    await handler.screenshot({ path: 'test-results/task-handler-pingdingshan.png', fullPage: true });

    await pick(handler, '申请延期');
    expect(await visibleForms(handler)).toEqual(['outcome-extend']);
    await handler.getByLabel('需要延长的工作日数').fill('3');
    await handler.getByLabel('延期理由').fill('需协调城管、市场监管联合执法');
    await handler.locator('#outcome-extend').getByRole('button', { name: '申请延期' }).click();
    await expectLanded(handler, /已提交“申请延期”.*现等待 .*调度审核 办理“延期审核”/);
    expect(new URL(handler.url()).pathname).toBe('/inbox');

    // the reviewer: what was asked, and the due date approving it would give (the city's calendar)
    const disp = await app.harness.login('pingdingshan.pds-disp1');
    const order = (await disp.get(`/api/orders/${orderId}`)).body;
    const policy = app.harness.runtime.catalog.policy('pingdingshan').policy;
    const due = new BusinessCalendar(policy.calendar, policy.timezone).deadline(new Date(order.deadlines.dueAt), { workingDays: 3 }).at;
    const reviewer = await app.loggedIn('pingdingshan.pds-disp1', `/tasks/${await openTask(disp, orderId, 'reviewExtension')}`);
    const context = await text(reviewer, '#task-context');
    expect(context).toContain('需要延长的工作日数');
    expect(context).toContain('3');
    expect(context).toContain('需协调城管、市场监管联合执法');
    expect(await text(reviewer, '#extension-asked')).toBe('3 个工作日');
    expect(await text(reviewer, '#extension-due')).toContain(localDateTimeText(due, policy.timezone));
    await reviewer.screenshot({ path: 'test-results/task-review-extension-pingdingshan.png', fullPage: true });
    await reviewer.getByLabel('批准延长的工作日数').fill('3');
    await reviewer.locator('#outcome-approve').getByRole('button', { name: '同意延期' }).click();
    await expectLanded(reviewer, /已提交“同意延期”.*新华区/);

    await complete(xh, orderId, 'informExtension', 'done', { informedAt: anHourAgo(), informedBy: '电话' });
    // 申请延期 once only: now listed as not available, with the policy's reason
    const again = await app.loggedIn('pingdingshan.xh-handler', `/tasks/${await openTask(xh, orderId, 'handle')}`);
    expect(await text(again, '#task-unavailable')).toContain('同一事项原则上只能延期1次');
    await again.close();
    await complete(xh, orderId, 'handle', 'inform', { informedAt: anHourAgo(), informedBy: '电话', feedback: '已告知整改安排' });
    // 反馈诉求人 loops back to a new 办理
    await handler.goto(`${app.base}/tasks/${await openTask(xh, orderId, 'handle')}`);
    const again2 = handler;
    expect(await visibleForms(again2)).toEqual(['outcome-reply']); // 反馈诉求人 done: 回复 leads
    // the unit's own earlier steps (申请延期, 反馈诉求人) are one click away, folded
    expect(await again2.locator('#task-earlier').getAttribute('open')).toBeNull();
    expect(await again2.locator('#task-earlier').textContent()).toContain('已告知整改安排');
    await again2.locator('#outcome-reply').getByLabel('办理结果').fill('已联合执法，烧烤摊已搬离，夜间噪声消除。');
    await again2.locator('#outcome-reply').getByRole('button', { name: '回复市指挥中心' }).click();
    await expectLanded(again2, /已提交“回复市指挥中心”.*办理“回复审核”/);

    // 回复审核: the reply is on the page; 退回重办 with a reason
    const review = await app.loggedIn('pingdingshan.pds-disp1', `/tasks/${await openTask(disp, orderId, 'review')}`);
    expect(await text(review, '#task-context')).toContain('已联合执法，烧烤摊已搬离，夜间噪声消除。');
    await review.screenshot({ path: 'test-results/task-review-reply-pingdingshan.png', fullPage: true });
    await pick(review, '退回重办');
    await review.locator('#outcome-sendBack').getByLabel('理由').fill('未说明今后如何防止反弹');
    await review.locator('#outcome-sendBack').getByRole('button', { name: '退回重办' }).click();
    await expectLanded(review, /已提交“退回重办”.*新华区/);

    const back = await app.loggedIn('pingdingshan.xh-handler', `/tasks/${await openTask(xh, orderId, 'handle')}`);
    expect(await text(back, '#last-word')).toContain('回复审核：退回重办');
    expect(await text(back, '#last-word')).toContain('未说明今后如何防止反弹');
    await back.screenshot({ path: 'test-results/task-sent-back-pingdingshan.png', fullPage: true });

    await complete(xh, orderId, 'handle', 'inform', { informedAt: anHourAgo(), informedBy: '电话', feedback: '已告知巡查机制' });
    await complete(xh, orderId, 'handle', 'reply', { result: '已联合执法并建立夜间巡查机制，防止反弹。' });
    await complete(disp, orderId, 'review', 'approve');
    const visit = await app.loggedIn('pingdingshan.pds-disp1', `/tasks/${await openTask(disp, orderId, 'visit')}`);
    expect(await text(visit, '#task-context')).toContain('已联合执法并建立夜间巡查机制，防止反弹。');
    // a first call rings out: the next call shows it, and a call within 3 hours is not offered (the policy's reason)
    await complete(disp, orderId, 'visit', 'noAnswer', { note: '21时呼叫无人接听' });
    await visit.goto(`${app.base}/tasks/${await openTask(disp, orderId, 'visit')}`);
    expect(await text(visit, '#task-context')).toContain('已联合执法并建立夜间巡查机制，防止反弹。');
    expect(await text(visit, '#task-earlier')).toMatch(/此前的回访记录（共 1 次）[\s\S]*21时呼叫无人接听/);
    expect(await text(visit, '#task-unavailable')).toContain('2次回访呼叫间隔不低于3个小时');
    await visit.screenshot({ path: 'test-results/task-visit-pingdingshan.png', fullPage: true });
  });

  it('return: the handler lands on the inbox, not on the leader task; the leader and the centre see the reason and basis', async () => {
    const orderId = await intake('pingdingshan', {
      category: 'B',
      topic: '供暖',
      content: '暖气不热。',
      location: { district: '新华区', address: '中兴路3号' },
      leadUnit: '新华区', // the operator chose the district; the table would have named 市城市管理局
    });
    const xh = await app.harness.login('pingdingshan.xh-handler');
    await complete(xh, orderId, 'sign', 'done');
    const handler = await app.loggedIn('pingdingshan.xh-handler', `/tasks/${await openTask(xh, orderId, 'handle')}`);
    await pick(handler, '申请退回');
    await handler.locator('#outcome-return').getByLabel('退回理由').fill('供暖由市城市管理局负责');
    await handler.locator('#outcome-return').getByLabel('退回依据').fill('市政府三定方案');
    await handler.locator('#outcome-return').getByRole('button', { name: '申请退回' }).click();
    await expectLanded(handler, /已提交“申请退回”.*现等待 新华区 分管领导 办理“分管领导审核退回”/);
    expect(new URL(handler.url()).pathname).toBe('/inbox');

    const leaderClient = await app.harness.login('pingdingshan.xh-leader');
    const leader = await app.loggedIn('pingdingshan.xh-leader', `/tasks/${await openTask(leaderClient, orderId, 'approveReturn')}`);
    const asked = await text(leader, '#task-context');
    expect(asked).toContain('供暖由市城市管理局负责');
    expect(asked).toContain('市政府三定方案');
    await leader.getByLabel('审核意见').fill('同意退回');
    await leader.locator('#outcome-approve').getByRole('button', { name: '批准退回' }).click();
    await expectLanded(leader, /已提交“批准退回”.*办理“退回审核”/);

    const disp = await app.harness.login('pingdingshan.pds-disp1');
    const centre = await app.loggedIn('pingdingshan.pds-disp1', `/tasks/${await openTask(disp, orderId, 'reviewReturn')}`);
    const reviewed = await text(centre, '#task-context');
    expect(reviewed).toContain('供暖由市城市管理局负责');
    expect(reviewed).toContain('同意退回');
    expect(await text(centre, '#reassign-hints')).toContain('分派规则：市城市管理局');
    await centre.screenshot({ path: 'test-results/task-review-return-pingdingshan.png', fullPage: true });
  });
});

describe('Huizhou', () => {
  const reply = {
    response: '已逐项回应：路灯已修复。',
    handledBy: '惠城区城管局市政科',
    handledAt: '2026-03-03T10:00:00+08:00',
    method: '现场处置',
    coordination: '联系供电所排查线路',
    opinion: '无',
    result: '路灯恢复照明',
    guidance: '如再损坏可拨打12345',
  };

  it('a refused return says why; the reply review shows every field under its label; the visit shows the reply', async () => {
    const orderId = await intake('huizhou', {
      category: 'complaint',
      topic: '路灯',
      content: '演达大道路灯不亮一周。',
      location: { district: '惠城区', address: '演达大道88号' },
    });
    const hc = await app.harness.login('huizhou.hc-handler');
    await complete(hc, orderId, 'sign', 'done');
    const handler = await app.loggedIn('huizhou.hc-handler', `/tasks/${await openTask(hc, orderId, 'handle')}`);
    expect(await visibleForms(handler)).toEqual(['outcome-reply']);
    expect(await text(handler, '#order-address')).toBe('演达大道88号');
    await pick(handler, '申请退单');
    expect(await visibleForms(handler)).toEqual(['outcome-return']);
    await handler.locator('#outcome-return').getByLabel('退单理由').fill('路灯属市城管局管理');
    await handler.locator('#outcome-return').getByRole('button', { name: '申请退单' }).click();
    await expectLanded(handler, /已提交“申请退单”.*惠州市12345热线管理机构 调度审核 办理“退单审核”/);

    const disp = await app.harness.login('huizhou.hz-disp1');
    const centre = await app.loggedIn('huizhou.hz-disp1', `/tasks/${await openTask(disp, orderId, 'reviewReturn')}`);
    expect(await text(centre, '#task-context')).toContain('路灯属市城管局管理');
    await pick(centre, '不同意退单');
    await centre.locator('#outcome-reject').getByLabel('理由').fill('演达大道路灯由惠城区管养');
    await centre.locator('#outcome-reject').getByRole('button', { name: '不同意退单' }).click();
    await expectLanded(centre, /已提交“不同意退单”.*惠城区/);

    const back = await app.loggedIn('huizhou.hc-handler', `/tasks/${await openTask(hc, orderId, 'handle')}`);
    expect(await text(back, '#last-word')).toContain('不同意退单');
    expect(await text(back, '#last-word')).toContain('演达大道路灯由惠城区管养');
    await back.screenshot({ path: 'test-results/task-handler-huizhou.png', fullPage: true });

    await complete(hc, orderId, 'handle', 'reply', reply);
    const review = await app.loggedIn('huizhou.hz-disp1', `/tasks/${await openTask(disp, orderId, 'reviewReply')}`);
    const shown = await text(review, '#task-context');
    for (const [label, value] of [['诉求回应', reply.response], ['办理单位', reply.handledBy], ['办理时间', localDateTimeText(new Date(reply.handledAt), 'Asia/Shanghai')], ['办理方式', '现场处置'], ['办理结果', reply.result], ['解释指引', reply.guidance]]) {
      expect(shown).toContain(label);
      expect(shown).toContain(value);
    }
    expect(shown).not.toMatch(/T10:00|\+08:00|handledBy/);
    await review.screenshot({ path: 'test-results/task-review-reply-huizhou.png', fullPage: true });
    await review.locator('#outcome-approve').getByRole('button', { name: '审核通过' }).click();
    await review.waitForURL(/done=/);
    // the dispatcher does the visit too: they land on it, with the notice, and the reply to read out
    expect(await text(review, '#step-notice')).toMatch(/已提交“审核通过”/);
    expect(new URL(review.url()).pathname).toMatch(/^\/tasks\//);
    expect(await text(review, '#task-context')).toContain(reply.result);
  });
});
