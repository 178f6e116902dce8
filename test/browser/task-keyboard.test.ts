/**
 * A unit's task forms with the keyboard only (Tab, Shift+Tab, arrow keys, Space, Enter; no mouse,
 * no element.click()), every form field labelled, and the server's field errors shown in Chinese.
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

/** Runs `expression` in the page (a string: these tests are compiled without the DOM's types). */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails when it never does. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await inPage<boolean>(page, `!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${selector} cannot be reached with ${key}`);
}

/** Form controls of the page's main part that have no name a screen reader would read (label for, aria-label, aria-labelledby, a wrapping label). */
const UNLABELLED = `Array.from(document.querySelectorAll('main input, main select, main textarea'))
  .filter((el) => el.type !== 'hidden' && !el.hidden && el.getAttribute('aria-hidden') !== 'true') // what a screen reader never reaches
  .filter((el) => {
    const text = (node) => !!(node && node.textContent && node.textContent.trim());
    const forLabel = el.id !== '' && text(document.querySelector('label[for="' + CSS.escape(el.id) + '"]'));
    const byIds = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some((id) => text(document.getElementById(id)));
    const aria = !!(el.getAttribute('aria-label') || '').trim();
    return !forLabel && !byIds && !aria && !text(el.closest('label'));
  })
  .map((el) => el.outerHTML.slice(0, 120))`;
const unlabelled = (page: Page): Promise<string[]> => inPage<string[]>(page, UNLABELLED);

/**
 * Keys that type 2026-11-20 10:00 into a focused datetime-local input. The order of the date's parts
 * follows the browser's own language (年/月/日 24 h on a Chinese Chromium, mm/dd/yyyy AM/PM on an
 * English one) and a year takes up to six digits, so ArrowRight leaves it; tried on a scratch page.
 */
async function dateTimeKeys(page: Page): Promise<string[]> {
  const orders = [
    ['2026', 'ArrowRight', '11', '20', '10', '00'],
    ['11', '20', '2026', 'ArrowRight', '10', '00', 'A'],
  ];
  const scratch = await page.context().newPage();
  try {
    for (const keys of orders) {
      await scratch.setContent('<input type="datetime-local" id="d" aria-label="d">');
      await scratch.focus('#d');
      for (const k of keys) await (k === 'ArrowRight' ? scratch.keyboard.press(k) : scratch.keyboard.type(k));
      if ((await scratch.inputValue('#d')) === '2026-11-20T10:00') return keys;
    }
  } finally {
    await scratch.close();
  }
  throw new Error('this Chromium shows datetime-local in an order the test does not know');
}

/** The focused element's id. */
const focused = (page: Page): Promise<string> => inPage<string>(page, "document.activeElement ? document.activeElement.id : ''");

it('a handler signs and replies with the keyboard only, every field labelled, errors in Chinese at the field', async () => {
  const operator = await app.harness.login('sample.op1');
  const created = await operator.post('/api/orders', {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: '楼道声控灯不亮，请物业维修。',
    requester: { name: '陈七', phone: '13700003333' },
  });
  expect(created.status).toBe(201);
  const sign = (created.body.order.tasks ?? created.body.tasks).find((t: { status: string }) => t.status === 'open');
  const page = await app.loggedIn('sample.xh-handler', `/tasks/${sign.id}`);

  expect(await unlabelled(page)).toEqual([]);
  await tabTo(page, '#outcome-done button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#outcome-reply');
  expect(await page.locator('#step-notice').textContent()).toMatch(/已提交“签收”/);
  expect(await unlabelled(page)).toEqual([]);

  // one action at a time: 答复 leads; 申请延期 is two steps along the tabs (arrow keys)
  expect(await page.locator('form.outcome-form:visible').count()).toBe(1);
  expect(await page.locator('#outcome-extend').isVisible()).toBe(false);
  await tabTo(page, '#tab-reply');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('tab-extend');
  expect(await page.locator('#outcome-reply').isVisible()).toBe(false);

  // 申请延期 with too many days: the server's "expected a number ≤ 10" is said in Chinese at the field.
  await tabTo(page, '#f-extend-days');
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('f-extend-reason');
  await page.keyboard.type('需协调供电部门');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await filled(page, '#f-extend-days-error')).toBe('不能大于 10');
  expect(await focused(page)).toBe('f-extend-days');

  // 答复: back up with Shift+Tab to the tabs, choose 答复 with Home, fill it in order, and submit with Enter.
  await tabTo(page, '#tab-extend', 'Shift+Tab');
  await page.keyboard.press('Home');
  expect(await focused(page)).toBe('tab-reply');
  await tabTo(page, '#f-reply-result');
  await page.keyboard.type('已联系物业更换声控灯。');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('f-reply-informedAt');
  for (const k of await dateTimeKeys(page)) await (k === 'ArrowRight' ? page.keyboard.press(k) : page.keyboard.type(k));
  await tabTo(page, '#f-reply-informedBy'); // Tab steps through the date's parts first
  await page.keyboard.press('ArrowDown'); // 电话
  expect(await page.locator('#f-reply-informedBy').inputValue()).toBe('电话');
  expect(await page.locator('#f-reply-informedAt').inputValue()).toBe('2026-11-20T10:00');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('f-reply-attachments'); // 附件 (optional): passed by
  await page.keyboard.press('Tab');
  expect(await inPage<string>(page, 'document.activeElement.textContent')).toBe('答复');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inbox\?done=/);
  expect(await page.locator('#step-notice').textContent()).toMatch(/已提交“答复”.*办理“答复审核”/);
});

it('shows the server\'s field errors of the intake in Chinese', async () => {
  const page = await app.loggedIn('sample.op1', '/intake');
  await page.getByLabel('诉求类别').selectOption('help');
  await page.getByLabel('来源渠道').selectOption('hotline');
  await page.getByLabel('诉求人姓名').fill('周八');
  await page.getByLabel('联系电话').fill('12345');
  await page.getByLabel('诉求内容').fill('咨询');
  await page.getByLabel('诉求主题').fill('题'.repeat(101));
  await page.getByRole('button', { name: '提交并派单' }).click();
  expect(await filled(page, '#in-requesterPhone-error')).toBe('请填写手机号（11位）或固定电话');
  expect(await filled(page, '#in-topic-error')).toBe('最多 100 个字');
});
