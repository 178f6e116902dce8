/** The OpenAPI 3.1 document: served, valid, browsable locally; and the response checker really checks. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { openApiChecker } from '../helpers/openapi-check';

jest.setTimeout(60_000);

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

it('serves a valid OpenAPI 3.1 document describing every API operation', async () => {
  const res = await h.request().get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  expect(validateOpenApi(res.body)).toEqual({ valid: true });
  const paths = Object.keys(res.body.paths as object);
  expect(paths).toEqual(expect.arrayContaining(['/api/session', '/api/orders', '/api/orders/{id}', '/api/inbox', '/api/tasks/{id}/complete', '/api/processes/{city}/versions', '/api/policies/{city}']));
  expect(paths.some((p) => p.startsWith('/open311/v2/'))).toBe(true);
});

it('serves Swagger UI from the app itself, with no inline script', async () => {
  const page = await h.request().get('/api/docs');
  expect(page.status).toBe(200);
  expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
  expect(page.text).not.toMatch(/<script>(?!<\/script>)[^<]+<\/script>/);
  expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  const asset = await h.request().get('/api/docs/assets/swagger-ui-bundle.js');
  expect(asset.status).toBe(200);
  expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
});

it('has a response checker that refuses what the document does not say', () => {
  const check = openApiChecker(h.app.locals.openapi as Parameters<typeof openApiChecker>[0]);
  expect(() => check('GET', '/api/session', { status: 200, type: 'application/json', body: { user: { username: 1 } } })).toThrow(/does not match/);
  expect(() => check('GET', '/api/session', { status: 418, type: 'application/json', body: {} })).toThrow(/not documented/);
  expect(() => check('PATCH', '/api/nowhere-else', { status: 200, type: 'application/json', body: {} })).toThrow(/not documented/);
});

/** @seriousme/openapi-schema-validator is ESM-only: it runs in a child Node process. */
function validateOpenApi(doc: unknown): unknown {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-oas-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const script = `import { Validator } from '@seriousme/openapi-schema-validator';
    import { readFileSync } from 'node:fs';
    const r = await new Validator().validate(JSON.parse(readFileSync(process.argv[1], 'utf8')));
    process.stdout.write(JSON.stringify(r.valid ? { valid: true } : r));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { encoding: 'utf8' })) as unknown;
}
