import { readFileSync } from 'node:fs';
import type { Actor } from '../../src/engine/work-order/actor';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

const SAMPLE_YAML = readFileSync('policies/sample.yaml', 'utf8');
const operator: Actor = { id: 'sample.op1', name: '王话务', city: 'sample', role: 'operator', unit: '示例市12345热线中心' };
const complaint = {
  city: 'sample',
  category: 'complaint',
  channel: 'hotline',
  content: '噪音扰民',
  requester: { name: '张三', phone: '13812340000' },
};

function edit(from: string, to: string): string {
  if (!SAMPLE_YAML.includes(from)) throw new Error(`policies/sample.yaml has no "${from}"`);
  return SAMPLE_YAML.replace(from, to);
}

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('reading policies', () => {
  it('gives any user of the city the version in force: its YAML and the parsed policy', async () => {
    const handler = await h.login('sample.xh-handler');
    const res = await handler.get('/api/policies/sample');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, yaml: SAMPLE_YAML, savedBy: 'file' });
    expect(res.body.policy).toMatchObject({ city: 'sample', centre: '示例市12345热线中心', timeLimits: { complaint: 15 } });
    const versions = await handler.get('/api/policies/sample/versions');
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([{ version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), savedBy: 'file', savedAt: expect.any(String) }]);
  });

  it('refuses a user of another city with 403 CITY_MISMATCH, and an unknown version with 404', async () => {
    const other = await h.login(userOf('huizhou', 'operator'));
    const res = await other.get('/api/policies/sample');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CITY_MISMATCH');
    const admin = await h.login('sample.admin1');
    const missing = await admin.get('/api/policies/sample/versions/42');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('POLICY_VERSION_NOT_FOUND');
  });

  it('serves the JSON Schema of a policy file for the editor', async () => {
    const client = await h.login('sample.admin1');
    const res = await client.get('/api/policies/schema');
    expect(res.status).toBe(200);
    expect(res.body.properties).toHaveProperty('timeLimits');
    expect(res.body.required).toEqual(expect.arrayContaining(['city', 'centre']));
  });
});

describe('validating policies', () => {
  it('accepts a valid policy without saving it', async () => {
    const admin = await h.login('sample.admin1');
    const res = await admin.post('/api/policies/sample/validate', { yaml: edit('  complaint: 15\n', '  complaint: 20\n') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true });
    expect((await admin.get('/api/policies/sample/versions')).body).toHaveLength(1);
  });

  it('names the path inside the policy of each problem', async () => {
    const admin = await h.login('sample.admin1');
    const limit = await admin.post('/api/policies/sample/validate', { yaml: edit('  complaint: 15\n', '  complaint: "15d"\n') });
    expect(limit.status).toBe(400);
    expect(limit.body.code).toBe('POLICY_INVALID');
    expect(limit.body.errors).toEqual([{ path: 'timeLimits.complaint', message: expect.stringContaining('15d') }]);
    const typo = await admin.post('/api/policies/sample/validate', { yaml: edit('deadlines:', 'deadline:') });
    expect(typo.body.errors).toContainEqual({ path: 'deadline', message: expect.stringContaining('did you mean "deadlines"') });
    const syntax = await admin.post('/api/policies/sample/validate', { yaml: 'city: sample\n  name: [示例市\n' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0]).toEqual({ path: 'yaml', message: expect.stringMatching(/^line \d+, column \d+: YAML syntax/) });
    const missing = await admin.post('/api/policies/sample/validate', {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.yaml' })]);
  });

  it("cross-checks the policy against the city's diagram: a task the diagram uses cannot go", async () => {
    const admin = await h.login('sample.admin1');
    const withoutRemind = SAMPLE_YAML.replace(/\n {2}remind:\n[\s\S]*$/, '\n');
    expect(withoutRemind).not.toContain('催办记录');
    const res = await admin.post('/api/policies/sample/validate', { yaml: withoutRemind });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('POLICY_INVALID');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'element:remind', code: 'TASK_FORM_UNKNOWN' })]);
  });

  it('lets only administrators validate and save', async () => {
    const dispatcher = await h.login('sample.disp1');
    for (const path of ['/api/policies/sample/validate', '/api/policies/sample/versions']) {
      const res = await dispatcher.post(path, { yaml: SAMPLE_YAML });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
  });
});

describe('saving policies', () => {
  it('an invalid policy saves nothing', async () => {
    const admin = await h.login('sample.admin1');
    const res = await admin.post('/api/policies/sample/versions', { yaml: edit('  complaint: 15\n', '  complaint: 0\n') });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'timeLimits.complaint' })]);
    expect((await admin.get('/api/policies/sample')).body.version).toBe(1);
  });

  it('saves a new version that new orders use, while running orders keep theirs', async () => {
    const admin = await h.login('sample.admin1');
    const running = await h.runtime.workOrders.intake(operator, complaint);
    expect(running.policyVersion).toBe(1);
    const yaml = edit('  complaint: 15\n', '  complaint: 20\n');
    const saved = await admin.post('/api/policies/sample/versions', { yaml });
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual({ version: 2, created: true });
    const again = await admin.post('/api/policies/sample/versions', { yaml });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ version: 2, created: false });
    const current = await admin.get('/api/policies/sample');
    expect(current.body).toMatchObject({ version: 2, yaml, savedBy: 'sample.admin1', policy: { timeLimits: { complaint: 20 } } });
    expect((await admin.get('/api/policies/sample/versions/1')).body.yaml).toBe(SAMPLE_YAML);

    const fresh = await h.runtime.workOrders.intake(operator, complaint);
    expect(fresh.policyVersion).toBe(2);
    const { calendar } = h.runtime.catalog.policy('sample');
    expect(fresh.dueAt).toEqual(calendar.deadline(fresh.createdAt, { workingDays: 20 }).at);
    const kept = await h.runtime.workOrders.getOrder(running.id);
    expect(kept.policyVersion).toBe(1);
    expect(kept.dueAt).toEqual(calendar.deadline(running.createdAt, { workingDays: 15 }).at);
  });
});

function userOf(city: string, role: string): string {
  const users = h.runtime.demoDirectory().find((d) => d.city === city)?.users ?? [];
  const user = users.find((u) => u.role === role);
  if (!user) throw new Error(`no ${role} in ${city}`);
  return `${city}.${user.id}`;
}
