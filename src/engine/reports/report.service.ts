/**
 * Weekly, monthly, annual and bulletin reports of a city (PDS-17, AS-11, AS-2): counts by
 * category and channel from the report port, each unit's indicator figures over any window from
 * the assessment's facts port and definitions, and the published assessment runs of the months.
 * Reports are read-only and computed on request; only published months are shown as results.
 */
import type { Clock } from '../../shared/clock';
import { assertCityRole } from '../access/city-access';
import type { AssessmentService } from '../assessment/assessment.service';
import type { AccountabilityMeasure, AssessmentFacts, AssessmentRun, IndicatorFigure, Window } from '../assessment/assessment.types';
import { indicatorHeadings, measureQueries } from '../assessment/indicators';
import { judgedAt } from '../assessment/lateness';
import { assertMonth, monthsOf, monthWindow, weekWindow, yearWindow } from '../assessment/periods';
import { addDays, ZoneClock } from '../calendar/local-date';
import type { CityCatalog } from '../city/city-catalog';
import type { Policy } from '../policy/policy.schema';
import type { Actor, Role } from '../work-order/actor';
import { hasOwnKey, ownValue } from '../../shared/own-key';
import {
  COUNT_KEYS,
  type AnnualReport,
  type BulletinReport,
  type CodeCounts,
  type CountsSection,
  type MonthlyReport,
  type NamedCounts,
  type OrderCounts,
  type ReportFacts,
  type UnitFiguresSection,
  type WeeklyReport,
} from './report.types';

/** The centre and the auditor read the reports (every unit's figures). */
export const REPORT_READERS: readonly Role[] = ['operator', 'dispatcher', 'supervisor', 'admin', 'auditor'];

const zero = (): OrderCounts => ({ received: 0, closed: 0, closedOnTime: 0, closedLate: 0, overdue: 0 });

