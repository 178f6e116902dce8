/**
 * One month's assessment from its measured counts: each unit's figures, score, grade, group
 * and rank, and the accountability lists. Pure: the same inputs always give the same result,
 * which is stored as the run's snapshot.
 *
 * Decisions where the seeds are silent (also in README "Assessment"):
 * - a unit with no order in any indicator's base is scored (its rates follow `noOrders`) but
 *   never ranked, so an idle unit is neither praised nor criticised;
 * - ranks are competition ranks (1, 1, 3); "the last n" / "the first n" of a group include
 *   every unit tied with the n-th;
 * - scores are rounded to 2 decimals before any rule compares them: the published figure is
 *   the one the rule used.
 */
import type { Policy, UnitNode } from '../policy/policy.schema';
import type { AccountabilityRule, AssessmentPolicy, Group } from '../policy/assessment.schema';
import { allUnitNames, findUnit, unitAncestors } from '../policy/load-policies';
import type {
  AssessmentResult,
  Finding,
  IndicatorFigure,
  IndicatorHeading,
  ListEntry,
  ListHistory,
  ManualScore,
  UnitCount,
  UnitResult,
  Window,
} from './assessment.types';
import { indicatorHeadings } from './indicators';
import { previousMonth } from './periods';
import { ownValue } from '../../shared/own-key';

