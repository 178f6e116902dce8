/**
 * The administration pages in a real headless Chromium: the policy editor validates as it is
 * typed (the problem at its path and line, saving disabled) and saves a valid text as version 2;
 * the calendar shows the National Day holidays and the adjusted working Saturday; a user who is
 * not an administrator is refused the editor; the users page lists and adds users; the units page
 * shows the city's unit tree with each unit's users.
 */
import type { Page } from 'playwright-core';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
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

const loggedIn = (username: string, path: string): Promise<Page> => app.loggedIn(username, path);

it('an administrator sees an invalid time limit at its path and line as typed, cannot save it, fixes it and saves version 2', async () => {
  const page = await loggedIn('sample.admin1', '/admin/policies/sample');
  expect(new URL(page.url()).pathname).toBe('/admin/policies/sample');
  const editor = page.locator('#policy-yaml');
  await page.locator('#policy-save:not([disabled])').waitFor();
  expect(await editor.inputValue()).toContain('complaint: 15');
  await expect(page.locator('#policy-save').isEnabled()).resolves.toBe(true);
  await expect(page.locator('.sidenav a[aria-current="page"]').textContent()).resolves.toBe('办理规则');

  const original = await editor.inputValue();
  const line = original.split('\n').findIndex((l) => l.trim() === 'complaint: 15') + 1;
  await editor.fill(original.replace('complaint: 15', 'complaint: "15d"'));
  // Checked as typed, without a click (how fast is the bench's business, not this test's).
  const problem = page.locator('#problem-list li[data-path="timeLimits.complaint"]');
  await problem.waitFor({ timeout: 10_000 });
  expect(await problem.textContent()).toContain('timeLimits.complaint：应为 ≥1 的整数工作日，实为 "15d"');
  expect(await problem.getAttribute('data-line')).toBe(String(line));
  expect(await problem.textContent()).toContain(`第 ${line} 行`);
  await expect(page.locator(`#policy-gutter .gutter-bad[data-line="${line}"]`).count()).resolves.toBe(1);
  await expect(page.locator('#policy-save').isDisabled()).resolves.toBe(true);
  // Nothing typed is lost: the text stays as typed.
  expect(await editor.inputValue()).toContain('complaint: "15d"');

  await editor.fill(original.replace('complaint: 15', 'complaint: 16'));
  await page.locator('#policy-save:not([disabled])').waitFor({ timeout: 2_000 });
  await expect(page.locator('#problem-list li.problem').count()).resolves.toBe(0);
  await page.locator('#policy-save').click();
  await page.locator('#policy-status:has-text("第 2 版")').waitFor();

  const admin = await harness.login('sample.admin1');
  const current = await admin.get('/api/policies/sample');
  expect(current.body.version).toBe(2);
  expect(String(current.body.yaml)).toContain('complaint: 16');
});

it('the calendar of 2026-10 shows the National Day holidays and the adjusted working Saturday 10-10 as working', async () => {
  const page = await loggedIn('sample.xh-handler', '/admin/calendar/sample/2026-10');
  await expect(page.locator('#cal-heading').textContent()).resolves.toBe('2026年10月');
  const national = page.locator('td[data-date="2026-10-01"]');
  await expect(national.getAttribute('data-reason')).resolves.toBe('official-holiday');
  await expect(national.getAttribute('data-working')).resolves.toBe('false');
  expect(await national.locator('.cal-holiday').textContent()).toContain('国庆');
  expect(await national.locator('.cal-kind').textContent()).toBe('法定节假日');
  const saturday = page.locator('td[data-date="2026-10-10"]');
  await expect(saturday.getAttribute('data-reason')).resolves.toBe('adjusted-workday');
  await expect(saturday.getAttribute('data-working')).resolves.toBe('true');
  expect(await saturday.locator('.cal-kind').textContent()).toBe('调休上班');
  // 2026-10-01 is a Thursday: the fourth column of the first week.
  await expect(page.locator('#cal-grid tbody tr').first().locator('td').nth(3).getAttribute('data-date')).resolves.toBe('2026-10-01');
  await expect(page.locator('#cal-grid thead th').first().textContent()).resolves.toBe('周一');
  await page.locator('#cal-next').click();
  await page.waitForURL(`${base}/admin/calendar/sample/2026-11`);
});

it('a user who is not an administrator is refused the policy editor', async () => {
  const page = await loggedIn('sample.xh-handler', '/admin/policies/sample');
  const response = await page.reload();
  expect(response?.status()).toBe(403);
  await expect(page.locator('h1').textContent()).resolves.toBe('无法打开此页面');
  await expect(page.locator('#policy-yaml').count()).resolves.toBe(0);
  await expect(page.locator('.sidenav a[href="/admin/policies"]').count()).resolves.toBe(0);
});

it('an administrator lists the users with their roles in Chinese and adds one, errors shown at the field', async () => {
  const page = await loggedIn('sample.admin1', '/admin/users');
  await page.locator('#users-body tr[data-username="sample.admin1"]').waitFor();
  expect(await page.locator('#users-body tr[data-username="sample.admin1"]').textContent()).toContain('管理员');
  const form = page.locator('#user-form');
  await form.getByLabel('用户名').fill('sample.newop');
  await form.getByLabel('姓名').fill('孙新');
  await form.getByLabel('初始密码').fill('a-long-password-1');
  await form.getByLabel('角色').selectOption('operator');
  await form.getByLabel('所属单位').selectOption({ index: 2 });
  await form.getByRole('button', { name: '新增用户' }).click();
  await page.locator('#user-unit-error:not(:empty)').waitFor();
  await expect(page.locator('#user-unit').getAttribute('aria-invalid')).resolves.toBe('true');
  await form.getByLabel('所属单位').selectOption({ index: 1 });
  await form.getByRole('button', { name: '新增用户' }).click();
  await page.locator('#users-body tr[data-username="sample.newop"]').waitFor();
  expect(await page.locator('#users-body tr[data-username="sample.newop"]').textContent()).toContain('话务员');
});

it("the units page, from the admin navigation, shows the city's unit tree with kinds, parents and each unit's users", async () => {
  const page = await loggedIn('pingdingshan.pds-admin1', '/admin/users');
  await page.locator('.sidenav').getByRole('link', { name: '单位管理' }).click();
  await page.waitForURL(`${base}/admin/units/pingdingshan`);
  const row = (unit: string) => page.locator(`#units-table tbody tr[data-unit="${unit}"]`);
  const cells = async (unit: string) => (await row(unit).locator('th, td').allTextContents()).map((t) => t.trim());
  await page.locator('td.unit-users[data-unit="新华区"]:not(:has-text("…"))').waitFor();
  expect(await cells('新华区')).toEqual(['新华区', '区', '平顶山市', '2', '2']);
  expect(await cells('马街村')).toEqual(['马街村', '村', '杨庄镇', '0', '2']);
  expect(await row('马街村').getAttribute('data-depth')).toBe('3');
  expect((await page.locator('#units-table tbody tr').first().locator('th, td').allTextContents()).slice(0, 2)).toEqual(['平顶山市民呼必应指挥中心', '热线中心']);
  const handler = await loggedIn('pingdingshan.xh-handler', '/inbox');
  const refused = await handler.goto(`${base}/admin/units/pingdingshan`);
  expect(refused?.status()).toBe(403);
});
