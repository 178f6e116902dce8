/**
 * The monthly assessment of a city's units (HK-11..16, AS-11/12, PDS-19..21, DZ-6, HZ-13):
 * runs (on demand, and by the scheduler on the 1st of each month), their immutable
 * snapshots, publication, and what the centre enters — findings, manual score items and
 * the measures taken on accountability entries.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from '../../shared/errors';
import { assertCityRole, assertSameCity } from '../access/city-access';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import { allUnitNames } from '../policy/load-policies';
import type { Actor, Role } from '../work-order/actor';
import type { AccountabilityMeasure, AssessmentFacts, AssessmentRun, Finding, ManualScore, RunSummary, RunTrigger } from './assessment.types';
import { computeAssessment } from './compute-assessment';
import { measureQueries } from './indicators';
import { judgedAt } from './lateness';
import { assertMonth, monthOf, monthWindow, previousMonth } from './periods';
import { hasOwnKey, ownValue } from '../../shared/own-key';
import { chineseMonthText } from '../../shared/local-time';

/** Run, publish and enter scores: the centre's supervisors and administrators. */
export const ASSESSORS: readonly Role[] = ['supervisor', 'admin'];
/** Record findings on orders and units: the centre's dispatchers too. */
export const FINDING_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'admin'];
/** Read drafts (unpublished runs): the centre and the auditor; everyone reads a published month. */
export const DRAFT_READERS: readonly Role[] = ['dispatcher', 'supervisor', 'admin', 'auditor'];

export interface FindingInput {
  unit: string;
  orderId?: string | null;
  kind: string;
  reason: string;
  evidence?: string | null;
}

export interface ManualScoreInput {
  unit: string;
  item: string;
  points: number;
  note?: string | null;
}

export interface MeasureInput {
  unit: string;
  ruleId: string;
  measure: string;
  note?: string | null;
}

/** A value that is not one of the policy's choices, refused naming the field and the choices. */
function notOneOf(code: string, path: string, known: readonly string[], got: unknown): ValidationError {
  const message = `expected one of ${known.join(', ') || '(none in this policy)'}, got ${JSON.stringify(got)}`;
  return new ValidationError(code, `${path}: ${message}`, [{ path, message }]);
}

