import { readFileSync } from 'node:fs';
import { MAX_POLICY_BYTES } from '../../src/engine/policy/yaml-limits';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

/**
 * An upload whose check runs longer than the limit (here 20 ms, so that a policy just under the
 * size limit, which takes a few hundred ms to read, runs over it) is stopped: its worker is
 * ended and the upload refused with 422 UPLOAD_CHECK_TIMEOUT; nothing is stored, and the city's
 * reads go on.
 */
jest.setTimeout(60_000);

const SAMPLE_POLICY = readFileSync('policies/sample.yaml', 'utf8');
const nearLimit = `${SAMPLE_POLICY}\n${Array.from({ length: Math.floor((MAX_POLICY_BYTES - SAMPLE_POLICY.length) / 10) - 300 }, (_, i) => `k${i}: 1`).join('\n')}\n`;

let h: ApiHarness;
let admin: Client;
beforeAll(async () => {
  h = await openApiHarness(undefined, { uploadChecks: { timeoutMs: 20 } });
  admin = await h.login('sample.admin1');
});
afterAll(async () => {
  await h.close();
});

it.each([
  ['validate', '/api/policies/sample/validate'],
  ['save', '/api/policies/sample/versions'],
])('a policy whose check runs over the limit (%s): 422 UPLOAD_CHECK_TIMEOUT, nothing stored', async (_name, path) => {
  const before = await admin.get('/api/policies/sample/versions');
  const started = h.runtime.uploadChecks.counts.started;
  const res = await admin.post(path, { yaml: nearLimit });
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ code: 'UPLOAD_CHECK_TIMEOUT', detail: expect.stringMatching(/longer than 20 ms.*nothing saved/) });
  expect((await admin.get('/api/policies/sample/versions')).body).toEqual(before.body);
  expect(h.runtime.uploadChecks.counts.started).toBeGreaterThan(started);
  expect((await admin.get('/api/policies/sample')).status).toBe(200);
});
