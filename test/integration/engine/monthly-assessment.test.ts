/**
 * The monthly assessment end to end on Haikou's real diagram and policy, on the virtual clock:
 * orders go overdue through the engine's own deadlines, the Agenda cron job fires at 01:00 on
 * the 1st (Asia/Shanghai), assesses October, publishes it, and moves to December's run.
 * A published month is never rewritten: neither by a re-run, nor by SQL.
 */
import { sql } from 'kysely';
import { ASSESSMENT_JOB } from '../../../src/engine/assessment/assessment-schedule';
import { Harness, openHarness, REQUESTER } from '../../helpers/engine-harness';

jest.setTimeout(120_000);

let h: Harness;
beforeEach(async () => {
  h = await openHarness('2026-10-12T09:00:00+08:00', { city: 'haikou' });
});
afterEach(async () => {
  await h.close();
});

const waterOrder = (n: number) => ({
  city: 'haikou',
  category: 'complaint',
  channel: 'hotline',
  topic: '供水',
  content: `第${n}户停水三天无人处理`,
  requester: { ...REQUESTER, phone: `1380000000${n}` },
  location: { district: '龙华区', address: `龙昆南路${n}号` },
});

async function monthlyJob() {
  const { rows } = await sql<{ next_run_at: Date | null; repeat_interval: string; repeat_timezone: string }>`
    SELECT next_run_at, repeat_interval, repeat_timezone FROM agenda_jobs WHERE name = ${ASSESSMENT_JOB}`.execute(h.runtime.database.db);
  return rows;
}

async function overdueOrders(count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const order = await h.runtime.workOrders.intake(h.actor('hk-op1'), waterOrder(n));
    expect(order.leadUnit).toBe('市水务局');
  }
}

describe('monthly assessment run by the cron job', () => {
  it('five orders left overdue in October put 市水务局 on the HK-13 list, published at 01:00 on 1 November', async () => {
    await h.runtime.scheduleMonthlyAssessment();
    await h.runtime.scheduleMonthlyAssessment(); // every worker does this at start: still one job
    expect(await monthlyJob()).toEqual([{ next_run_at: new Date('2026-10-31T17:00:00Z'), repeat_interval: '0 1 1 * *', repeat_timezone: 'Asia/Shanghai' }]);
    await overdueOrders(5);

    const fired = await h.jobs.advanceTo(new Date('2026-11-01T03:00:00+08:00'));
    const monthly = fired.filter((j) => j.name === ASSESSMENT_JOB);
    expect(monthly.map((j) => j.at.toISOString())).toEqual(['2026-10-31T17:00:00.000Z']);
    expect(await monthlyJob()).toEqual([expect.objectContaining({ next_run_at: new Date('2026-11-30T17:00:00Z') })]);

    const run = await h.runtime.assessments.published(h.actor('hk-sup1'), 'haikou', '2026-10');
    expect(run).toMatchObject({ trigger: 'schedule', computedBy: 'system', policyVersion: 1, period: '2026-10' });
    expect(run!.publishedAt?.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    const unit = run!.result.units.find((u) => u.unit === '市水务局')!;
    expect(unit.figures.overdueCount).toEqual({ base: 5, hits: 5, value: 5 });
    // none of the 30-minute contacts was recorded: 0 of 5 in time
    expect(unit.figures.immediateReply).toEqual({ base: 5, hits: 0, value: 0 });
    expect(run!.result.lists).toEqual([
      expect.objectContaining({ ruleId: 'HK-13', unit: '市水务局', list: '加重问责', detail: '逾期办件数 5 件' }),
    ]);
  });

  it('four overdue orders: assessed, not listed', async () => {
    await h.runtime.scheduleMonthlyAssessment();
    await overdueOrders(4);
    await h.jobs.advanceTo(new Date('2026-11-01T03:00:00+08:00'));
    const run = await h.runtime.assessments.published(h.actor('hk-sup1'), 'haikou', '2026-10');
    expect(run!.result.units.find((u) => u.unit === '市水务局')!.figures.overdueCount!.hits).toBe(4);
    expect(run!.result.lists).toEqual([]);
  });

  it('a published month stays as published: a re-run is a new draft, publishing it is refused, SQL cannot change it', async () => {
    await overdueOrders(5);
    await h.jobs.advanceTo(new Date('2026-11-02T09:00:00+08:00'));
    const sup = h.actor('hk-sup1');
    const first = await h.runtime.assessments.run(sup, 'haikou', '2026-10');
    expect(first.publishedAt).toBeNull();
    await h.runtime.assessments.publish(sup, first.id);

    const again = await h.runtime.assessments.run(sup, 'haikou', '2026-10');
    await expect(h.runtime.assessments.publish(sup, again.id)).rejects.toMatchObject({ code: 'MONTH_PUBLISHED' });
    expect((await h.runtime.assessments.published(sup, 'haikou', '2026-10'))!.id).toBe(first.id);

    const db = h.runtime.database.db;
    await expect(sql`UPDATE assessment_runs SET result = '{}'::jsonb WHERE id = ${first.id}`.execute(db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM assessment_publications WHERE run_id = ${first.id}`.execute(db)).rejects.toThrow(/immutable/);
    await expect(h.runtime.assessments.setManualScore(sup, 'haikou', '2026-10', { unit: '市水务局', item: 'x', points: 1 })).rejects.toMatchObject({ code: 'SCORE_ITEM_UNKNOWN' });
  });

  it('refuses a month that has not begun and a unit or role that does not fit', async () => {
    const sup = h.actor('hk-sup1');
    await expect(h.runtime.assessments.run(sup, 'haikou', '2026-11')).rejects.toMatchObject({ code: 'PERIOD_IN_FUTURE' });
    await expect(h.runtime.assessments.run(h.actor('hk-op1'), 'haikou', '2026-10')).rejects.toMatchObject({ category: 'forbidden' });
    await expect(h.runtime.assessments.recordFinding(sup, 'haikou', { unit: '不存在的局', kind: 'blacklist', reason: 'x' })).rejects.toMatchObject({ code: 'UNIT_UNKNOWN' });
    await expect(h.runtime.assessments.recordFinding(sup, 'haikou', { unit: '市水务局', kind: 'nonsense', reason: 'x' })).rejects.toMatchObject({ code: 'FINDING_KIND_UNKNOWN' });
  });
});
