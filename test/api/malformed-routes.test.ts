/**
 * Every route of the OpenAPI document and every page, walked by a logged-in centre user with
 * malformed path and query parameters: each answer is a refusal in words (400/401/403/404/405/422),
 * never a 500; pages answer with a Chinese sentence, not a raw code.
 */
import request from 'supertest';
import { ApiHarness, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(300_000);

const BAD_PATH_VALUES = ['not-a-uuid', 'abc', 'x'.repeat(600), encodeURIComponent('工单①'), '..%2f..%2fetc', '%00', '0', '-1'];
const BAD_QUERY_VALUES = ['0000-01', '2026-13', '2026-00', 'garbage', '-1', '0', '1e400', 'x'.repeat(600), '工单', '..%2f'];
/** Named query parameters the pages read (the API's come from the document). */
const PAGE_QUERY_NAMES = ['period', 'week', 'month', 'page', 'kind', 'unit', 'status', 'q', 'category', 'channel', 'receivedFrom', 'receivedTo', 'overdue', 'from', 'to', 'view', 'sort', 'next', 'year', 'date'];
const PAGES = [
  '/inbox', '/tasks/{id}', '/orders/{id}', '/orders/{id}/print', '/search', '/account', '/intake', '/centre', '/dashboard', '/assessment', '/assessment/runs/{id}', '/reports',
  '/duty', '/duty/{city}', '/duty/{city}/{month}', '/duty/anshan/{month}', '/leader-days', '/leader-days/{city}', '/leader-days/{city}/{month}', '/leader-days/anshan/{month}',
  '/admin/policies', '/admin/policies/{city}', '/admin/calendar', '/admin/calendar/{city}', '/admin/calendar/{city}/{month}', '/admin/calendar/anshan/{month}',
  '/admin/users', '/admin/units', '/admin/units/{city}', '/admin/processes/{city}/modeler', '/diagrams/{file}', '/ui/modeler/{file}',
  '/ui/assets/{file}', '/ui/assets/no-such-file.js', '/vendor/echarts/{file}', '/api/docs/assets/{file}',
];
const REFUSALS = [400, 401, 403, 404, 405, 409, 422];

type Operation = { parameters?: Array<{ in: string; name: string }> };

let h: ApiHarness;
let agents: Array<{ who: string; agent: ReturnType<typeof request.agent>; csrf: string }>;
beforeAll(async () => {
  h = await openApiHarness();
  agents = [];
  for (const who of ['anshan.disp1', 'anshan.admin1']) {
    const agent = request.agent(h.app);
    const res = await agent.post('/api/session').send({ username: who, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    agents.push({ who, agent, csrf: String(res.body.csrfToken) });
  }
});
afterAll(async () => {
  await h.close();
});

/** Each template with every `{param}` replaced by each bad value in turn (the others a real city's). */
function fill(template: string, bad: string): string[] {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[0]);
  return names.map((target) => names.reduce((url, name) => url.replace(name, name === target ? bad : name === '{city}' ? 'anshan' : bad), template));
}

async function send(method: string, url: string): Promise<{ status: number; text: string; type: string }> {
  const failures: string[] = [];
  let last = { status: 0, text: '', type: '' };
  for (const { who, agent, csrf } of agents) {
    const test = (agent as unknown as Record<string, (u: string) => request.Test>)[method]!(url).set('X-CSRF-Token', csrf);
    const res = method === 'get' || method === 'delete' ? await test : await test.send({});
    if (!REFUSALS.includes(res.status) && !(res.status >= 200 && res.status < 400)) failures.push(`${who} ${method.toUpperCase()} ${url.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`);
    last = { status: res.status, text: res.text, type: res.type };
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return last;
}

async function walk(targets: Array<{ method: string; url: string }>): Promise<string[]> {
  const failures: string[] = [];
  for (const { method, url } of targets) {
    await send(method, url).catch((err: Error) => failures.push(err.message));
  }
  return failures;
}

it('answers every API operation with malformed path parameters as a 4xx problem, never a 500', async () => {
  const paths = (h.app.locals.openapi as { paths: Record<string, Record<string, Operation>> }).paths;
  const targets = Object.entries(paths).flatMap(([template, methods]) =>
    Object.keys(methods).flatMap((method) => BAD_PATH_VALUES.flatMap((bad) => fill(template, bad).map((url) => ({ method, url })))),
  );
  expect(targets.length).toBeGreaterThan(100);
  expect(await walk(targets)).toEqual([]);
});

it('answers every API operation with malformed query parameters as a 4xx problem, never a 500', async () => {
  const paths = (h.app.locals.openapi as { paths: Record<string, Record<string, Operation>> }).paths;
  const targets = Object.entries(paths).flatMap(([template, methods]) =>
    Object.entries(methods).flatMap(([method, op]) => {
      const base = template.replace(/\{city\}/g, 'anshan').replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      return names.flatMap((name) => BAD_QUERY_VALUES.map((bad) => ({ method, url: `${base}?${name}=${bad}` })));
    }),
  );
  expect(targets.length).toBeGreaterThan(50);
  expect(await walk(targets)).toEqual([]);
});

it('answers every page with malformed path and query parameters in Chinese words, never a 500 or a raw code', async () => {
  const targets = PAGES.flatMap((template) => [
    ...BAD_PATH_VALUES.flatMap((bad) => (template.includes('{') ? fill(template, bad) : [template])),
    ...(template.includes('{') ? [] : PAGE_QUERY_NAMES.flatMap((name) => BAD_QUERY_VALUES.map((bad) => `${template}?${name}=${bad}`))),
  ]);
  const failures = await walk([...new Set(targets)].map((url) => ({ method: 'get', url })));
  expect(failures).toEqual([]);
});

it('shows a refused page as a Chinese sentence with the city by its Chinese name, and no code', async () => {
  for (const url of ['/orders/not-a-uuid', '/tasks/abc', '/orders/00000000-0000-4000-8000-000000000000', '/assessment/runs/abc', '/admin/calendar/anshan/2026-13', '/admin/calendar/anshan/0000-01']) {
    const res = await send('get', url);
    expect({ url, status: [400, 404].includes(res.status) ? "refused" : res.status }).toEqual({ url, status: "refused" });
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/<p class="notice notice-error">[^<]*[\u4e00-\u9fff][^<]*<\/p>/);
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(res.text)?.[1] ?? '';
    expect(main).not.toMatch(/[A-Za-z]{3,}(?![^<]*>)/);
    expect(res.text).toContain('鞍山');
  }
});

it('answers a missing static file with 404, not 500', async () => {
  for (const url of ['/ui/assets/no-such-file.js', '/vendor/echarts/nope.js', '/ui/assets/..%2f..%2fpackage.json', '/api/docs/assets/nope.js', '/ui/modeler/nope.js']) {
    const res = await request(h.app).get(url);
    expect(res.status).toBe(404);
  }
});
