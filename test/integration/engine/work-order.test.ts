import { ConflictError, ForbiddenError, RuleViolation, ValidationError } from '../../../src/shared/errors';
import { Harness, openHarness, sampleOrder } from '../../helpers/engine-harness';
import { onPostgres } from '../../helpers/test-db';

jest.setTimeout(60_000);

let h: Harness;
beforeEach(async () => {
  h = await openHarness('2026-03-02T09:00:00+08:00');
});
afterEach(async () => {
  await h.close();
});

async function signedOrder() {
  const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
  const [sign] = await h.openTasks(order.id);
  await h.runtime.workOrders.completeTask(h.actor('handler@新华区'), sign!.id, { outcome: 'done' });
  const [handle] = await h.openTasks(order.id);
  return { order, handle: handle! };
}

describe('work orders on the sample city', () => {
  it('records an order: number, routing, due date from the policy, first task in the inbox, audit', async () => {
    const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    expect(order.number).toBe('SMP-20260302-000001');
    expect(order.leadUnit).toBe('新华区');
    // help: 5 working days from Mon 2026-03-02 → Mon 2026-03-09 24:00 +08:00
    expect(order.dueAt?.toISOString()).toBe('2026-03-09T15:59:59.999Z');
    const tasks = await h.openTasks(order.id);
    expect(tasks.map((t) => [t.formKey, t.candidateUnit, t.dueAt?.toISOString()])).toEqual([
      ['sign', '新华区', '2026-03-09T15:59:59.999Z'],
    ]);
    const stored = await h.runtime.workOrders.getOrder(order.id);
    expect(stored.status).toBe('dispatched');
    const audit = (await h.runtime.workOrders.auditOf(order.id)).map((e) => e.type);
    expect(audit).toEqual(expect.arrayContaining(['order.created', 'task.created', 'order.status']));
  });

  it('skips the number of an intake that failed after drawing it (numbers are unique and increasing, not gap-free)', async () => {
    const failure = new ConflictError('BOOM', 'the transaction fails after the order was written');
    await expect(
      h.runtime.workOrders.intake(h.actor('operator'), sampleOrder(), () => Promise.reject(failure)),
    ).rejects.toBe(failure);
    const next = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    expect(next.number).toBe('SMP-20260302-000002');
  });

  it('refuses a barred caller before drawing a number (no gap for a refusal)', async () => {
    const now = new Date('2026-03-02T01:00:00Z');
    await h.runtime.uow.run((r) =>
      r.blocks.insert({
        city: 'sample',
        phone: '13900000000',
        reason: '骚扰',
        orderId: null,
        blockedBy: 'sample.admin1',
        blockedAt: now,
        until: new Date('2026-04-01T00:00:00Z'),
      }),
    );
    const barred = sampleOrder({ requester: { name: '李四', phone: '13900000000' } });
    await expect(h.runtime.workOrders.intake(h.actor('operator'), barred)).rejects.toMatchObject({
      code: 'CALLER_BLOCKED',
    });
    expect((await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder())).number).toBe('SMP-20260302-000001');
  });

  // PostgreSQL only: PGlite has one connection, so its transactions run one after the other anyway.
  if (onPostgres()) {
    it('does not make one intake wait for another to commit (the number is drawn outside the transaction)', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = h.runtime.workOrders.intake(h.actor('operator'), sampleOrder(), async () => {
        entered();
        await held; // the first intake's transaction stays open, its order written
      });
      await inside;
      const second = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
      release();
      expect(second.number).toBe('SMP-20260302-000002');
      expect((await first).number).toBe('SMP-20260302-000001');
    });
  }

  it('refuses bad intake payloads naming each field', async () => {
    const err = await h.runtime.workOrders
      .intake(h.actor('operator'), sampleOrder({ category: 'nonsense', requester: { name: '', phone: '12' } }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const paths = (err as ValidationError).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['requester.name', 'requester.phone']));
    const err2 = await h.runtime.workOrders
      .intake(h.actor('operator'), sampleOrder({ category: 'nonsense' }))
      .catch((e: unknown) => e);
    expect((err2 as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'category', message: expect.stringContaining('consultation') }),
    ]);
  });

  it('checks who acts: unit, role, open task, form data', async () => {
    const { order, handle } = await signedOrder();
    const complete = (ref: string, input: { outcome: string; data?: Record<string, unknown> }) =>
      h.runtime.workOrders.completeTask(h.actor(ref), handle.id, input).catch((e: unknown) => e);
    expect(await complete('handler@卫东区', { outcome: 'return', data: { reason: 'x' } })).toMatchObject({
      code: 'NOT_YOUR_UNIT',
    });
    expect(await complete('dispatcher', { outcome: 'return', data: { reason: 'x' } })).toBeInstanceOf(ForbiddenError);
    const invalid = (await complete('handler@新华区', {
      outcome: 'reply',
      data: { result: '已处理', informedBy: '传真', extra: 1 },
    })) as ValidationError;
    expect(invalid.code).toBe('FORM_INVALID');
    expect(invalid.issues.map((i) => i.path).sort()).toEqual(['data.extra', 'data.informedAt', 'data.informedBy']);
    expect(await complete('handler@新华区', { outcome: 'nonsense' })).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    // nothing was lost: the task is still open and the order unchanged
    expect((await h.openTasks(order.id)).map((t) => t.id)).toEqual([handle.id]);
  });

  it('lets exactly one of two simultaneous completions of one task through', async () => {
    const { order, handle } = await signedOrder();
    const data = { reason: '不属于本单位职责' };
    const results = await Promise.allSettled([
      h.runtime.workOrders.completeTask(h.actor('handler@新华区'), handle.id, { outcome: 'return', data }),
      h.runtime.workOrders.completeTask(h.actor('leader@新华区'), handle.id, { outcome: 'return', data }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(ConflictError);
    expect(failed[0]!.reason).toMatchObject({ code: 'TASK_NOT_OPEN' });
    const completions = (await h.runtime.workOrders.auditOf(order.id)).filter(
      (e) => e.type === 'task.completed' && e.data.taskId === handle.id,
    );
    expect(completions).toHaveLength(1);
    expect((await h.openTasks(order.id)).map((t) => t.formKey)).toEqual(['reviewReturn']);
  });

  it('drives gateways with outcomes and applies effects: return approved and reassigned', async () => {
    const { order, handle } = await signedOrder();
    await h.runtime.workOrders.completeTask(h.actor('handler@新华区'), handle.id, {
      outcome: 'return',
      data: { reason: '属卫东区' },
    });
    const [review] = await h.openTasks(order.id);
    await h.runtime.workOrders.completeTask(h.actor('dispatcher'), review!.id, {
      outcome: 'approve',
      data: { newLead: '卫东区' },
    });
    const tasks = await h.openTasks(order.id);
    expect(tasks.map((t) => [t.formKey, t.candidateUnit])).toEqual([['sign', '卫东区']]);
    expect((await h.runtime.workOrders.getOrder(order.id)).leadUnit).toBe('卫东区');
  });

  it('refuses an extension after the deadline and a second one', async () => {
    const { order, handle } = await signedOrder();
    await h.runtime.workOrders.completeTask(h.actor('handler@新华区'), handle.id, {
      outcome: 'extend',
      data: { days: 3, reason: '需现场勘查' },
    });
    const [review] = await h.openTasks(order.id);
    await h.runtime.workOrders.completeTask(h.actor('dispatcher'), review!.id, {
      outcome: 'approve',
      data: { days: 3 },
    });
    // 3 working days after Mon 03-09: Thu 03-12 24:00
    expect((await h.runtime.workOrders.getOrder(order.id)).dueAt?.toISOString()).toBe('2026-03-12T15:59:59.999Z');
    const handle2 = (await h.openTasks(order.id)).find((t) => t.formKey === 'handle')!;
    const again = await h.runtime.workOrders
      .completeTask(h.actor('handler@新华区'), handle2.id, { outcome: 'extend', data: { days: 1, reason: '再延' } })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RuleViolation);
    expect(again).toMatchObject({ code: 'EXTENSION_LIMIT_REACHED' });
    await h.jobs.advanceTo(new Date('2026-03-13T09:00:00+08:00'));
    const late = await h.runtime.workOrders
      .completeTask(h.actor('handler@新华区'), handle2.id, { outcome: 'extend', data: { days: 1, reason: '再延' } })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'EXTENSION_TOO_LATE' });
  });
});

