import { readFileSync } from 'node:fs';
import * as bpmnModel from '../../src/engine/process/bpmn-model';
import * as loadPolicies from '../../src/engine/policy/load-policies';
import { parseProcessModel } from '../../src/engine/process/bpmn-model';
import { DEFAULT_STEP_LIMITS } from '../../src/engine/process/step-budget';
import { MAX_POLICY_BYTES } from '../../src/engine/policy/yaml-limits';
import { MAX_BPMN_ELEMENTS } from '../../src/engine/process/xml-precheck';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

/**
 * Other cities keep being served whatever one city uploads or runs.
 *
 * The step budget: a diagram that slipped past the deploy checks (stored here straight into the
 * database, as a version saved before the checks existed would be) is stopped within its step
 * with 422 STEP_BUDGET_EXCEEDED naming the element, nothing of the step is saved, and another
 * city's reads sent meanwhile are answered. Large uploads (policies over the size limit, and up
 to it; diagrams near theirs), four at once, leave another city's reads answered too. Bounds are
 generous: correctness, not speed (the latencies are bench figures: `BENCH_ONLY=hostile`).
 * Uploads are read and checked on worker threads (src/app/upload-check-pool.ts): the main
 * thread parses none of them, and another city's reads are answered while they are checked.
 */
jest.setTimeout(120_000);

const fixture = (name: string) => readFileSync(`test/fixtures/bpmn/${name}`, 'utf8');
const SAMPLE_XML = readFileSync('processes/sample.bpmn', 'utf8');
const ORDER = { city: 'sample', category: 'complaint', channel: 'hotline', content: '楼道灯坏了', requester: { name: '张三', phone: '13812345678' } };

let h: ApiHarness;
let op: Client;
let xh: Client;
let admin: Client;
let otherCity: Client;
beforeAll(async () => {
  h = await openApiHarness();
  [op, xh, admin, otherCity] = await Promise.all([h.login('sample.op1'), h.login('sample.xh-handler'), h.login('sample.admin1'), h.login('huizhou.hz-op1')]);
});
afterAll(async () => {
  await h.close();
});

/** Stores a diagram as the sample city's next version without the deploy checks. */
async function deployUnchecked(xml: string): Promise<void> {
  const model = await parseProcessModel(xml);
  expect(model.unbounded.length).toBeGreaterThan(0);
  const version = await h.runtime.uow.run(async (repos) => {
    const next = ((await repos.deployments.latest('sample'))?.version ?? 0) + 1;
    await repos.deployments.insert({ processKey: 'sample', version: next, xml, hash: model.hash, deployedBy: 'test', deployedAt: h.clock.now() });
    return next;
  });
  h.runtime.catalog.addModel(version, model);
}

async function deploySample(): Promise<void> {
  const res = await admin.post('/api/processes/sample/versions', { xml: SAMPLE_XML.replace('</bpmn:process>', '<!-- again --></bpmn:process>') });
  expect(res.status).toBeLessThan(300);
}

