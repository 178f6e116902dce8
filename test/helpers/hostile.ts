/**
 * Tools of the hostile-input tests: a client that sends raw bodies (so a test controls every
 * byte, `__proto__` keys and 1e309 included) and checks each answer against the OpenAPI
 * document; the answer every hostile request must get; fast-check arbitraries of nasty values.
 */
import fc from 'fast-check';
import request from 'supertest';
import type { ApiHarness, Client } from './api-harness';
import { DEMO_PASSWORD } from './api-harness';
import { openApiChecker } from './openapi-check';

export interface RawClient {
  csrfToken: string;
  send(method: 'post' | 'put' | 'get', path: string, raw?: string, contentType?: string): Promise<request.Response>;
}

/** Logs in as a demo user; every answer is checked against the OpenAPI document. */
export async function rawClient(h: ApiHarness, username: string): Promise<RawClient> {
  const agent = request.agent(h.app);
  const login = await agent.post('/api/session').send({ username, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`login as ${username} failed: ${login.status}`);
  const csrfToken = String(login.body.csrfToken);
  const check = openApiChecker(h.app.locals.openapi as Parameters<typeof openApiChecker>[0]);
  return {
    csrfToken,
    async send(method, path, raw, contentType = 'application/json') {
      let test = agent[method](path);
      if (method !== 'get') test = test.set('X-CSRF-Token', csrfToken);
      if (raw !== undefined) test = test.set('Content-Type', contentType).send(raw);
      const res = await test;
      check(method.toUpperCase(), path, res);
      return res;
    },
  };
}

/**
 * A hostile request gets a success or a 4xx problem+json with a stable code; a 400 names each
 * field it refuses with a path and a message. Never a 500.
 */
export function expectHandled(res: request.Response, what: string): void {
  const context = `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.status < 400) return;
  if (res.status >= 500) throw new Error(`server error: ${context}`);
  if (!/application\/problem\+json/.test(res.type)) throw new Error(`not problem+json: ${context}`);
  if (typeof res.body.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(res.body.code)) throw new Error(`no code: ${context}`);
  if (typeof res.body.detail !== 'string' || res.body.detail === '') throw new Error(`no detail: ${context}`);
  if (res.status === 400) {
    const errors = res.body.errors as { path?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(errors) || errors.length === 0) throw new Error(`400 without errors: ${context}`);
    for (const e of errors) {
      if (typeof e.path !== 'string' || e.path === '' || typeof e.message !== 'string' || e.message === '') {
        throw new Error(`400 with an error that names no field: ${context}`);
      }
    }
  }
}

/** Nothing reached Object.prototype (`__proto__`, `constructor.prototype` keys). */
export function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => /polluted/.test(k))).toEqual([]);
}

/** The server still answers its health check and a normal read. */
export async function expectServing(h: ApiHarness, client: RawClient, normalPath: string): Promise<void> {
  expect((await request(h.app).get('/healthz')).status).toBe(200);
  expect((await client.send('get', normalPath)).status).toBe(200);
}

/** Strings that have broken parsers, databases and templates. */
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202e\u2028\u2029',
    '💩'.repeat(40),
    "'; DROP TABLE orders; --",
    '%_\\',
    '${environment.constructor.constructor("return process")()}',
    '{{constructor.constructor}}',
    '<script>alert(1)</script>',
    '1e309',
    'NaN',
    '-0',
    'Infinity',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    '13800000000',
  ),
  fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** Raw JSON texts of numbers JSON.stringify cannot write (1e309 parses to Infinity). */
const nastyNumberRaw = fc.constantFrom('1e309', '-1e309', '-0', '1e-400', '9007199254740993', '0.1', '1.5e3', '-1');

/** A JSON text: nasty scalars, containers, deep nesting, prototype-pollution keys. */
export const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString.map((s) => JSON.stringify(s)),
    nastyNumberRaw,
    fc.constantFrom('true', 'false', 'null', '0'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.integer({ min: 20, max: 5000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`),
    fc.integer({ min: 20, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  ),
})).value;

/** `{"__proto__":{"polluted":…}}` and `{"constructor":{"prototype":{"polluted":…}}}` at a key. */
export const pollutionJson = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
);

/** A valid JSON object (as text) with one field replaced, removed, or an unknown one added. */
export function mutatedObject(valid: Record<string, unknown>, paths: readonly string[]): fc.Arbitrary<{ raw: string; what: string }> {
  const replaced = fc
    .tuple(fc.constantFrom(...paths), fc.oneof(hostileJson, pollutionJson))
    .map(([path, value]) => ({ raw: withRaw(valid, path, value), what: `${path} = ${value.slice(0, 80)}` }));
  const removed = fc.constantFrom(...paths).map((path) => ({ raw: withRaw(valid, path, undefined), what: `without ${path}` }));
  const added = fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'polluted', ''), fc.oneof(hostileJson, pollutionJson))
    .map(([key, value]) => ({ raw: `${JSON.stringify(valid).slice(0, -1)},${JSON.stringify(key)}:${value}}`, what: `+${key} = ${value.slice(0, 80)}` }));
  const whole = fc.oneof(hostileJson, pollutionJson).map((raw) => ({ raw, what: `body ${raw.slice(0, 80)}` }));
  return fc.oneof(replaced, removed, added, whole);
}

/** The JSON text of `valid` with the field at the dotted `path` written as `raw` (or left out). */
function withRaw(valid: Record<string, unknown>, path: string, raw: string | undefined): string {
  const marker = '\u0001MARK\u0001';
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  if (raw === undefined) {
    delete target[last];
    return JSON.stringify(copy);
  }
  target[last] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

/** After a hostile upload: the server answers its health check and a normal read of one stored version. */
export async function expectOneVersionServed(h: ApiHarness, admin: Client, versionsPath: string): Promise<void> {
  expect((await request(h.app).get('/healthz')).status).toBe(200);
  const versions = await admin.get(versionsPath);
  expect(versions.status).toBe(200);
  expect(versions.body).toHaveLength(1);
}
