/**
 * The duty pages in a real headless Chromium: the centre drafts next month's rota of Haikou in the
 * form, is refused a second unit on a day with the rule named, publishes, and writes the current
 * duty day's log; a unit's user then reads the published rota without the editing forms;
 * Pingdingshan's centre is refused a leader session announced with too little notice (PDS-18)
 * and announces one with enough.
 */
import { addDays, ZoneClock } from '../../src/engine/calendar/local-date';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';

/** Console errors other than the 422 answers of the refusals the tests provoke. */
const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 422'));

jest.setTimeout(180_000);

let app: BrowserApp;
let nextMonth: string;
let today: string;
beforeAll(async () => {
  app = await openBrowserApp();
  today = new ZoneClock('Asia/Shanghai').localDate(app.harness.clock.now());
  nextMonth = addDays(`${today.slice(0, 7)}-28`, 4).slice(0, 7);
});
afterAll(async () => {
  await app?.close();
});

it('the centre drafts, is refused a second unit on a day (HK-9), publishes and logs; a unit reads it', async () => {
  const page = await app.loggedIn('haikou.hk-disp1', '/duty');
  app.errors.length = 0; // the browser's first request of /favicon.ico answers 404
  await expect(page.locator('.sidenav a[aria-current="page"]').textContent()).resolves.toBe('值班安排');
  await expect(page.locator('#duty-today-unit').textContent()).resolves.toContain('尚未排班');

  await page.goto(`${app.base}/duty/haikou/${nextMonth}`);
  await page.locator('#rota-date').fill(`${nextMonth}-11`);
  await page.locator('#rota-unit').selectOption('市公安局');
  await page.locator('#rota-person').fill('周国平');
  await page.locator('#rota-role').selectOption('head');
  await Promise.all([page.waitForEvent('load'), page.locator('#rota-form button[type=submit]').click()]);
  await expect(page.locator(`tr[data-date="${nextMonth}-11"]`).textContent()).resolves.toContain('市公安局');
  await expect(page.locator('#rota-status').textContent()).resolves.toBe('草稿（未公布）');

  await page.locator('#rota-date').fill(`${nextMonth}-11`);
  await page.locator('#rota-unit').selectOption('市住建局');
  await page.locator('#rota-person').fill('陈建华');
  await page.locator('#rota-form button[type=submit]').click();
  const message = page.locator('#rota-form [data-message]');
  await message.filter({ hasText: '一天只安排一个值班单位' }).waitFor();
  await expect(message.textContent()).resolves.not.toMatch(/HK-\d/);

  await Promise.all([page.waitForEvent('load'), page.locator('#publish-form button[type=submit]').click()]);
  await expect(page.locator('#rota-status').textContent()).resolves.toBe('已公布');

  await page.goto(`${app.base}/duty`);
  await page.locator('#log-text').fill('10:05 接办疑难件一件，已协调市住建局');
  await Promise.all([page.waitForEvent('load'), page.locator('#log-form button[type=submit]').click()]);
  await expect(page.locator('#duty-log-list').textContent()).resolves.toContain('已协调市住建局');

  const unit = await app.loggedIn('haikou.xy-handler', `/duty/haikou/${nextMonth}`);
  await expect(unit.locator(`tr[data-date="${nextMonth}-11"]`).textContent()).resolves.toContain('周国平');
  expect(await unit.locator('#rota-form').count()).toBe(0);
  expect(await unit.locator('#duty-log').count()).toBe(0);
  expect(unexpected(app.errors)).toEqual([]);
});

it("Pingdingshan's centre is refused a leader session with 3 days' notice (PDS-18) and announces one with 10", async () => {
  const page = await app.loggedIn('pingdingshan.pds-disp1', '/leader-days');
  await expect(page.locator('#leader-rules').textContent()).resolves.toBe('本市规定：每次接线不少于2小时，须提前7天公布。');
  const soon = addDays(today, 3);
  await page.locator('#ld-leader').fill('李明');
  await page.locator('#ld-title').fill('副市长');
  await page.locator('#ld-startsAt').fill(`${soon}T09:00`);
  await page.locator('#ld-endsAt').fill(`${soon}T11:00`);
  await page.locator('#leader-day-form button[type=submit]').click();
  const message = page.locator('#leader-day-form [data-message]');
  await message.filter({ hasText: '提前公布' }).waitFor();
  await expect(message.textContent()).resolves.not.toMatch(/PDS-\d/);

  const later = addDays(today, 10);
  await page.locator('#ld-startsAt').fill(`${later}T09:00`);
  await page.locator('#ld-endsAt').fill(`${later}T11:00`);
  await Promise.all([page.waitForEvent('load'), page.locator('#leader-day-form button[type=submit]').click()]);
  await page.goto(`${app.base}/leader-days/pingdingshan/${later.slice(0, 7)}`);
  const [y, m, d] = later.split('-').map(Number);
  await expect(page.locator('#leader-days-table').textContent()).resolves.toContain(`${y}年${m}月${d}日 09:00 – 11:00`);
  expect(unexpected(app.errors)).toEqual([]);
});
