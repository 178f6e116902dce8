/**
 * An open task due with the order (`minhu:due="order"`) follows the order's deadline when an
 * approved extension moves it: new due date, deadline jobs rescheduled, no false overdue mark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, openHarness, sampleOrder } from '../../helpers/engine-harness';

jest.setTimeout(60_000);

// A centre task waits beside the unit's handling, both due with the order.
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:minhu="http://minhu.gov.cn/schema/bpmn/1.0" id="d" targetNamespace="http://minhu.gov.cn/test">
  <bpmn:process id="sample" isExecutable="true">
    <bpmn:startEvent id="received" />
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="watch" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="handle" />
    <bpmn:userTask id="watch" name="跟踪" minhu:form="remind" minhu:unit="centre" minhu:due="order" />
    <bpmn:sequenceFlow id="f4" sourceRef="watch" targetRef="watched" />
    <bpmn:endEvent id="watched" />
    <bpmn:userTask id="handle" name="办理" minhu:form="handle" minhu:unit="lead" minhu:due="order" />
    <bpmn:sequenceFlow id="f5" sourceRef="handle" targetRef="reviewExtension" />
    <bpmn:userTask id="reviewExtension" name="延期审核" minhu:form="reviewExtension" minhu:unit="centre" minhu:due="1wd" />
    <bpmn:sequenceFlow id="f6" sourceRef="reviewExtension" targetRef="handled" />
    <bpmn:endEvent id="handled" />
  </bpmn:process>
</bpmn:definitions>`;

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-processes-'));
  fs.writeFileSync(path.join(dir, 'sample.bpmn'), DIAGRAM);
  h = await openHarness('2026-03-02T09:00:00+08:00', { processesDir: dir });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('moves the due date of an open task that follows the order when an extension is approved', async () => {
  const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
  const task = async (key: string) => (await h.openTasks(order.id)).find((t) => t.formKey === key);
  expect((await task('remind'))?.dueAt?.toISOString()).toBe('2026-03-09T15:59:59.999Z');
  await h.runtime.workOrders.completeTask(h.actor('handler@新华区'), (await task('handle'))!.id, { outcome: 'extend', data: { days: 3, reason: '需现场勘查' } });
  await h.runtime.workOrders.completeTask(h.actor('dispatcher'), (await task('reviewExtension'))!.id, { outcome: 'approve', data: { days: 3 } });
  // 3 working days after Mon 03-09: Thu 03-12 24:00
  const watch = (await task('remind'))!;
  expect(watch.dueAt?.toISOString()).toBe('2026-03-12T15:59:59.999Z');
  const events = (await h.runtime.workOrders.auditOf(order.id)).filter((e) => e.type === 'task.due-changed');
  expect(events.map((e) => e.data.to)).toEqual(['2026-03-12T15:59:59.999Z']);
  // the old deadline passes without an overdue mark; the new one marks it
  await h.jobs.advanceTo(new Date('2026-03-10T09:00:00+08:00'));
  expect((await task('remind'))!.flags).not.toContain('overdue');
  await h.jobs.advanceTo(new Date('2026-03-13T09:00:00+08:00'));
  expect((await task('remind'))!.flags).toContain('overdue');
});
