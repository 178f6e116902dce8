import { readFileSync } from 'node:fs';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

/**
 * Deploys of one city sent at once get distinct versions, never one version twice: a deploy that
 * lost the race for a version number takes the next (a 409 only after ten lost races).
 */
jest.setTimeout(120_000);

const SAMPLE_XML = readFileSync('processes/sample.bpmn', 'utf8');
const variant = (n: number) => SAMPLE_XML.replace('</bpmn:process>', `<!-- variant ${n} --></bpmn:process>`);

let h: ApiHarness;
let admin: Client;
beforeAll(async () => {
  h = await openApiHarness();
  admin = await h.login('sample.admin1');
});
afterAll(async () => {
  await h.close();
});

async function storedVersions(): Promise<Array<{ version: number; hash: string }>> {
  const res = await admin.get('/api/processes/sample/versions');
  expect(res.status).toBe(200);
  return res.body;
}

it('gives eight different diagrams deployed at once eight distinct versions', async () => {
  const before = await storedVersions();
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => admin.post('/api/processes/sample/versions', { xml: variant(i) })));
  expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
  const created = answers.map((r) => r.body as { version: number; hash: string });
  expect(new Set(created.map((c) => c.version)).size).toBe(8);
  const after = await storedVersions();
  expect(after.map((v) => v.version)).toEqual(Array.from({ length: before.length + created.length }, (_, i) => i + 1));
  expect(after.slice(before.length).map((v) => v.hash).sort()).toEqual(created.map((c) => c.hash).sort());
  const audit = await h.runtime.database.db.selectFrom('audit_events').select('data').where('type', '=', 'process.deployed').where('city', '=', 'sample').execute();
  expect(audit.length).toBe(before.length + created.length);
});

it('stores the same diagram deployed four times at once once: one 201, the others 200 with its version', async () => {
  const before = await storedVersions();
  const xml = variant(100);
  const answers = await Promise.all(Array.from({ length: 4 }, () => admin.post('/api/processes/sample/versions', { xml })));
  expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
  const version = answers.find((r) => r.status === 201)!.body.version as number;
  for (const r of answers.filter((a) => a.status === 200)) expect(r.body).toMatchObject({ version, created: false });
  expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
  expect((await storedVersions()).length).toBe(before.length + 1);
});
