/**
 * The words of the assessment (考核): periods, measured figures, the stored snapshot of a run,
 * and the ports it needs from storage. Nothing here knows SQL.
 */
import type { BaseSet, Condition } from '../policy/assessment.schema';

/** A half-open span of time [start, end) in which orders are counted. */
export interface Window {
  city: string;
  start: Date;
  end: Date;
}

/** One indicator as the facts port counts it. */
export interface MeasureQuery {
  key: string;
  of: BaseSet;
  where: readonly Condition[];
  hit?: readonly Condition[];
  unitField?: string;
}

/** Orders of a unit in a measure's base, and those of them meeting `hit` (equal to base for a count). */
export interface UnitCount {
  unit: string;
  base: number;
  hits: number;
}

/** Counts orders per unit from the orders and their tasks. */
export interface AssessmentFacts {
  /**
   * For each measure key, the counts of every unit with at least one order in its base, judged
   * at `asOf` (lateness.ts: the run's moment, or the window's end when earlier).
   */
  countByUnit(window: Window, asOf: Date, measures: readonly MeasureQuery[]): Promise<Map<string, UnitCount[]>>;
}

/** A finding the centre recorded (黑榜, 不当退单, HK-15's cases, DZ-8's accountability). */
export interface Finding {
  id: string;
  city: string;
  unit: string;
  orderId: string | null;
  kind: string;
  reason: string;
  evidence: string | null;
  recordedBy: string;
  at: Date;
}

/** Points the centre entered by hand for a unit, item and month (AS-12). */
export interface ManualScore {
  city: string;
  period: string;
  unit: string;
  item: string;
  points: number;
  note: string | null;
  enteredBy: string;
  at: Date;
}

/** A measure taken on an accountability entry (HK-16: 责令限期整改 …). */
export interface AccountabilityMeasure {
  id: string;
  runId: string;
  unit: string;
  ruleId: string;
  measure: string;
  note: string | null;
  recordedBy: string;
  at: Date;
}

export interface IndicatorFigure {
  base: number;
  hits: number;
  /** A rate 0..1 (null with no orders in the base) or a count. */
  value: number | null;
}

export interface IndicatorHeading {
  key: string;
  name: string;
  definition: string;
  kind: 'rate' | 'count';
  better: 'higher' | 'lower';
  /** Points in the score, when weighted. */
  weight: number | null;
}

export interface UnitResult {
  unit: string;
  group: string | null;
  /** False for a unit with no order in any indicator's base: scored, never ranked. */
  assessed: boolean;
  figures: Record<string, IndicatorFigure>;
  manual: Record<string, number>;
  findings: Record<string, number>;
  deductions: number;
  /** Rounded to 2 decimals; null when the policy has no scoring. */
  score: number | null;
  grade: string | null;
  /** 1 = best of its group (ties share a rank); null when not ranked. */
  rank: number | null;
}

export interface ListEntry {
  ruleId: string;
  list: string;
  reason: string;
  by: string | null;
  unit: string;
  group: string | null;
  /** Why this unit, with its figures (逾期 5 件; 得分 80.10，为本组最高分 95.00 的 84.3%). */
  detail: string;
}

/** A run's result: stored as it is, never recomputed. */
export interface AssessmentResult {
  city: string;
  period: string;
  start: string;
  end: string;
  policyVersion: number;
  indicators: IndicatorHeading[];
  manualItems: Array<{ key: string; name: string; max: number }>;
  groups: Array<{ name: string; units: string[]; best: number | null }>;
  units: UnitResult[];
  lists: ListEntry[];
}

export type RunTrigger = 'schedule' | 'manual';

/** A run without its result, as lists show it. */
export interface RunSummary {
  id: string;
  city: string;
  period: string;
  policyVersion: number;
  trigger: RunTrigger;
  computedBy: string;
  computedAt: Date;
  /** Set when this run is the month's published one. */
  publishedAt: Date | null;
}

export interface AssessmentRun extends RunSummary {
  result: AssessmentResult;
}

/** A unit's place on a list in a published month, for rules across months. */
export interface ListHistory {
  period: string;
  unit: string;
  list: string;
}

export interface AssessmentStore {
  insertRun(run: Omit<AssessmentRun, 'publishedAt'>): Promise<void>;
  findRun(id: string): Promise<AssessmentRun | null>;
  listRuns(city: string, period?: string): Promise<RunSummary[]>;
  /** The published run of a month, or null. */
  publishedRun(city: string, period: string): Promise<AssessmentRun | null>;
  /** Marks the run as its month's published one; false when the month already has one. */
  publish(city: string, period: string, runId: string, by: string, at: Date): Promise<boolean>;
  /** Entries of published months of `year` before `beforePeriod`. */
  listHistory(city: string, year: number, beforePeriod: string): Promise<ListHistory[]>;
  insertFinding(finding: Finding): Promise<void>;
  listFindings(city: string, start: Date, end: Date): Promise<Finding[]>;
  upsertManualScore(score: ManualScore): Promise<void>;
  listManualScores(city: string, period: string): Promise<ManualScore[]>;
  insertMeasure(measure: AccountabilityMeasure): Promise<void>;
  listMeasures(runId: string): Promise<AccountabilityMeasure[]>;
}
