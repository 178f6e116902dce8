/**
 * The assessment rules with hand-computed expectations, on the cities' real policies.
 * Counts are given per indicator and unit (what the facts port measures from the orders);
 * the SQL side is tested in test/integration/db/assessment-facts.test.ts.
 */
import path from 'node:path';
import { computeAssessment, type ComputeInput } from '../../../src/engine/assessment/compute-assessment';
import type { Finding, ListHistory, ManualScore, UnitCount } from '../../../src/engine/assessment/assessment.types';
import { monthWindow } from '../../../src/engine/assessment/periods';
import { loadPolicies } from '../../../src/engine/policy/load-policies';
import type { Policy } from '../../../src/engine/policy/policy.schema';

const policies = loadPolicies(path.join(__dirname, '../../../policies'));
const policy = (city: string): Policy => policies.get(city)!;

/** rates: unit → indicator → [hits, base]. */
type Figures = Record<string, Record<string, [number, number]>>;

function counts(figures: Figures): Map<string, UnitCount[]> {
  const out = new Map<string, UnitCount[]>();
  for (const [unit, byIndicator] of Object.entries(figures)) {
    for (const [key, [hits, base]] of Object.entries(byIndicator)) out.set(key, [...(out.get(key) ?? []), { unit, base, hits }]);
  }
  return out;
}

function finding(unit: string, kind: string): Finding {
  return { id: `${unit}-${kind}-${Math.random()}`, city: 'haikou', unit, orderId: null, kind, reason: '测试', evidence: null, recordedBy: 'hk-sup1', at: new Date('2026-10-15T02:00:00Z') };
}

function run(city: string, figures: Figures, extra: Partial<ComputeInput> = {}, period = '2026-10') {
  const p = policy(city);
  return computeAssessment({
    policy: p,
    policyVersion: 1,
    period,
    window: monthWindow(city, p.timezone, period),
    counts: counts(figures),
    findings: [],
    manual: [],
    history: [],
    ...extra,
  });
}

/** Pingdingshan: score = 40 × on-time + 40 × satisfaction + 20 × signed in time. */
const pds = (onTime: number, satisfaction: number, sign: number): Record<string, [number, number]> => ({
  onTime: [onTime, 100],
  satisfaction: [satisfaction, 100],
  signOnTime: [sign, 100],
});

const COUNTIES = (last: Record<string, [number, number]>): Figures => ({
  宝丰县: pds(100, 100, 100), // 100
  叶县: pds(95, 95, 90), // 38 + 38 + 18 = 94
  鲁山县: pds(90, 95, 100), // 36 + 38 + 20 = 94
  郏县: pds(90, 90, 90), // 90
  舞钢市: pds(95, 90, 85), // 38 + 36 + 17 = 91
  汝州市: last,
});

describe('Pingdingshan PDS-20(4): the last of the county group under 85% of the best is interviewed', () => {
  it('84% of the best: 汝州市 is on the interview list, with who interviews', () => {
    const r = run('pingdingshan', COUNTIES(pds(80, 90, 80))); // 32 + 36 + 16 = 84
    const unit = r.units.find((u) => u.unit === '汝州市')!;
    expect(unit.score).toBe(84);
    expect(unit.group).toBe('县(市)组');
    expect(unit.rank).toBe(6);
    expect(r.groups.find((g) => g.name === '县(市)组')?.best).toBe(100);
    const entries = r.lists.filter((e) => e.ruleId === 'PDS-20(4)');
    expect(entries.map((e) => e.unit)).toEqual(['汝州市']);
    expect(entries[0]).toMatchObject({ list: '约谈', by: '市政府办公室领导约谈其分管领导', group: '县(市)组' });
    expect(entries[0]!.detail).toContain('84.0%');
  });

  it('86% of the best: nobody is interviewed', () => {
    const r = run('pingdingshan', COUNTIES(pds(90, 85, 80))); // 36 + 34 + 16 = 86
    expect(r.units.find((u) => u.unit === '汝州市')!.score).toBe(86);
    expect(r.lists).toEqual([]);
  });

  it('the city-department group uses the last two and 80%', () => {
    const r = run('pingdingshan', {
      市城市管理局: pds(100, 100, 100), // 100
      市生态环境局: pds(90, 90, 90), // 90
      市住房和城乡建设局: pds(80, 80, 70), // 32 + 32 + 14 = 78
      市交通运输局: pds(80, 80, 80), // 80: not under 80%
    });
    const entries = r.lists.filter((e) => e.ruleId === 'PDS-20(4)');
    expect(entries.map((e) => e.unit)).toEqual(['市住房和城乡建设局']);
  });

  it('a unit without orders is scored but never ranked or listed', () => {
    const r = run('pingdingshan', COUNTIES(pds(80, 90, 80)));
    const idle = r.units.find((u) => u.unit === '新华区')!;
    expect(idle).toMatchObject({ assessed: false, rank: null, score: 100 });
  });
});

