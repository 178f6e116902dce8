import { readFileSync } from 'node:fs';
import type { Actor } from '../../src/engine/work-order/actor';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

const SAMPLE_XML = readFileSync('processes/sample.bpmn', 'utf8');
const operator: Actor = { id: 'sample.op1', name: '王话务', city: 'sample', role: 'operator', unit: '示例市12345热线中心' };
const order = {
  city: 'sample',
  category: 'help',
  channel: 'hotline',
  content: '路灯不亮',
  requester: { name: '张三', phone: '13812340000' },
};

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('diagram versions', () => {
  it('lists the deployed versions and fetches one with its XML (administrator, dispatcher, auditor)', async () => {
    for (const username of ['sample.admin1', 'sample.disp1', 'sample.audit1']) {
      const client = await h.login(username);
      const list = await client.get('/api/processes/sample/versions');
      expect(list.status).toBe(200);
      expect(list.body[0]).toEqual({ version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), deployedBy: 'file', deployedAt: expect.any(String) });
    }
    const admin = await h.login('sample.admin1');
    const one = await admin.get('/api/processes/sample/versions/1');
    expect(one.status).toBe(200);
    expect(one.body.xml).toBe(SAMPLE_XML);
    const missing = await admin.get('/api/processes/sample/versions/99');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('PROCESS_VERSION_NOT_FOUND');
  });

  it('refuses a unit handler (403 ROLE_NOT_ALLOWED) and a user of another city (403 CITY_MISMATCH)', async () => {
    const handler = await h.login('sample.xh-handler');
    const read = await handler.get('/api/processes/sample/versions');
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('ROLE_NOT_ALLOWED');
    const deploy = await handler.post('/api/processes/sample/versions', { xml: SAMPLE_XML });
    expect(deploy.status).toBe(403);
    expect(deploy.body.code).toBe('ROLE_NOT_ALLOWED');
    const other = await h.login(firstAdminOf('huizhou'));
    const foreign = await other.get('/api/processes/sample/versions');
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('CITY_MISMATCH');
  });
});

describe('validate and deploy', () => {
  it('validates a good diagram, and names each refused element with its code', async () => {
    const admin = await h.login('sample.admin1');
    const ok = await admin.post('/api/processes/sample/validate', { xml: SAMPLE_XML });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true });
    const script = await admin.post('/api/processes/sample/validate', { xml: readFileSync('test/fixtures/bpmn/script-task.bpmn', 'utf8') });
    expect(script.status).toBe(400);
    expect(script.body.code).toBe('BPMN_INVALID');
    expect(script.body.errors).toContainEqual(expect.objectContaining({ path: 'element:remind', code: 'SCRIPT_TASK_REFUSED' }));
    const unknownForm = await admin.post('/api/processes/sample/validate', { xml: SAMPLE_XML.replace('minhu:form="visit"', 'minhu:form="callBack"') });
    expect(unknownForm.status).toBe(400);
    expect(unknownForm.body.errors).toEqual([expect.objectContaining({ path: 'element:visit', code: 'TASK_FORM_UNKNOWN' })]);
    const noXml = await admin.post('/api/processes/sample/validate', {});
    expect(noXml.status).toBe(400);
    expect(noXml.body.errors).toEqual([expect.objectContaining({ path: 'body.xml' })]);
  });

  it('refuses a minhu:form naming what every object inherits (TASK_FORM_UNKNOWN naming the element), at validate and deploy', async () => {
    const admin = await h.login('sample.admin1');
    const before = (await admin.get('/api/processes/sample/versions')).body as unknown[];
    for (const form of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const xml = SAMPLE_XML.replace('minhu:form="visit"', `minhu:form="${form}"`);
      for (const path of ['/api/processes/sample/validate', '/api/processes/sample/versions']) {
        const res = await admin.post(path, { xml });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ path: 'element:visit', code: 'TASK_FORM_UNKNOWN' })]);
      }
    }
    expect((await admin.get('/api/processes/sample/versions')).body).toEqual(before);
  });

  it('a malformed upload loses nothing: the previous version stays current', async () => {
    const admin = await h.login('sample.admin1');
    const before = (await admin.get('/api/processes/sample/versions')).body as unknown[];
    const bad = await admin.post('/api/processes/sample/versions', { xml: `${SAMPLE_XML.slice(0, 400)}<bpmn:userTask` });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BPMN_INVALID');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'xml', code: 'BPMN_MALFORMED' })]);
    const otherCity = await admin.post('/api/processes/sample/versions', { xml: SAMPLE_XML.replaceAll('"sample"', '"huizhou"') });
    expect(otherCity.status).toBe(400);
    expect(otherCity.body.errors).toContainEqual(expect.objectContaining({ code: 'PROCESS_KEY_MISMATCH' }));
    expect((await admin.get('/api/processes/sample/versions')).body).toEqual(before);
    expect(h.runtime.catalog.latestModel('sample').version).toBe(before.length);
  });

  it('deploys v2 for new orders while running orders keep v1; the same XML again stores nothing', async () => {
    const admin = await h.login('sample.admin1');
    const running = await h.runtime.workOrders.intake(operator, order);
    expect(running.processVersion).toBe(1);
    const v2 = SAMPLE_XML.replace('name="回访"', 'name="电话回访"');
    const deployed = await admin.post('/api/processes/sample/versions', { xml: v2 });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ version: 2, created: true });
    const again = await admin.post('/api/processes/sample/versions', { xml: v2 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, created: false });
    const list = await admin.get('/api/processes/sample/versions');
    expect(list.body.map((v: { version: number; deployedBy: string }) => [v.version, v.deployedBy])).toEqual([[1, 'file'], [2, 'sample.admin1']]);
    const fresh = await h.runtime.workOrders.intake(operator, order);
    expect(fresh.processVersion).toBe(2);
    expect((await h.runtime.workOrders.getOrder(running.id)).processVersion).toBe(1);
  });
});

function firstAdminOf(city: string): string {
  const users = h.runtime.demoDirectory().find((d) => d.city === city)?.users ?? [];
  const admin = users.find((u) => u.role === 'admin');
  if (!admin) throw new Error(`no admin in ${city}`);
  return `${city}.${admin.id}`;
}