describe('durable timers on a virtual clock', () => {
  it('fires a timer 40+ days out exactly once at its due time, and marks deadlines', async () => {
    const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder({ category: 'suggestion' }));
    const [sign] = await h.openTasks(order.id);
    await h.runtime.workOrders.completeTask(h.actor('handler@新华区'), sign!.id, { outcome: 'done' });
    // suggestion: 30 working days from Mon 2026-03-02 → Tue 2026-04-14 (Qingming 04-04..06 skipped): 43 days out
    const due = new Date('2026-04-14T15:59:59.999Z');
    expect((await h.runtime.workOrders.getOrder(order.id)).dueAt?.toISOString()).toBe(due.toISOString());
    await h.jobs.advanceTo(new Date('2026-04-14T23:00:00+08:00'));
    expect((await h.openTasks(order.id)).map((t) => t.formKey)).toEqual(['handle']);
    const fired = await h.jobs.advanceTo(new Date('2026-04-20T09:00:00+08:00'));
    expect(fired.filter((f) => f.name === 'minhu.timer').map((f) => f.at.toISOString())).toEqual([due.toISOString()]);
    const audit = await h.runtime.workOrders.auditOf(order.id);
    expect(audit.filter((e) => e.type === 'timer.fired').map((e) => e.at.toISOString())).toEqual([due.toISOString()]);
    expect((await h.openTasks(order.id)).map((t) => t.formKey).sort()).toEqual(['handle', 'remind']);
    const stored = await h.runtime.workOrders.getOrder(order.id);
    expect(stored.flags).toContain('overdue');
    await h.jobs.advanceTo(new Date('2026-06-01T09:00:00+08:00'));
    expect((await h.runtime.workOrders.auditOf(order.id)).filter((e) => e.type === 'timer.fired')).toHaveLength(1);
  });
});
