/**
 * An open task due with the order (`minhu:due="order"`) follows the order's deadline when an
 * approved extension moves it: new due date, deadline jobs rescheduled, no false overdue mark.
 */
import { Harness, openHarness, sampleOrder } from '../../helpers/engine-harness';

jest.setTimeout(60_000);

// A centre task (跟踪) waits beside the unit's handling, both due with the order.
const PROCESSES = 'test/fixtures/bpmn/watch-beside-handle';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-03-02T09:00:00+08:00', { processesDir: PROCESSES });
});
afterAll(async () => {
  await h.close();
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