function add(into: OrderCounts, c: OrderCounts): OrderCounts {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

/** Every code the policy names (in its order, zeros included), then any other code found. */
function named(codes: Record<string, { name: string }>, found: readonly CodeCounts[]): NamedCounts[] {
  const byCode = new Map(found.map((c) => [c.code, c]));
  const all = [...Object.keys(codes), ...found.map((c) => c.code).filter((c) => !hasOwnKey(codes, c))];
  return all.map((code) => ({ ...zero(), ...byCode.get(code), code, name: ownValue(codes, code)?.name ?? code }));
}


export class ReportService {
  constructor(
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly facts: ReportFacts,
    private readonly unitFacts: AssessmentFacts,
    private readonly assessments: AssessmentService,
  ) {}

  private policy(actor: Actor, city: string): Policy {
    assertCityRole(actor, city, REPORT_READERS, 'read reports');
    return this.catalog.policy(city).policy;
  }

  private base(policy: Policy, period: string, w: Window) {
    const zone = new ZoneClock(policy.timezone);
    const firstDay = zone.localDate(w.start);
    return { city: policy.city, cityName: policy.name, period, firstDay, lastDay: addDays(zone.localDate(w.end), -1), asOf: this.clock.now().toISOString() };
  }

  private async counts(policy: Policy, w: Window): Promise<CountsSection> {
    const { byCategory, byChannel } = await this.facts.countByCode(w, judgedAt(w, this.clock.now()));
    const total = byCategory.reduce((t, c) => add(t, c), zero());
    return { byCategory: named(policy.categories, byCategory), byChannel: named(policy.channels, byChannel), total };
  }

  /** Each unit's figures over the window by the policy's indicators (none without an assessment). */
  private async unitFigures(policy: Policy, w: Window): Promise<UnitFiguresSection> {
    const a = policy.assessment;
    const indicators = indicatorHeadings(policy);
    if (!a || indicators.length === 0) return { indicators, units: [] };
    const counts = await this.unitFacts.countByUnit(w, judgedAt(w, this.clock.now()), measureQueries(a));
    const names = new Set<string>();
    for (const list of counts.values()) for (const c of list) names.add(c.unit);
    const units = [...names].sort((x, y) => x.localeCompare(y, 'zh-CN')).map((unit) => {
      const figures: Record<string, IndicatorFigure> = {};
      for (const h of indicators) {
        const c = counts.get(h.key)?.find((x) => x.unit === unit);
        const base = c?.base ?? 0;
        const hits = c?.hits ?? 0;
        figures[h.key] = { base, hits, value: h.kind === 'count' ? hits : base === 0 ? null : hits / base };
      }
      return { unit, figures };
    });
    return { indicators, units };
  }

  private async publishedRun(actor: Actor, city: string, period: string): Promise<{ run: AssessmentRun; measures: AccountabilityMeasure[] } | null> {
    const run = await this.assessments.published(actor, city, period);
    if (!run) return null;
    return this.assessments.getRun(actor, run.id);
  }

  /** PDS-17 weekly analysis: the week (Monday to Sunday) containing `day`. */
  async weekly(actor: Actor, city: string, day: string): Promise<WeeklyReport> {
    const policy = this.policy(actor, city);
    const w = weekWindow(city, policy.timezone, day);
    const [counts, unitFigures] = await Promise.all([this.counts(policy, w), this.unitFigures(policy, w)]);
    return { kind: 'weekly', ...this.base(policy, w.monday, w), ...counts, unitFigures };
  }

  /** PDS-17 monthly bulletin and AS-2: counts by category, and the month's published assessment. */
  async monthly(actor: Actor, city: string, period: string): Promise<MonthlyReport> {
    const policy = this.policy(actor, city);
    assertMonth(period);
    const w = monthWindow(city, policy.timezone, period);
    const [counts, found] = await Promise.all([this.counts(policy, w), this.publishedRun(actor, city, period)]);
    const published = found
      ? { runId: found.run.id, publishedAt: iso(found.run.publishedAt), computedAt: found.run.computedAt.toISOString(), result: found.run.result, measures: found.measures }
      : null;
    return { kind: 'monthly', ...this.base(policy, period, w), ...counts, published };
  }

  /** PDS-17 annual summary: the twelve months' counts and published scores, and each unit's figures over the year. */
  async annual(actor: Actor, city: string, year: number): Promise<AnnualReport> {
    const policy = this.policy(actor, city);
    const w = yearWindow(city, policy.timezone, year);
    const months = monthsOf(year);
    const counts: OrderCounts[] = [];
    const runs: Array<AssessmentRun | null> = [];
    for (const period of months) {
      counts.push((await this.counts(policy, monthWindow(city, policy.timezone, period))).total);
      runs.push(await this.assessments.published(actor, city, period));
    }
    const units = new Set<string>();
    for (const run of runs) for (const u of run?.result.units ?? []) if (u.score !== null) units.add(u.unit);
    const scores = [...units].map((unit) => ({
      unit,
      byMonth: runs.map((run) => run?.result.units.find((u) => u.unit === unit)?.score ?? null),
    }));
    return {
      kind: 'annual',
      ...this.base(policy, String(year), w),
      months: months.map((period, i) => ({ period, ...counts[i]!, published: runs[i] !== null })),
      total: counts.reduce((t, c) => add(t, c), zero()),
      scores,
      unitFigures: await this.unitFigures(policy, w),
    };
  }

  /** AS-11 "12345工作简报": the units on the lists of the month's published run, with their counts and reasons. */
  async bulletin(actor: Actor, city: string, period: string): Promise<BulletinReport> {
    const policy = this.policy(actor, city);
    assertMonth(period);
    const w = monthWindow(city, policy.timezone, period);
    const base = this.base(policy, period, w);
    const found = await this.publishedRun(actor, city, period);
    if (!found) return { kind: 'bulletin', ...base, published: null, indicators: indicatorHeadings(policy).filter((h) => h.kind === 'count'), units: [] };
    const { result } = found.run;
    const indicators = result.indicators.filter((h) => h.kind === 'count');
    const order = [...new Set(result.lists.map((e) => e.unit))];
    const units = order.map((unit) => {
      const u = result.units.find((x) => x.unit === unit);
      const counts = Object.fromEntries(indicators.map((h) => [h.key, u?.figures[h.key]?.hits ?? 0]));
      const entries = result.lists.filter((e) => e.unit === unit).map(({ ruleId, list, reason, by, detail }) => ({ ruleId, list, reason, by, detail }));
      return { unit, group: u?.group ?? null, counts, entries };
    });
    return { kind: 'bulletin', ...base, published: { runId: found.run.id, publishedAt: iso(found.run.publishedAt) }, indicators, units };
  }
}

function iso(d: Date | null): string {
  return d ? d.toISOString() : '';
}