export class AssessmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly facts: AssessmentFacts,
  ) {}

  private assessmentOf(city: string) {
    const loaded = this.catalog.policy(city);
    const a = loaded.policy.assessment;
    if (!a) {
      throw new RuleViolation('ASSESSMENT_NOT_CONFIGURED', '本市政策未配置月度考核', { city });
    }
    return { ...loaded, assessment: a };
  }

  /** Computes a month and stores the result as a new run; a scheduled run also publishes it. */
  async run(actor: Actor, city: string, period: string, trigger: RunTrigger = 'manual'): Promise<AssessmentRun> {
    if (trigger === 'manual') assertCityRole(actor, city, ASSESSORS, 'run the assessment');
    assertMonth(period);
    const { policy, version, assessment } = this.assessmentOf(city);
    const window = monthWindow(city, policy.timezone, period);
    if (window.start.getTime() > this.clock.now().getTime()) {
      throw new RuleViolation('PERIOD_IN_FUTURE', `${chineseMonthText(period)}尚未开始，不能考核`, { period });
    }
    const counts = await this.facts.countByUnit(window, judgedAt(window, this.clock.now()), measureQueries(assessment));
    return this.uow.run(async (repos) => {
      const [findings, manual, history] = await Promise.all([
        repos.assessment.listFindings(city, window.start, window.end),
        repos.assessment.listManualScores(city, period),
        repos.assessment.listHistory(city, Number(period.slice(0, 4)), period),
      ]);
      const result = computeAssessment({ policy, policyVersion: version, period, window, counts, findings, manual, history });
      const now = this.clock.now();
      const run = { id: randomUUID(), city, period, policyVersion: version, trigger, computedBy: actor.id, computedAt: now, result };
      await repos.assessment.insertRun(run);
      let publishedAt: Date | null = null;
      if (trigger === 'schedule' && (await repos.assessment.publish(city, period, run.id, actor.id, now))) publishedAt = now;
      await repos.audit.append([
        { orderId: null, city, type: 'assessment.run', actor: actor.id, at: now, data: { runId: run.id, period, trigger, policyVersion: version, published: publishedAt !== null } },
      ]);
      return { ...run, publishedAt };
    });
  }

  /**
   * The scheduled monthly run (1st of the month, 01:00 city time): the month before `now`, for
   * every city with an assessment whose month is not published yet. Safe to run twice.
   */
  async runScheduled(): Promise<AssessmentRun[]> {
    const done: AssessmentRun[] = [];
    for (const city of this.catalog.cities()) {
      const { policy } = this.catalog.policy(city);
      if (!policy.assessment) continue;
      const period = previousMonth(monthOf(this.clock.now(), policy.timezone));
      if (await this.uow.run((repos) => repos.assessment.publishedRun(city, period))) continue;
      const system: Actor = { id: 'system', name: '系统', city, role: 'admin', unit: policy.centre };
      done.push(await this.run(system, city, period, 'schedule'));
    }
    return done;
  }

  /** Makes a run its month's published result; a month is published once. */
  async publish(actor: Actor, runId: string): Promise<AssessmentRun> {
    return this.uow.run(async (repos) => {
      const run = await repos.assessment.findRun(runId);
      if (!run || run.city !== actor.city) throw new NotFoundError('RUN_NOT_FOUND', `no assessment run ${runId}`, { runId });
      assertCityRole(actor, run.city, ASSESSORS, 'publish the assessment');
      const now = this.clock.now();
      if (!(await repos.assessment.publish(run.city, run.period, run.id, actor.id, now))) {
        const current = await repos.assessment.publishedRun(run.city, run.period);
        throw new ConflictError('MONTH_PUBLISHED', `${run.period} is already published (run ${current?.id ?? '?'}); a published month is never rewritten`, {
          period: run.period,
          publishedRunId: current?.id ?? null,
        });
      }
      await repos.audit.append([{ orderId: null, city: run.city, type: 'assessment.published', actor: actor.id, at: now, data: { runId, period: run.period } }]);
      return { ...run, publishedAt: now };
    });
  }

  async listRuns(actor: Actor, city: string, period?: string): Promise<RunSummary[]> {
    assertSameCity(actor, city);
    if (period !== undefined) assertMonth(period);
    const runs = await this.uow.run((repos) => repos.assessment.listRuns(city, period));
    return DRAFT_READERS.includes(actor.role) ? runs : runs.filter((r) => r.publishedAt !== null);
  }

  /** A run with the measures recorded on its entries. Units read published runs only. */
  async getRun(actor: Actor, runId: string): Promise<{ run: AssessmentRun; measures: AccountabilityMeasure[] }> {
    return this.uow.run(async (repos) => {
      const run = await repos.assessment.findRun(runId);
      const visible = run && run.city === actor.city && (run.publishedAt !== null || DRAFT_READERS.includes(actor.role));
      if (!run || !visible) throw new NotFoundError('RUN_NOT_FOUND', `no assessment run ${runId}`, { runId });
      return { run, measures: await repos.assessment.listMeasures(runId) };
    });
  }

  /** The published run of a month, or null. */
  async published(actor: Actor, city: string, period: string): Promise<AssessmentRun | null> {
    assertSameCity(actor, city);
    assertMonth(period);
    return this.uow.run((repos) => repos.assessment.publishedRun(city, period));
  }

  private assertUnit(city: string, unit: string, path: string): void {
    const units = allUnitNames(this.catalog.policy(city).policy);
    if (!units.includes(unit)) throw notOneOf('UNIT_UNKNOWN', path, units, unit);
  }

  /** Records a finding (黑榜, 不当退单, HK-15's cases …) on a unit, and on an order when one is named. */
  async recordFinding(actor: Actor, city: string, input: FindingInput): Promise<Finding> {
    assertCityRole(actor, city, FINDING_ROLES, 'record findings');
    const { assessment } = this.assessmentOf(city);
    if (!hasOwnKey(assessment.findings, input.kind)) throw notOneOf('FINDING_KIND_UNKNOWN', 'kind', Object.keys(assessment.findings), input.kind);
    this.assertUnit(city, input.unit, 'unit');
    return this.uow.run(async (repos) => {
      if (input.orderId) {
        const order = await repos.orders.findById(input.orderId);
        if (!order || order.city !== city) throw new NotFoundError('ORDER_NOT_FOUND', `no order ${input.orderId}`, { orderId: input.orderId });
      }
      const finding: Finding = {
        id: randomUUID(),
        city,
        unit: input.unit,
        orderId: input.orderId ?? null,
        kind: input.kind,
        reason: input.reason,
        evidence: input.evidence ?? null,
        recordedBy: actor.id,
        at: this.clock.now(),
      };
      await repos.assessment.insertFinding(finding);
      await repos.audit.append([
        { orderId: finding.orderId, city, type: 'finding.recorded', actor: actor.id, at: finding.at, data: { findingId: finding.id, unit: finding.unit, kind: finding.kind, reason: finding.reason } },
      ]);
      return finding;
    });
  }

  async listFindings(actor: Actor, city: string, period: string): Promise<Finding[]> {
    assertCityRole(actor, city, DRAFT_READERS, 'read findings');
    const { policy } = this.catalog.policy(city);
    const w = monthWindow(city, policy.timezone, period);
    return this.uow.run((repos) => repos.assessment.listFindings(city, w.start, w.end));
  }

  /** Enters a manual score item (AS-12) for a month that is not published yet. */
  async setManualScore(actor: Actor, city: string, period: string, input: ManualScoreInput): Promise<ManualScore> {
    assertCityRole(actor, city, ASSESSORS, 'enter manual scores');
    assertMonth(period);
    const { assessment } = this.assessmentOf(city);
    const item = ownValue(assessment.scoring?.manualItems, input.item);
    if (!item) throw notOneOf('SCORE_ITEM_UNKNOWN', 'item', Object.keys(assessment.scoring?.manualItems ?? {}), input.item);
    if (input.points < 0 || input.points > item.max) {
      throw new ValidationError('SCORE_OUT_OF_RANGE', `points: expected 0 to ${item.max} for ${item.name}, got ${input.points}`, [
        { path: 'points', message: `expected 0 to ${item.max} for ${item.name}, got ${input.points}` },
      ]);
    }
    this.assertUnit(city, input.unit, 'unit');
    return this.uow.run(async (repos) => {
      if (await repos.assessment.publishedRun(city, period)) {
        throw new ConflictError('MONTH_PUBLISHED', `${period} is already published; its scores can no longer change`, { period });
      }
      const score: ManualScore = { city, period, unit: input.unit, item: input.item, points: input.points, note: input.note ?? null, enteredBy: actor.id, at: this.clock.now() };
      await repos.assessment.upsertManualScore(score);
      await repos.audit.append([{ orderId: null, city, type: 'assessment.score-entered', actor: actor.id, at: score.at, data: { period, unit: score.unit, item: score.item, points: score.points } }]);
      return score;
    });
  }

  async listManualScores(actor: Actor, city: string, period: string): Promise<ManualScore[]> {
    assertCityRole(actor, city, DRAFT_READERS, 'read manual scores');
    assertMonth(period);
    return this.uow.run((repos) => repos.assessment.listManualScores(city, period));
  }

  /** Records the measure taken (HK-16) on an entry of a run's accountability lists. */
  async recordMeasure(actor: Actor, runId: string, input: MeasureInput): Promise<AccountabilityMeasure> {
    return this.uow.run(async (repos) => {
      const run = await repos.assessment.findRun(runId);
      if (!run || run.city !== actor.city) throw new NotFoundError('RUN_NOT_FOUND', `no assessment run ${runId}`, { runId });
      assertCityRole(actor, run.city, ASSESSORS, 'record accountability measures');
      const measures = this.catalog.policy(run.city).policy.assessment?.measures ?? [];
      if (!measures.includes(input.measure)) throw notOneOf('MEASURE_UNKNOWN', 'measure', measures, input.measure);
      if (!run.result.lists.some((e) => e.unit === input.unit && e.ruleId === input.ruleId)) {
        throw new ValidationError('ENTRY_NOT_ON_LIST', `unit, ruleId: ${input.unit} is not on the lists of ${run.period} under ${input.ruleId}`, [
          { path: 'ruleId', message: `expected an entry of this run's lists, got ${input.unit} / ${input.ruleId}` },
        ]);
      }
      const m: AccountabilityMeasure = { id: randomUUID(), runId, unit: input.unit, ruleId: input.ruleId, measure: input.measure, note: input.note ?? null, recordedBy: actor.id, at: this.clock.now() };
      await repos.assessment.insertMeasure(m);
      await repos.audit.append([{ orderId: null, city: run.city, type: 'accountability.measure', actor: actor.id, at: m.at, data: { runId, unit: m.unit, ruleId: m.ruleId, measure: m.measure } }]);
      return m;
    });
  }
}