describe('Pingdingshan PDS-20(5) and PDS-21: interviews across months', () => {
  const interviewedIn = (...periods: string[]): ListHistory[] => periods.map((period) => ({ period, unit: '汝州市', list: '约谈' }));
  const lastAt84 = COUNTIES(pds(80, 90, 80));

  it('interviewed in two consecutive months: the second month adds PDS-20(5)', () => {
    const r = run('pingdingshan', lastAt84, { history: interviewedIn('2026-09') });
    expect(r.lists.filter((e) => e.unit === '汝州市').map((e) => e.ruleId)).toEqual(['PDS-20(4)', 'PDS-20(5)']);
    expect(r.lists.find((e) => e.ruleId === 'PDS-20(5)')!.by).toBe('市政府秘书长会同市纪委监委、市委组织部约谈其主要领导');
  });

  it('twice in the year but not in a row: no PDS-20(5); a third time in the year: PDS-20(5)', () => {
    expect(run('pingdingshan', lastAt84, { history: interviewedIn('2026-07') }).lists.map((e) => e.ruleId)).toEqual(['PDS-20(4)']);
    const third = run('pingdingshan', lastAt84, { history: interviewedIn('2026-03', '2026-07') });
    expect(third.lists.map((e) => e.ruleId)).toEqual(['PDS-20(4)', 'PDS-20(5)']);
    expect(third.lists[1]!.detail).toContain('本年累计 3 次');
  });

  it('three months in a row: PDS-21 public statement and loss of awards', () => {
    const r = run('pingdingshan', lastAt84, { history: interviewedIn('2026-08', '2026-09') });
    expect(r.lists.map((e) => e.ruleId)).toEqual(['PDS-20(4)', 'PDS-20(5)', 'PDS-21']);
    expect(r.lists.find((e) => e.ruleId === 'PDS-21')!.list).toBe('公开表态发言并取消评先资格');
  });

  it('not interviewed this month: past interviews alone list nobody', () => {
    const r = run('pingdingshan', COUNTIES(pds(90, 85, 80)), { history: interviewedIn('2026-08', '2026-09') });
    expect(r.lists).toEqual([]);
  });
});

/** A Haikou unit: immediate 9/10, on-time 8/10, satisfied 3/4, overdue completion 2/10, repeat 1/10. */
const HK_UNIT = (overdue: number): Record<string, [number, number]> => ({
  immediateReply: [9, 10],
  onTime: [8, 10],
  firstSatisfaction: [3, 4],
  overdueCompletion: [2, 10],
  repeatOrders: [1, 10],
  overdueCount: [overdue, overdue],
});

describe('Haikou HK-11..HK-14', () => {
  it('scores on the 100-point scale and grades it (HK-11, HK-12)', () => {
    // 20 × 0.9 + 30 × 0.8 + 30 × 0.75 + 10 × (1 − 0.2) + 10 × (1 − 0.1) = 18 + 24 + 22.5 + 8 + 9 = 81.5
    const r = run('haikou', { 市水务局: HK_UNIT(0) });
    const u = r.units.find((x) => x.unit === '市水务局')!;
    expect(u.score).toBe(81.5);
    expect(u.grade).toBe('良好');
    expect(u.figures.onTime).toEqual({ base: 10, hits: 8, value: 0.8 });
    expect(r.indicators.find((i) => i.key === 'onTime')).toMatchObject({ name: '按时办结率', kind: 'rate', weight: 30 });
  });

  it('4 overdue orders in a month: not listed; 5: listed under HK-13', () => {
    expect(run('haikou', { 市水务局: HK_UNIT(4) }).lists).toEqual([]);
    const five = run('haikou', { 市水务局: HK_UNIT(5) });
    expect(five.lists).toHaveLength(1);
    expect(five.lists[0]).toMatchObject({ ruleId: 'HK-13', unit: '市水务局', list: '加重问责' });
    expect(five.lists[0]!.detail).toBe('逾期办件数 5 件');
  });

  it('black-listed once: 2 points off, not listed; twice: 4 points off and listed under HK-14', () => {
    const once = run('haikou', { 市水务局: HK_UNIT(0) }, { findings: [finding('市水务局', 'blacklist')] });
    expect(once.units.find((x) => x.unit === '市水务局')!.score).toBe(79.5);
    expect(once.lists).toEqual([]);
    const twice = run('haikou', { 市水务局: HK_UNIT(0) }, { findings: [finding('市水务局', 'blacklist'), finding('市水务局', 'blacklist')] });
    const u = twice.units.find((x) => x.unit === '市水务局')!;
    expect(u).toMatchObject({ score: 77.5, grade: '达标', deductions: 4, findings: { blacklist: 2 } });
    expect(twice.lists.map((e) => e.ruleId)).toEqual(['HK-14']);
  });

  it('a finding of HK-15 or a missed emergency contact lists the unit under HK-15', () => {
    const r = run('haikou', { 市水务局: { ...HK_UNIT(0), emergencyContactMissed: [1, 1] } }, { findings: [finding('秀英区', 'dataLeak')] });
    expect(r.lists.map((e) => [e.ruleId, e.unit])).toEqual([
      ['HK-15', '秀英区'],
      ['HK-15', '市水务局'],
    ]);
  });
});

