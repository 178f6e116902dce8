import fc from 'fast-check';
import request from 'supertest';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { expectHandled, expectNoPollution, expectServing, hostileJson, mutatedObject, pollutionJson, RawClient, rawClient } from '../helpers/hostile';
import { open311Client } from '../helpers/open311-client';
import { openApiChecker } from '../helpers/openapi-check';

/**
 * Property tests: arbitrary and mutated JSON on the API's write payloads and query strings.
 * Whatever comes, the answer is a success or a 4xx problem naming what was wrong, never a 500;
 * nothing reaches Object.prototype; the server keeps serving.
 */
jest.setTimeout(180_000);

const RUNS = 100;
let h: ApiHarness;
let op: RawClient;
let handler: RawClient;

const ORDER = {
  city: 'sample',
  category: 'complaint',
  channel: 'hotline',
  content: '楼道灯坏了',
  requester: { name: '张三', phone: '13812345678' },
  location: { district: '新华区', address: '建设路1号' },
  data: { note: '夜间' },
};
const ORDER_PATHS = ['city', 'category', 'channel', 'topic', 'content', 'requester', 'requester.name', 'requester.phone', 'location', 'location.address', 'leadUnit', 'coUnits', 'data', 'data.note', 'mode', 'answer', 'reason', 'transferTo', 'knowledgeId'];

beforeAll(async () => {
  h = await openApiHarness();
  op = await rawClient(h, 'sample.op1');
  handler = await rawClient(h, 'sample.xh-handler');
});
afterAll(async () => {
  await h.close();
});
afterEach(async () => {
  expectNoPollution();
  await expectServing(h, op, '/api/orders?pageSize=1');
});

async function newSignTask(): Promise<string> {
  const res = await op.send('post', '/api/orders', JSON.stringify(ORDER));
  expect(res.status).toBe(201);
  return String(res.body.tasks[0].id);
}

it('POST /api/orders: a mutated order is recorded or refused naming its fields', async () => {
  await fc.assert(
    fc.asyncProperty(mutatedObject(ORDER, ORDER_PATHS), async ({ raw, what }) => {
      expectHandled(await op.send('post', '/api/orders', raw), what);
      expectNoPollution();
    }),
    { numRuns: RUNS },
  );
});

it('POST /api/tasks/{id}/complete: any outcome and form data is refused naming its fields, or completes the task', async () => {
  const taskId = await newSignTask();
  const valid = { outcome: 'done', data: { note: 'x' } };
  await fc.assert(
    fc.asyncProperty(mutatedObject(valid, ['outcome', 'data', 'data.note', 'data.reason', 'data.__proto__']), async ({ raw, what }) => {
      expectHandled(await handler.send('post', `/api/tasks/${taskId}/complete`, raw), what);
      expectNoPollution();
    }),
    { numRuns: RUNS },
  );
});

it('POST /api/knowledge: a mutated proposal is stored or refused naming its fields', async () => {
  const valid = { title: '路灯不亮找谁', answer: '城管局路灯所', category: 'help', topic: '路灯' };
  await fc.assert(
    fc.asyncProperty(mutatedObject(valid, ['title', 'answer', 'category', 'topic']), async ({ raw, what }) => {
      expectHandled(await handler.send('post', '/api/knowledge', raw), what);
    }),
    { numRuns: RUNS },
  );
});

/** A query string of known and unknown parameters with nasty values, repeated parameters and brackets. */
const hostileQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom('q', 'status', 'category', 'unit', 'overdue', 'dueBefore', 'page', 'pageSize', 'city', 'q[]', 'q[a]', '__proto__', 'constructor[prototype][polluted]', 'x'),
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '1e309', '-1', '0', 'NaN', '99999999999999999999', 'true', '%', '_', "'", '\u0000', '2026-02-30T00:00:00+08:00'), fc.nat({ max: 5000 }).map((n) => 'q'.repeat(n))),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

it('GET /api/orders and /api/knowledge: any query string answers a page or names the parameter', async () => {
  await fc.assert(
    fc.asyncProperty(hostileQuery, fc.constantFrom('/api/orders', '/api/knowledge'), async (query, path) => {
      const res = await op.send('get', `${path}?${query}`);
      expectHandled(res, `${path}?${query.slice(0, 200)}`);
      if (res.status === 400) for (const e of res.body.errors as { path: string }[]) expect(e.path).toMatch(/^query\./);
      expectNoPollution();
    }),
    { numRuns: RUNS },
  );
});