export interface ComputeInput {
  policy: Policy;
  policyVersion: number;
  period: string;
  window: Window;
  counts: ReadonlyMap<string, readonly UnitCount[]>;
  findings: readonly Finding[];
  manual: readonly ManualScore[];
  history: readonly ListHistory[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

function groupOf(policy: Policy, groups: readonly Group[], unit: string): string | null {
  const node: UnitNode | undefined = findUnit(policy, unit);
  const parent = unitAncestors(policy, unit).at(-1);
  for (const g of groups) {
    if (g.units?.includes(unit)) return g.name;
    if (node?.kind !== undefined && g.kinds?.includes(node.kind)) return g.name;
    if (parent !== undefined && g.childrenOf?.includes(parent)) return g.name;
  }
  return null;
}

function figuresOf(unit: string, heads: readonly IndicatorHeading[], counts: ComputeInput['counts']): Record<string, IndicatorFigure> {
  const out: Record<string, IndicatorFigure> = {};
  for (const h of heads) {
    const c = counts.get(h.key)?.find((x) => x.unit === unit);
    const base = c?.base ?? 0;
    const hits = c?.hits ?? 0;
    out[h.key] = { base, hits, value: h.kind === 'count' ? hits : base === 0 ? null : hits / base };
  }
  return out;
}

function scoreOf(a: AssessmentPolicy, heads: readonly IndicatorHeading[], u: Omit<UnitResult, 'score' | 'grade' | 'rank'>): number | null {
  const s = a.scoring;
  if (!s) return null;
  let total = 0;
  for (const h of heads) {
    if (h.weight === null) continue;
    const v = u.figures[h.key]?.value ?? null;
    if (v === null) total += s.noOrders === 'full' ? h.weight : 0;
    else total += h.weight * (h.better === 'higher' ? v : 1 - v);
  }
  for (const [item, def] of Object.entries(s.manualItems)) total += Math.min(ownValue(u.manual, item) ?? 0, def.max);
  return Math.max(0, round2(total - u.deductions));
}

function gradeOf(a: AssessmentPolicy, score: number | null): string | null {
  if (score === null) return null;
  const fit = [...(a.scoring?.grades ?? [])].sort((x, y) => y.min - x.min).find((g) => score >= g.min);
  return fit?.name ?? null;
}

/** Competition ranks by score within each group, of the assessed units. */
function assignRanks(units: UnitResult[]): void {
  const byGroup = new Map<string | null, UnitResult[]>();
  for (const u of units) if (u.assessed && u.score !== null) byGroup.set(u.group, [...(byGroup.get(u.group) ?? []), u]);
  for (const members of byGroup.values()) {
    for (const u of members) u.rank = 1 + members.filter((o) => (o.score ?? 0) > (u.score ?? 0)).length;
  }
}

function unitResults(input: ComputeInput, a: AssessmentPolicy, heads: readonly IndicatorHeading[]): UnitResult[] {
  const names = new Set(allUnitNames(input.policy));
  for (const list of input.counts.values()) for (const c of list) names.add(c.unit);
  for (const f of input.findings) names.add(f.unit);
  for (const m of input.manual) names.add(m.unit);
  const units = [...names].map((unit): UnitResult => {
    const figures = figuresOf(unit, heads, input.counts);
    const findings: Record<string, number> = {};
    for (const f of input.findings) if (f.unit === unit) findings[f.kind] = (ownValue(findings, f.kind) ?? 0) + 1;
    const manual: Record<string, number> = {};
    for (const m of input.manual) if (m.unit === unit) manual[m.item] = m.points;
    const perFinding = a.scoring?.deductions ?? {};
    const deductions = round2(Object.entries(findings).reduce((n, [kind, count]) => n + (ownValue(perFinding, kind) ?? 0) * count, 0));
    const partial = { unit, group: groupOf(input.policy, a.groups, unit), assessed: Object.values(figures).some((f) => f.base > 0), figures, manual, findings, deductions };
    const score = scoreOf(a, heads, partial);
    return { ...partial, score, grade: gradeOf(a, score), rank: null };
  });
  assignRanks(units);
  return units;
}

function rankEntries(rule: AccountabilityRule, when: { rank: 'top' | 'bottom'; count: number; belowShareOfBest?: number }, units: readonly UnitResult[]) {
  const out: Array<{ unit: UnitResult; detail: string }> = [];
  const groups = new Set(units.map((u) => u.group));
  for (const g of groups) {
    if (rule.groups && (g === null || !rule.groups.includes(g))) continue;
    const ranked = units.filter((u) => u.group === g && u.rank !== null).sort((x, y) => (y.score ?? 0) - (x.score ?? 0));
    if (ranked.length === 0) continue;
    const best = ranked[0]!.score ?? 0;
    const nth = when.rank === 'top' ? ranked[Math.min(when.count, ranked.length) - 1]! : ranked[Math.max(ranked.length - when.count, 0)]!;
    const cut = nth.score ?? 0;
    for (const u of ranked) {
      const score = u.score ?? 0;
      const inPlace = when.rank === 'top' ? score >= cut : score <= cut;
      if (!inPlace) continue;
      const place = when.rank === 'top' ? `第 ${u.rank} 名` : `倒数第 ${ranked.filter((o) => (o.score ?? 0) <= score).length} 名`;
      const where = g === null ? '' : `（${g}）`;
      if (when.belowShareOfBest !== undefined) {
        if (!(score < best * when.belowShareOfBest)) continue;
        out.push({ unit: u, detail: `${place}${where}，得分 ${score.toFixed(2)}，为本组最高分 ${best.toFixed(2)} 的 ${pct(best === 0 ? 0 : score / best)}，低于 ${pct(when.belowShareOfBest)}` });
      } else out.push({ unit: u, detail: `${place}${where}，得分 ${score.toFixed(2)}` });
    }
  }
  return out;
}

function historyCounts(history: readonly ListHistory[], list: string, unit: string, period: string) {
  const months = new Set(history.filter((h) => h.list === list && h.unit === unit).map((h) => h.period));
  let consecutive = 1;
  for (let p = previousMonth(period); months.has(p); p = previousMonth(p)) consecutive += 1;
  return { consecutive, inYear: 1 + months.size };
}

function ruleEntries(rule: AccountabilityRule, units: readonly UnitResult[], heads: readonly IndicatorHeading[], soFar: readonly ListEntry[], input: ComputeInput) {
  const w = rule.when;
  const inScope = units.filter((u) => !rule.groups || (u.group !== null && rule.groups.includes(u.group)));
  if ('rank' in w) return rankEntries(rule, w, units);
  if ('findings' in w) {
    const findingNames = input.policy.assessment?.findings ?? {};
    return inScope.flatMap((u) => {
      const n = w.findings.reduce((sum, kind) => sum + (ownValue(u.findings, kind) ?? 0), 0);
      const kinds = w.findings.filter((k) => (ownValue(u.findings, k) ?? 0) > 0).map((k) => ownValue(findingNames, k) ?? k);
      return n >= w.atLeast ? [{ unit: u, detail: `本期记录 ${n} 次：${kinds.join('、')}` }] : [];
    });
  }
  if ('list' in w) {
    return inScope.flatMap((u) => {
      if (!soFar.some((e) => e.unit === u.unit && e.list === w.list)) return [];
      const { consecutive, inYear } = historyCounts(input.history, w.list, u.unit, input.period);
      const byRow = w.consecutiveMonths !== undefined && consecutive >= w.consecutiveMonths;
      const byYear = w.monthsInYear !== undefined && inYear >= w.monthsInYear;
      return byRow || byYear ? [{ unit: u, detail: `连续 ${consecutive} 个月、本年累计 ${inYear} 次列入"${w.list}"` }] : [];
    });
  }
  const head = heads.find((h) => h.key === w.indicator);
  return inScope.flatMap((u) => {
    const f = u.figures[w.indicator];
    if (!f || !head) return [];
    if ('atLeast' in w) return f.hits >= w.atLeast ? [{ unit: u, detail: `${head.name} ${f.hits} 件` }] : [];
    return f.value !== null && f.value < w.below ? [{ unit: u, detail: `${head.name} ${pct(f.value)}，低于 ${pct(w.below)}` }] : [];
  });
}

export function computeAssessment(input: ComputeInput): AssessmentResult {
  const a = input.policy.assessment ?? { indicators: {}, findings: {}, measures: [], groups: [], accountability: [] };
  const heads = indicatorHeadings(input.policy);
  const units = unitResults(input, a, heads);
  const lists: ListEntry[] = [];
  for (const rule of a.accountability) {
    for (const { unit, detail } of ruleEntries(rule, units, heads, lists, input)) {
      lists.push({ ruleId: rule.id, list: rule.list, reason: rule.reason, by: rule.by ?? null, unit: unit.unit, group: unit.group, detail });
    }
  }
  const groupNames = a.groups.length > 0 ? a.groups.map((g) => g.name) : [];
  return {
    city: input.policy.city,
    period: input.period,
    start: input.window.start.toISOString(),
    end: input.window.end.toISOString(),
    policyVersion: input.policyVersion,
    indicators: heads,
    manualItems: Object.entries(a.scoring?.manualItems ?? {}).map(([key, m]) => ({ key, name: m.name, max: m.max })),
    groups: groupNames.map((name) => {
      const members = units.filter((u) => u.group === name);
      const scores = members.filter((u) => u.rank !== null).map((u) => u.score ?? 0);
      return { name, units: members.map((u) => u.unit), best: scores.length ? Math.max(...scores) : null };
    }),
    units,
    lists,
  };
}
