/**
 * Accounts with a lifecycle, in a real headless Chromium, as an administrator and a member of
 * staff would use them: 停用 ends a colleague's open session at once and their login then says
 * the account is disabled, 启用 lets them in again; 重置密码 gives a new password that works;
 * a partner issues a token on 我的账户 (its secret shown once), the administrator sees it among
 * the city's tokens by the partner's name and 吊销 it, and the token answers 401 from then on;
 * a person changes their own password with the current one. Times are the city's local time.
 */
import type { Page } from 'playwright-core';
import request from 'supertest';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import { DEMO_PASSWORD } from '../helpers/api-harness';

jest.setTimeout(180_000);

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const LOCAL_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/;

/** The login page's own form, in a page of a fresh context (the helper's `loggedIn` expects success). */
async function tryLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${app.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function userRow(page: Page, username: string) {
  const row = page.locator(`#users-body tr[data-username="${username}"]`);
  await row.waitFor();
  return row;
}

async function confirmIn(page: Page, text: string, button: string): Promise<void> {
  const dialog = page.locator('dialog.confirm-dialog[open]');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(text);
  await dialog.getByRole('button', { name: button }).click();
}

it('停用 ends a colleague’s session at once and refuses their login in words; 启用 lets them in again', async () => {
  const admin = await app.loggedIn('sample.admin1', '/admin/users');
  const colleague = await app.loggedIn('sample.op1', '/intake');

  const own = await userRow(admin, 'sample.admin1');
  expect(await own.locator('td.actions').textContent()).toContain('本人');
  await expect(own.locator('button').count()).resolves.toBe(0);

  const row = await userRow(admin, 'sample.op1');
  await row.getByRole('button', { name: '停用' }).click();
  await confirmIn(admin, '王话务', '停用');
  await admin.locator('#users-message:has-text("已停用 王话务")').waitFor();
  await (await userRow(admin, 'sample.op1')).locator('.badge:has-text("停用")').waitFor();

  // The colleague's next page is the login page: the session died with the account.
  await colleague.goto(`${app.base}/intake`);
  expect(new URL(colleague.url()).pathname).toBe('/login');
  await tryLogin(colleague, 'sample.op1', DEMO_PASSWORD);
  await colleague.locator('#login-message:has-text("该账号已停用，请联系本市管理员。")').waitFor();

  await (await userRow(admin, 'sample.op1')).getByRole('button', { name: '启用' }).click();
  await admin.locator('#users-message:has-text("已启用 王话务")').waitFor();
  await tryLogin(colleague, 'sample.op1', DEMO_PASSWORD);
  await colleague.waitForURL(`${app.base}/intake`);
});

it('重置密码 sets a new password the colleague logs in with; the old one no longer works', async () => {
  const admin = await app.loggedIn('sample.admin1', '/admin/users');
  const row = await userRow(admin, 'sample.wd-handler');
  await row.getByRole('button', { name: '重置密码' }).click();
  const dialog = admin.locator('#reset-dialog[open]');
  await dialog.waitFor();
  expect(await dialog.locator('h2').textContent()).toBe('重置密码：孙承办');
  await dialog.locator('#reset-password').fill('short');
  await dialog.getByRole('button', { name: '重置密码' }).click();
  expect(await dialog.locator('#reset-password-error').textContent()).toBe('密码至少10位。');
  await dialog.locator('#reset-password').fill('handed-over-2027');
  await dialog.getByLabel('再次输入新密码').fill('handed-over-2026');
  await dialog.getByRole('button', { name: '重置密码' }).click();
  expect(await dialog.locator('#reset-confirm-error').textContent()).toBe('两次输入的新密码不一致。');
  await dialog.getByLabel('再次输入新密码').fill('handed-over-2027');
  await dialog.getByRole('button', { name: '重置密码' }).click();
  await admin.locator('#users-message:has-text("已重置 孙承办 的密码")').waitFor();

  const colleague = await app.loggedIn('sample.xh-handler', '/inbox');
  await colleague.locator('#logout-form button').click();
  await colleague.waitForURL(/\/login/);
  await tryLogin(colleague, 'sample.wd-handler', DEMO_PASSWORD);
  await colleague.locator('#login-message:has-text("用户名或密码错误")').waitFor();
  await tryLogin(colleague, 'sample.wd-handler', 'handed-over-2027');
  await colleague.waitForURL(`${app.base}/inbox`);
  expect(await colleague.locator('.who-name').textContent()).toBe('孙承办');
});

it('a partner issues a token on 我的账户; the administrator finds it by the partner’s name and 吊销 it; it answers 401 at once', async () => {
  const partner = await app.loggedIn('sample.partner1', '/account');
  expect(new URL(partner.url()).pathname).toBe('/account');
  await partner.getByLabel('用途').fill('微信公众号对接');
  await partner.getByLabel('有效天数').fill('30');
  await partner.getByRole('button', { name: '新建令牌' }).click();
  const secret = (await partner.locator('#token-secret-value:not(:empty)').textContent())!;
  expect(secret.length).toBeGreaterThan(20);
  expect(await partner.locator('#token-message').textContent()).toMatch(/^已新建令牌“微信公众号对接”，有效至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}。$/);
  const mine = partner.locator('#tokens-body tr', { hasText: '微信公众号对接' });
  await mine.waitFor();
  const cells = (await mine.locator('td').allTextContents()).map((c) => c.trim());
  expect(cells[1]).toMatch(LOCAL_TIME);
  expect(cells[2]).toBe('从未使用');
  expect(cells[4]).toBe('有效');
  expect((await request(app.base).get('/api/session').set('Authorization', `Bearer ${secret}`)).status).toBe(200);

  const admin = await app.loggedIn('sample.admin1', '/admin/users');
  const row = admin.locator('#tokens-body tr', { hasText: '微信公众号对接' });
  await row.waitFor();
  const adminCells = (await row.locator('td').allTextContents()).map((c) => c.trim());
  expect(adminCells[0]).toBe('示例微信公众号对接');
  expect(adminCells[3]).toMatch(LOCAL_TIME);
  // The issue time the page shows is the issue time in Beijing time, whatever the machine's zone.
  const token = (await (await app.harness.login('sample.admin1')).get('/api/tokens')).body.find((t: { name: string }) => t.name === '微信公众号对接');
  const beijing = new Date(new Date(token.createdAt).getTime() + 8 * 3_600_000);
  expect(adminCells[2]).toBe(`${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 ${String(beijing.getUTCHours()).padStart(2, '0')}:${String(beijing.getUTCMinutes()).padStart(2, '0')}`);
  await row.getByRole('button', { name: '吊销' }).click();
  await confirmIn(admin, '示例微信公众号对接', '吊销');
  await admin.locator('#tokens-message:has-text("已吊销令牌“微信公众号对接”")').waitFor();
  const revoked = admin.locator('#tokens-body tr', { hasText: '微信公众号对接' });
  await revoked.locator('.badge:has-text("已吊销")').waitFor();
  expect(await revoked.locator('.badge').textContent()).toContain('钱管理');
  await expect(revoked.getByRole('button', { name: '吊销' }).count()).resolves.toBe(0);

  expect((await request(app.base).get('/api/session').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
  // As an Open311 api_key it is refused too (GeoReport answers every key error with 403).
  expect((await request(app.base).get('/open311/v2/requests.json').query({ api_key: secret, jurisdiction_id: 'sample' })).status).toBe(403);
});

it('修改密码 on 我的账户 needs the current password; the new one works at the next login', async () => {
  const page = await app.loggedIn('sample.zj-handler', '/inbox');
  await page.getByRole('link', { name: '我的账户' }).click();
  await page.waitForURL(`${app.base}/account`);
  await page.getByLabel('当前密码').fill('not-my-password');
  await page.locator('#pw-new').fill('my-own-new-password');
  await page.getByLabel('再次输入新密码').fill('my-own-new-password');
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.locator('#pw-current-error:has-text("当前密码不正确。")').waitFor();
  await expect(page.locator('#pw-current').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.locator('#password-message:has-text("密码已修改")').waitFor();
  await page.locator('#logout-form button').click();
  await page.waitForURL(/\/login/);
  await tryLogin(page, 'sample.zj-handler', 'my-own-new-password');
  await page.waitForURL(`${app.base}/inbox`);
  // No script failed on these pages (refusals the API answered, such as the wrong password, are not script errors).
  expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
});