describe('Open311 POST requests.json', () => {
  let key = '';
  beforeAll(async () => {
    key = await open311Client(h).integrationKey('sample', 'partner');
  });

  /** GeoReport errors: a 4xx list of {code, description}, never a 500. */
  function expectGeoReportAnswer(res: request.Response, what: string): void {
    const context = `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`server error: ${context}`);
    if (res.status < 400) return;
    const errors = res.body as { code?: unknown; description?: unknown }[];
    if (!Array.isArray(errors) || errors.length === 0) throw new Error(`no GeoReport errors: ${context}`);
    for (const e of errors) {
      if (e.code !== res.status || typeof e.description !== 'string' || e.description === '') throw new Error(`error without its description: ${context}`);
    }
  }

  it('answers any JSON or form body with the request recorded or GeoReport errors naming the field', async () => {
    const check = openApiChecker(h.app.locals.openapi as Parameters<typeof openApiChecker>[0]);
    const valid = () => ({ api_key: key, jurisdiction_id: 'sample', service_code: 'complaint', description: '路灯不亮', name: '张三', phone: '13812345678', lat: '34.7', long: '113.3' });
    const paths = ['api_key', 'jurisdiction_id', 'service_code', 'description', 'name', 'first_name', 'phone', 'lat', 'long', 'address_string', 'district', 'channel'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(null).chain(() => mutatedObject(valid(), paths)).map((m) => ({ ...m, type: 'application/json' })),
          fc
            .array(fc.tuple(fc.constantFrom(...paths, '__proto__', 'attribute[x]', 'lat'), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('1e309', 'NaN', '-91', '\u0000'))), { maxLength: 8 })
            .map((pairs) => {
              const form = new URLSearchParams(Object.entries(valid()));
              for (const [k, v] of pairs) form.set(k, v);
              return { raw: form.toString(), type: 'application/x-www-form-urlencoded', what: `form ${form.toString().slice(0, 200)}` };
            }),
        ),
        async ({ raw, type, what }) => {
          const res = await request(h.app).post('/open311/v2/requests.json').set('Content-Type', type).send(raw);
          check('POST', '/open311/v2/requests.json', res);
          expectGeoReportAnswer(res, what);
          expectNoPollution();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

it('refuses a body nested deeper than allowed with 400 BODY_TOO_DEEP naming where', async () => {
  const deep = `{"content":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const res = await op.send('post', '/api/orders', deep);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('BODY_TOO_DEEP');
  expect(res.body.errors[0].path).toMatch(/^body\.content\.0\.0/);
  expect(res.body.errors[0].message).toMatch(/nested more than \d+ levels/);
});

it('never lets __proto__ or constructor.prototype in a body reach Object.prototype', async () => {
  await fc.assert(
    fc.asyncProperty(pollutionJson, hostileJson, async (pollution, value) => {
      const raw = `{"city":"sample","category":"complaint","channel":"hotline","content":"x","requester":{"name":"张三","phone":"13812345678"},"data":${pollution},"__proto__":${value}}`;
      expectHandled(await op.send('post', '/api/orders', raw), raw.slice(0, 200));
      expectNoPollution();
    }),
    { numRuns: 20 },
  );
});

it('answers a NUL character, a lone surrogate or 1e309 in any text field without a server error', async () => {
  const values = ['"a\\u0000b"', '"\\ud800"', '"x\\udfffy"', '1e309', '{"k":"\\u0000"}', '["\\ud800"]'];
  const taskId = await newSignTask();
  for (const value of values) {
    for (const path of ['content', 'requester.name', 'location.address', 'topic', 'data.note', 'coUnits']) {
      expectHandled(await op.send('post', '/api/orders', setRaw(ORDER, path, value)), `${path} = ${value}`);
    }
    const nulKey = JSON.stringify(ORDER).replace('"note":"夜间"', `"no\\u0000te":${value}`);
    expectHandled(await op.send('post', '/api/orders', nulKey), `data key with NUL = ${value}`);
    expectHandled(await handler.send('post', `/api/tasks/${taskId}/complete`, `{"outcome":"return","data":{"reason":${value}}}`), `task reason ${value}`);
    expectHandled(await handler.send('post', '/api/knowledge', `{"title":${value},"answer":${value}}`), `knowledge ${value}`);
  }
  const nul = await op.send('post', '/api/orders', setRaw(ORDER, 'content', '"a\\u0000b"'));
  expect(nul.status).toBe(400);
  expect(nul.body).toMatchObject({ code: 'TEXT_INVALID', errors: [{ path: 'body.content', message: expect.stringContaining('NUL') }] });
  const surrogate = await op.send('post', '/api/orders', setRaw(ORDER, 'data.note', '"\\ud800"'));
  expect(surrogate.body).toMatchObject({ code: 'TEXT_INVALID', errors: [{ path: 'body.data.note', message: expect.stringContaining('surrogate') }] });
});

it('keeps data nested deeply inside an order out of the database', async () => {
  const res = await op.send('post', '/api/orders', JSON.stringify(ORDER).replace('"note":"夜间"', `"note":${'['.repeat(50_000)}${']'.repeat(50_000)}`));
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('BODY_TOO_DEEP');
});

function setRaw(valid: Record<string, unknown>, path: string, raw: string): string {
  const marker = '@@MARK@@';
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, Record<string, unknown>>;
  const [a, b] = path.split('.') as [string, string | undefined];
  if (b === undefined) (copy as Record<string, unknown>)[a] = marker;
  else copy[a] = { ...copy[a], [b]: marker };
  return JSON.stringify(copy).replace(`"${marker}"`, raw);
}