describe('Anshan AS-11 bulletin and AS-12 ranking with manual items', () => {
  const unit = (onTime: number, handling: number): Record<string, [number, number]> => ({ onTime: [onTime, 100], handling: [handling, 100] });
  const manual = (u: string, item: string, points: number): ManualScore => ({ city: 'anshan', period: '2026-10', unit: u, item, points, note: null, enteredBy: 'as-sup1', at: new Date('2026-10-30T02:00:00Z') });

  it('manual items count beside the measured ones; top 3 praised, bottom 3 criticised', () => {
    const figures: Figures = {
      市住房城乡建设委: unit(100, 100), // 70 + 30 manual = 100
      市综合执法局: unit(100, 80), // 35 + 28 = 63 + 20 = 83
      市环保局: unit(80, 80), // 56 + 25 = 81
      市民政局: unit(60, 60), // 42 + 0 = 42
      市人力资源社会保障局: unit(90, 90), // 63 + 10 = 73
      铁东区人民政府: unit(70, 70), // 49 + 15 = 64
      铁西区人民政府: { ...unit(50, 50), lateCount: [3, 3] }, // 35 + 0 = 35
    };
    const r = run('anshan', figures, {
      manual: [
        manual('市住房城乡建设委', 'system', 10), manual('市住房城乡建设委', 'training', 10), manual('市住房城乡建设委', 'knowledge', 10),
        manual('市综合执法局', 'training', 10), manual('市综合执法局', 'knowledge', 10),
        manual('市环保局', 'system', 10), manual('市环保局', 'training', 5), manual('市环保局', 'knowledge', 10),
        manual('市人力资源社会保障局', 'system', 10),
        manual('铁东区人民政府', 'training', 10), manual('铁东区人民政府', 'knowledge', 5),
      ],
    });
    const score = (name: string) => r.units.find((u) => u.unit === name)!.score;
    expect([score('市住房城乡建设委'), score('市综合执法局'), score('市环保局'), score('市人力资源社会保障局'), score('铁东区人民政府'), score('市民政局'), score('铁西区人民政府')]).toEqual([100, 83, 81, 73, 64, 42, 35]);
    expect(r.lists.filter((e) => e.list === '表扬').map((e) => e.unit)).toEqual(['市住房城乡建设委', '市综合执法局', '市环保局']);
    expect(r.lists.filter((e) => e.list === '通报批评').map((e) => e.unit).sort()).toEqual(['市民政局', '铁东区人民政府', '铁西区人民政府'].sort());
    expect(r.lists.filter((e) => e.list === '工作简报通报')).toEqual([expect.objectContaining({ ruleId: 'AS-11', unit: '铁西区人民政府', reason: '办理超时', detail: '办理超时 3 件' })]);
  });

  it('ties with the third share its place', () => {
    const r = run('anshan', {
      市住房城乡建设委: unit(100, 100),
      市综合执法局: unit(90, 90),
      市环保局: unit(80, 80),
      市民政局: unit(80, 80),
      市人力资源社会保障局: unit(10, 10),
    });
    expect(r.lists.filter((e) => e.list === '表扬').map((e) => e.unit)).toEqual(['市住房城乡建设委', '市综合执法局', '市环保局', '市民政局']);
    expect(r.units.find((u) => u.unit === '市民政局')!.rank).toBe(3);
  });
});

describe("Huizhou: Beijing's three rates switched on", () => {
  it('adds 响应率、解决率、满意率 with their definitions and scores them', () => {
    const r = run('huizhou', { 惠城区: { responseRate: [9, 10], resolutionRate: [8, 10], satisfactionRate: [7, 10], improperReturns: [1, 1] } });
    expect(r.indicators.map((i) => i.name)).toEqual(['不当退单数', '响应率', '解决率', '满意率']);
    expect(r.indicators.find((i) => i.key === 'satisfactionRate')!.definition).toContain('非常满意、满意、基本满意');
    // 30 × 0.9 + 35 × 0.8 + 35 × 0.7 = 27 + 28 + 24.5
    expect(r.units.find((u) => u.unit === '惠城区')!.score).toBe(79.5);
    expect(r.lists).toEqual([expect.objectContaining({ ruleId: 'HZ-13', unit: '惠城区', list: '移交处理线索' })]);
  });
});