async function countRows(table: 'work_orders' | 'audit_events' | 'process_instances'): Promise<number> {
  const row = await h.runtime.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs `command` while another city's read is sent every 50 ms; the reads' answers and their slowest time. */
async function whileReading<T>(command: () => Promise<T>): Promise<{ result: T; reads: number[]; slowestMs: number }> {
  const reads: Array<Promise<{ status: number; ms: number }>> = [];
  let done = false;
  const sending = (async () => {
    while (!done && reads.length < 40) {
      const sent = performance.now();
      reads.push(otherCity.get('/api/inbox/counts').then((res) => ({ status: res.status, ms: performance.now() - sent })));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await command();
  done = true;
  await sending;
  const answered = await Promise.all(reads);
  return { result, reads: answered.map((r) => r.status), slowestMs: Math.max(...answered.map((r) => r.ms)) };
}

describe('a diagram that slips past the deploy checks', () => {
  afterEach(deploySample);

  it('with 100,000,000 instances on a parallel branch: the intake is stopped with STEP_BUDGET_EXCEEDED, nothing is saved, the other city is answered', async () => {
    await deployUnchecked(fixture('huge-cardinality.bpmn'));
    const before = { orders: await countRows('work_orders'), audit: await countRows('audit_events'), instances: await countRows('process_instances') };
    const { result: res, reads, slowestMs } = await whileReading(() => op.post('/api/orders', ORDER));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', detail: expect.stringMatching(/^流程已停止：.*本步的改动均未保存$/), details: { elementId: 'fanOut' } });
    expect(res.body.details.activities).toBeLessThanOrEqual(DEFAULT_STEP_LIMITS.maxActivities + 1);
    expect({ orders: await countRows('work_orders'), audit: await countRows('audit_events'), instances: await countRows('process_instances') }).toEqual(before);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(slowestMs).toBeLessThan(15_000);
  });

  it('with a cycle of no wait state after the first task: completing it is stopped, the task stays open and the order as it was', async () => {
    await deployUnchecked(fixture('waitless-cycle.bpmn'));
    const intake = await op.post('/api/orders', ORDER);
    expect(intake.status).toBe(201);
    const order = intake.body.order as { id: string; status: string };
    const taskId = intake.body.tasks[0].id as string;
    const auditBefore = await countRows('audit_events');
    const { result: res, reads, slowestMs } = await whileReading(() => xh.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { elementId: expect.stringMatching(/^(again|spin)$/) } });
    expect(await countRows('audit_events')).toBe(auditBefore);
    const after = await xh.get(`/api/orders/${order.id}`);
    expect(after.status).toBe(200);
    expect(after.body.order.status).toBe(order.status);
    const task = await h.runtime.database.db.selectFrom('tasks').select(['status', 'outcome']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toEqual({ status: 'open', outcome: null });
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(slowestMs).toBeLessThan(15_000);
  });
});

it('a city diagram runs as before under the default budget', async () => {
  const intake = await op.post('/api/orders', ORDER);
  expect(intake.status).toBe(201);
  const sign = await xh.post(`/api/tasks/${intake.body.tasks[0].id}/complete`, { outcome: 'done' });
  expect(sign.status).toBe(200);
  expect(sign.body.openTasks.map((t: { activityId: string }) => t.activityId)).toEqual(['handle']);
});

const SAMPLE_POLICY = readFileSync('policies/sample.yaml', 'utf8');
const keys = (n: number) => `${SAMPLE_POLICY}\n${Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n')}\n`;
/** A policy just under MAX_POLICY_BYTES: its thousands of unknown keys are read and each refused. */
const nearLimit = keys(Math.floor((MAX_POLICY_BYTES - SAMPLE_POLICY.length) / 10) - 300);
const manyTasks = Array.from({ length: MAX_BPMN_ELEMENTS / 2 - 100 }, (_, i) => `<bpmn:task id="x${i}" /><bpmn:sequenceFlow id="xf${i}" sourceRef="x${i}" targetRef="x${i + 1}" />`).join('');
/** The sample diagram with a valid chain of tasks up to near MAX_BPMN_ELEMENTS. */
const bigDiagram = SAMPLE_XML.replace('</bpmn:process>', `<bpmn:sequenceFlow id="toX" sourceRef="sign" targetRef="x0" />${manyTasks}<bpmn:endEvent id="x${MAX_BPMN_ELEMENTS / 2 - 100}" /></bpmn:process>`);

describe('large uploads, four at once', () => {
  it.each([
    ['a 1.5 MB policy', '/api/policies/sample/validate', { yaml: keys(150_000) }, 'POLICY_INVALID'],
    ['a policy just under the size limit', '/api/policies/sample/validate', { yaml: nearLimit }, 'POLICY_INVALID'],
    ['a diagram near the element limit', '/api/processes/sample/validate', { xml: bigDiagram }, null],
  ])('%s: refused or checked, and the other city is answered meanwhile', async (_name, path, body, code) => {
    const { result, reads, slowestMs } = await whileReading(() => Promise.all(Array.from({ length: 4 }, () => admin.post(path, body))));
    for (const res of result) {
      if (code) expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      else expect(res.status).toBe(200);
    }
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(slowestMs).toBeLessThan(15_000);
  });
});

describe('uploads are read and checked on a worker thread', () => {
  afterEach(() => jest.restoreAllMocks());

  it('near-limit policies and diagrams at once: the main thread parses none, and the other city is answered while they are checked', async () => {
    const parsedHere = [jest.spyOn(loadPolicies, 'parsePolicy'), jest.spyOn(bpmnModel, 'parseProcessModel')];
    const checks = h.runtime.uploadChecks;
    const answeredBefore = checks.counts.answered;
    const uploads = [
      admin.post('/api/policies/sample/validate', { yaml: nearLimit }),
      admin.post('/api/policies/sample/validate', { yaml: nearLimit }),
      admin.post('/api/processes/sample/validate', { xml: bigDiagram }),
      admin.post('/api/processes/sample/validate', { xml: bigDiagram }),
    ].map((r) => r.then((res) => res));
    let uploading = true;
    const all = Promise.all(uploads).finally(() => (uploading = false));
    // Another city's reads, one after another while the uploads are in flight: whether a check was running in a worker when each was answered.
    const duringChecks: boolean[] = [];
    while (uploading) {
      const res = await otherCity.get('/api/inbox/counts');
      expect(res.status).toBe(200);
      duringChecks.push(checks.busy() > 0);
    }
    const answers = await all;
    expect(answers.map((res) => [res.status, res.body.code])).toEqual([
      [400, 'POLICY_INVALID'],
      [400, 'POLICY_INVALID'],
      [200, undefined],
      [200, undefined],
    ]);
    expect(checks.counts.answered - answeredBefore).toBe(4);
    for (const spy of parsedHere) expect(spy).not.toHaveBeenCalled();
    // A parse on this thread would hold every response until it ended: none could be answered during it.
    expect(duringChecks.filter(Boolean).length).toBeGreaterThan(0);
  });

  it('a deploy is checked in a worker too, and the version it stores runs orders', async () => {
    const parsedHere = jest.spyOn(bpmnModel, 'parseProcessModel');
    const xml = SAMPLE_XML.replace('</bpmn:process>', '<!-- checked in a worker --></bpmn:process>');
    const res = await admin.post('/api/processes/sample/versions', { xml });
    expect(res.status).toBe(201);
    expect(parsedHere).not.toHaveBeenCalled();
    const intake = await op.post('/api/orders', ORDER);
    expect(intake.status).toBe(201);
    expect(intake.body.order.processVersion).toBe(res.body.version);
    const sign = await xh.post(`/api/tasks/${intake.body.tasks[0].id}/complete`, { outcome: 'done' });
    expect(sign.status).toBe(200);
    expect(sign.body.openTasks.map((t: { activityId: string }) => t.activityId)).toEqual(['handle']);
  });
});
