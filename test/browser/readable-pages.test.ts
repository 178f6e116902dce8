/**
 * Pages people read, as the browser shows them (issue 13): test/api/readable-pages.test.ts reads
 * the HTML the server sends; here the pages whose scripts fill them in (the dashboard's figures,
 * the assessment, the users and units lists, the account's tokens, the inbox's live counts) are
 * read in headless Chromium after a city's scenario, as one user of each role, and what the page
 * shows must hold no uuid, ISO time, JSON, login or English word.
 */
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import { runCityScenario } from '../helpers/city-scenario';
import { internalLeaks } from '../helpers/visible-text';

jest.setTimeout(300_000);

/** A scenario to the close per city. */
const SCENARIOS: Record<string, string> = {
  haikou: 'reply-resolved-reviewed-and-visited',
  huizhou: 'return-visit-two-ratings',
  anshan: 'extension-leader-signed-centre-approved',
  pingdingshan: 'second-extension-refused',
  dazhu: 'dissatisfied-requester-gets-one-redo',
};

const PAGES = (city: string): string[] => [
  '/inbox',
  '/centre',
  '/intake',
  '/dashboard',
  '/assessment',
  '/reports',
  '/account',
  '/admin/users',
  `/admin/units/${city}`,
];

/** One user of each: the centre, a unit's handler and leader, and the administrator (who sees every page). */
const ROLES = ['dispatcher', 'handler', 'leader', 'admin'];

/** The page's document, as much of it as the wait reads (the tests compile without the DOM's types). */
interface Shown {
  document: { body: { innerText: string } };
}

let app: BrowserApp;
beforeAll(async () => {
  // the scenarios' own days (March 2026); the session cookie's lifetime is relative, so the browser keeps it
  app = await openBrowserApp(new Date('2026-03-02T09:00:00+08:00'));
});
afterAll(async () => {
  await app?.close();
});

it.each(Object.entries(SCENARIOS))(
  '%s: the pages scripts fill in read as plain Chinese to every role',
  async (city, scenario) => {
    await runCityScenario(app.harness, city, scenario);
    const users = app.harness.runtime.catalog.policy(city).policy.users;
    app.errors.length = 0;
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const role of ROLES) {
      const user = users.find((u) => u.role === role);
      if (!user) continue;
      const username = `${city}.${user.id}`;
      const page = await app.loggedIn(username, '/account');
      for (const path of PAGES(city)) {
        const before = app.errors.length;
        const res = await page.goto(`${app.base}${path}`);
        if (res?.status() === 403 || res?.status() === 404) {
          app.errors.splice(before); // the browser logs the refused page itself as an error
          continue;
        }
        expect(`${path} as ${username}: ${res?.status()}`).toBe(`${path} as ${username}: 200`);
        // a script has filled the page when nothing says 正在载入 any more
        // (a function, not a string: the pages' CSP forbids evaluating strings)
        await page.waitForFunction(() => !(globalThis as unknown as Shown).document.body.innerText.includes('正在载入'), undefined, { timeout: 15_000 });
        const text = await page.locator('main').innerText();
        expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
        const codeLike = path === '/admin/users' ? [new RegExp(`\\b${city}(\\.[a-z0-9._-]+)?\\b`, 'g')] : [];
        for (const leak of internalLeaks(text, city, codeLike)) problems.push(`${path} as ${username}: ${leak}`);
        seen.add(path);
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
    expect([...seen]).toEqual(expect.arrayContaining(PAGES(city)));
    expect(app.errors).toEqual([]);
  },
);
