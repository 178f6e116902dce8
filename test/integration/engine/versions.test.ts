import { readFileSync } from 'node:fs';
import { BpmnInvalidError } from '../../../src/engine/process/bpmn-model';
import { Harness, openHarness, sampleOrder } from '../../helpers/engine-harness';

jest.setTimeout(60_000);

const v1 = readFileSync('processes/sample.bpmn', 'utf8');
// v2: an approved reply closes the order at once: the return visit and its flow are removed
const v2 = v1
  .replace(/<bpmn:userTask id="visit"[\s\S]*?<\/bpmn:userTask>\s*/, '')
  .replace(/<bpmn:sequenceFlow id="toClosed"[^>]*\/>\s*/, '')
  .replace('sourceRef="reviewChoice" targetRef="visit"', 'sourceRef="reviewChoice" targetRef="closed"')
  .replace('<bpmn:incoming>toClosed</bpmn:incoming>', '<bpmn:incoming>replyApproved</bpmn:incoming>')
  .replace(/<bpmndi:BPMNShape id="visit_di"[\s\S]*?<\/bpmndi:BPMNShape>\s*/, '')
  .replace(/<bpmndi:BPMNEdge id="toClosed_di"[\s\S]*?<\/bpmndi:BPMNEdge>\s*/, '');

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-03-02T09:00:00+08:00');
});
afterAll(async () => {
  await h.close();
});

async function toReviewApproved(orderId: string): Promise<string[]> {
  const step = async (ref: string, formKey: string, outcome: string, data?: Record<string, unknown>) => {
    const task = (await h.openTasks(orderId)).find((t) => t.formKey === formKey);
    if (!task) throw new Error(`no open ${formKey}`);
    await h.runtime.workOrders.completeTask(h.actor(ref), task.id, { outcome, data });
  };
  await step('handler@新华区', 'sign', 'done');
  await step('handler@新华区', 'handle', 'reply', { result: '已修复', informedAt: '2026-03-02T09:00:00+08:00', informedBy: '电话' });
  await step('dispatcher', 'review', 'approve');
  return (await h.openTasks(orderId)).map((t) => t.formKey);
}

describe('process versions', () => {
  it('keeps running orders on their version while new orders take the latest', async () => {
    expect(h.runtime.catalog.latestModel('sample').version).toBe(1);
    const before = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    expect(before.processVersion).toBe(1);

    expect(v2).not.toBe(v1);
    const deployed = await h.runtime.deployments.deploy('sample', v2, 'admin1');
    expect(deployed).toMatchObject({ version: 2, created: true });
    const after = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    expect(after.processVersion).toBe(2);
    expect((await h.openTasks(after.id)).map((t) => t.formKey)).toEqual(['sign']);
    expect(v2).not.toContain('id="visit"');

    expect(await toReviewApproved(before.id)).toEqual(['visit']);
    expect((await h.runtime.workOrders.getOrder(before.id)).status).toBe('visit');
    expect(await toReviewApproved(after.id)).toEqual([]);
    expect((await h.runtime.workOrders.getOrder(after.id)).status).toBe('closed');
  });

  it('does not store the same diagram twice', async () => {
    expect(await h.runtime.deployments.deploy('sample', v2, 'admin1')).toMatchObject({ version: 2, created: false });
    const list = await h.runtime.uow.run((repos) => repos.deployments.list('sample'));
    expect(list.map((d) => [d.version, d.deployedBy])).toEqual([
      [1, 'file'],
      [2, 'admin1'],
    ]);
  });

  it('refuses an invalid diagram and keeps the current version', async () => {
    const bad = v1.replace('minhu:form="visit"', 'minhu:form="nosuchtask"');
    const err = await h.runtime.deployments.deploy('sample', bad, 'admin1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnInvalidError);
    expect((err as BpmnInvalidError).issues).toContainEqual(expect.objectContaining({ path: 'element:visit', code: 'TASK_FORM_UNKNOWN' }));
    expect(h.runtime.catalog.latestModel('sample').version).toBe(2);
  });
});
