/**
 * Pages people read (issue 13): for each city, scenarios drive orders from intake to the
 * close, with an extension or a return, on the whole app, and one more order is filed and left
 * open; then every page of an order (the order, its print, each of its tasks) and every page of
 * the menu (the inbox's tabs, 工单查询 with and without a query, the centre, the dashboard …) is
 * opened as every demo user who may open it, and its visible text must hold no uuid, no ISO time,
 * no JSON, no login and no English word. Add a page to ORDER_PAGES or MENU_PAGES to hold it to the
 * same rule.
 */
import type request from 'supertest';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { runCityScenario } from '../helpers/city-scenario';
import { internalLeaks, visibleText } from '../helpers/visible-text';

jest.setTimeout(600_000);

interface Order {
  id: string;
  number: string;
  tasks: string[];
}

/** The pages of one order: the order, its print, and every task it had (open or done). */
const ORDER_PAGES: Array<{ name: string; paths: (order: Order) => string[] }> = [
  { name: 'order page', paths: (o) => [`/orders/${o.id}`] },
  { name: 'print page', paths: (o) => [`/orders/${o.id}/print`] },
  { name: 'task page', paths: (o) => o.tasks.map((t) => `/tasks/${t}`) },
];

/** The pages of the menu (and the account), for a city; each user opens those they may. */
const MENU_PAGES = (city: string, number: string, month: string): string[] => [
  '/inbox?tab=to-sign',
  '/inbox?tab=in-progress',
  '/inbox?tab=due-soon',
  '/inbox?tab=overdue',
  '/inbox?tab=done',
  '/search',
  `/search?q=${encodeURIComponent(number)}`,
  '/search?status=closed&sort=received-asc',
  '/centre',
  '/intake',
  '/dashboard',
  '/assessment',
  `/assessment?period=${month}`,
  '/reports',
  '/duty',
  '/leader-days',
  '/account',
  '/admin/users',
  `/admin/units/${city}`,
  `/admin/calendar/${city}`,
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

async function ordersOf(city: string): Promise<Order[]> {
  const db = harness.runtime.database.db;
  const orders = await db.selectFrom('work_orders').select(['id', 'number']).where('city', '=', city).orderBy('number').execute();
  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('work_orders', 'work_orders.id', 'tasks.order_id')
    .select(['tasks.id as id', 'tasks.order_id as orderId'])
    .where('work_orders.city', '=', city)
    .execute();
  return orders.map((o) => ({ ...o, tasks: tasks.filter((t) => t.orderId === o.id).map((t) => t.id) }));
}

/** A finding of the first kind the city records (黑榜 …) on a unit, by its dispatcher: the assessment page names who recorded it. */
async function recordFinding(city: string): Promise<void> {
  const policy = harness.runtime.catalog.policy(city).policy;
  const kind = Object.keys(policy.assessment?.findings ?? {})[0];
  const dispatcher = policy.users.find((u) => u.role === 'dispatcher');
  const unit = policy.users.find((u) => u.role === 'handler')?.unit;
  if (!kind || !dispatcher || !unit) return;
  const client = await harness.login(`${city}.${dispatcher.id}`);
  const res = await client.post(`/api/assessments/${city}/findings`, { unit, kind, reason: '答复敷衍，群众反映强烈' });
  expect(res.status).toBe(201);
}

/** The month's assessment computed by the city's supervisor (or administrator): the run's page is read too. */
async function runAssessment(city: string, month: string): Promise<string> {
  const policy = harness.runtime.catalog.policy(city).policy;
  const by = policy.users.find((u) => u.role === 'supervisor') ?? policy.users.find((u) => u.role === 'admin');
  const client = await harness.login(`${city}.${by?.id}`);
  const res = await client.post(`/api/assessments/${city}/runs`, { period: month });
  expect(res.status).toBe(201);
  return String(res.body.id);
}

/** One more order, filed by the city's operator and left open (its first task waits in an inbox). */
async function fileOpenOrder(city: string): Promise<void> {
  const operator = harness.runtime.catalog.policy(city).policy.users.find((u) => u.role === 'operator');
  const client = await harness.login(`${city}.${operator?.id}`);
  const policy = harness.runtime.catalog.policy(city).policy;
  const category = Object.keys(policy.categories)[0];
  const res = await client.post('/api/orders', { city, category, channel: 'hotline', content: '小区门口路灯不亮，晚上出行不便。', requester: { name: '钱多多', phone: '13600001111' } });
  expect(res.status).toBe(201);
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

/** What is wrong with a page's text as `who` reads it. */
function problemsOf(html: string, city: string, where: string): string[] {
  const text = visibleText(html);
  // an administrator types logins (`haikou.op1`): the users page says how they are written
  const codeLike = where.includes('/admin/users') ? [new RegExp(`\\b${city}\\b`, 'g')] : [];
  const problems = internalLeaks(text, city, codeLike).map((leak) => `${where}: ${leak}`);
  // the history's word for a login it cannot name (a page may say 工作人员 otherwise: 骚扰热线及其工作人员)
  if (where.startsWith('order ') || where.startsWith('task ')) {
    if (text.includes('工作人员')) problems.push(`${where}: someone the history could not name`);
  }
  return problems;
}

describe.each(Object.entries(SCENARIOS))('%s', (city, scenarios) => {
  it.each(scenarios)('%s: every page reads as plain Chinese to everyone who may open it', async (scenario) => {
    await runCityScenario(harness, city, scenario);
    await fileOpenOrder(city);
    await recordFinding(city);
    const orders = await ordersOf(city);
    expect(orders.length).toBeGreaterThan(1);
    const clients = await staff(city);
    const problems: string[] = [];
    const opened = new Map<string, Set<string>>();
    const open = async (client: Reader, name: string, path: string): Promise<string | null> => {
      const res = await client.get(path);
      if (res.status === 403 || res.status === 404) return null;
      expect(`${path} as ${client.username}: ${res.status}`).toBe(`${path} as ${client.username}: 200`);
      if (!opened.has(name)) opened.set(name, new Set());
      opened.get(name)?.add(client.username);
      problems.push(...problemsOf(res.text, city, `${name} ${path} as ${client.username}`));
      return res.text;
    };
    for (const page of ORDER_PAGES) {
      for (const order of orders) {
        for (const path of page.paths(order)) {
          for (const client of clients) {
            const html = await open(client, page.name, path);
            if (html !== null) expect(visibleText(html)).toContain(order.number);
          }
        }
      }
    }
    const month = harness.clock.now().toISOString().slice(0, 7);
    const run = await runAssessment(city, month);
    for (const path of [...MENU_PAGES(city, orders[0]!.number, month), `/assessment/runs/${run}`]) {
      for (const client of clients) await open(client, path, path);
    }
    expect(problems).toEqual([]);
    const rolesOf = (name: string) => new Set(harness.runtime.catalog.policy(city).policy.users.filter((u) => opened.get(name)?.has(`${city}.${u.id}`)).map((u) => u.role));
    expect([...rolesOf('order page')]).toEqual(expect.arrayContaining(['operator', 'dispatcher', 'handler', 'auditor', 'admin']));
    expect([...rolesOf('task page')]).toEqual(expect.arrayContaining(['dispatcher', 'handler', 'admin']));
    expect([...rolesOf('/inbox?tab=done')]).toEqual(expect.arrayContaining(['handler', 'dispatcher']));
    expect([...rolesOf('/search')]).toEqual(expect.arrayContaining(['operator', 'dispatcher', 'handler', 'auditor', 'admin']));
    expect(opened.get(`/assessment/runs/${run}`)?.size ?? 0).toBeGreaterThan(0);
  });
});
