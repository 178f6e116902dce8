/**
 * Pages people read (issue 13): for each city, scenarios drive orders from intake to the
 * close, with an extension or a return, on the whole app; then each page of PAGES is opened
 * as every demo user who may open it, and its visible text must hold no uuid, no ISO time, no
 * JSON, no login and no English word. Add a page to PAGES to hold it to the same rule.
 */
import type request from 'supertest';
import { deleteWorkData } from '../../src/db/work-data';
import { loadScenario, runScenario } from '../../src/scenario/scenario-runner';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { internalLeaks, visibleText } from '../helpers/visible-text';

jest.setTimeout(600_000);

/** A page about one order, by its id. */
const PAGES: Array<{ name: string; path: (orderId: string) => string }> = [
  { name: 'order page', path: (id) => `/orders/${id}` },
  { name: 'print page', path: (id) => `/orders/${id}/print` },
];

/** Per city: a scenario to the close, and one with an extension, a return or an automatic step. */
const SCENARIOS: Record<string, string[]> = {
  haikou: ['reply-resolved-reviewed-and-visited', 'refusals-need-a-reason'],
  huizhou: ['return-visit-two-ratings', 'refusals-need-a-reason'],
  anshan: ['unsatisfied-visit-on-site-verification', 'extension-leader-signed-centre-approved', 'return-with-reason-reassigned'],
  pingdingshan: ['refusals-need-a-reason', 'second-extension-refused'],
  dazhu: ['dissatisfied-requester-gets-one-redo', 'overdue-order-is-urged-automatically', 'refusals-need-a-reason'],
};

let harness: ApiHarness;
beforeAll(async () => {
  harness = await openApiHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function runCityScenario(city: string, name: string): Promise<void> {
  const file = `test/scenarios/${city}/${name}.yaml`;
  const host = {
    runtime: harness.runtime,
    clock: harness.clock,
    reset: async (start: Date) => {
      await deleteWorkData(harness.runtime.database.db);
      harness.clock.jump(start);
    },
  };
  const result = await runScenario(host, file, loadScenario(file));
  if (!result.passed) throw new Error(`${file}\n${result.lines.join('\n')}`);
}

async function ordersOf(city: string): Promise<Array<{ id: string; number: string }>> {
  return harness.runtime.database.db.selectFrom('work_orders').select(['id', 'number']).where('city', '=', city).orderBy('number').execute();
}

/** A browser's session: pages are HTML, not in the OpenAPI document the harness's clients check against. */
interface Reader {
  username: string;
  get(path: string): request.Test;
}

/** Every demo user of the city but partners (they see no page but their account), logged in. */
async function staff(city: string): Promise<Reader[]> {
  const users = harness.runtime.catalog.policy(city).policy.users.filter((u) => u.role !== 'partner');
  return Promise.all(
    users.map(async (u) => {
      const username = `${city}.${u.id}`;
      const agent = await harness.pages(username);
      return { username, get: (path: string) => agent.get(path) };
    }),
  );
}

describe.each(Object.entries(SCENARIOS))('%s', (city, scenarios) => {
  it.each(scenarios)('%s: every page reads as plain Chinese to everyone who may open it', async (scenario) => {
    await runCityScenario(city, scenario);
    const orders = await ordersOf(city);
    expect(orders.length).toBeGreaterThan(0);
    const clients = await staff(city);
    const problems: string[] = [];
    const opened = new Set<string>();
    for (const page of PAGES) {
      for (const order of orders) {
        for (const client of clients) {
          const res = await client.get(page.path(order.id));
          if (res.status === 403 || res.status === 404) continue;
          expect(res.status).toBe(200);
          opened.add(client.username);
          const text = visibleText(res.text);
          expect(text).toContain(order.number);
          if (text.includes('工作人员')) problems.push(`${page.name} ${order.number} as ${client.username}: someone the history could not name`);
          for (const leak of internalLeaks(text, city)) problems.push(`${page.name} ${order.number} as ${client.username}: ${leak}`);
        }
      }
    }
    expect(problems).toEqual([]);
    const roles = new Set(harness.runtime.catalog.policy(city).policy.users.filter((u) => opened.has(`${city}.${u.id}`)).map((u) => u.role));
    expect([...roles]).toEqual(expect.arrayContaining(['operator', 'dispatcher', 'handler', 'auditor', 'admin']));
  });
});
