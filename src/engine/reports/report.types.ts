/**
 * The reports of issue 6 (PDS-17 weekly analysis, monthly bulletin and annual summary; AS-11's
 * "12345工作简报"; AS-2's counts by category) as plain data, and the read port they need beyond
 * the assessment's. Nothing here knows SQL, HTTP or HTML; the words shown beside each count are
 * the page's (zh-CN.ts `reports.definitions`), those beside each indicator the policy's.
 */
import type { AccountabilityMeasure, AssessmentResult, IndicatorFigure, IndicatorHeading, Window } from '../assessment/assessment.types';

/**
 * Orders of one category (or channel) in a window:
 * - received: created in the window;
 * - closed: closed in the window; closedOnTime of them on or before their due time (or with
 *   none), closedLate after it;
 * - overdue: due in the window (before `asOf` when the window has not ended) and not closed by
 *   their due time — closed after it, or still open: the assessment's `missedDue` over its `due`
 *   base, judged at the same moment (src/engine/assessment/lateness.ts).
 */
export interface OrderCounts {
  received: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
}

export const COUNT_KEYS = ['received', 'closed', 'closedOnTime', 'closedLate', 'overdue'] as const;

export interface CodeCounts extends OrderCounts {
  /** The category or channel code. */
  code: string;
}

/** The report's read port (src/db/repositories/report-facts.repository.ts). */
export interface ReportFacts {
  /**
   * Counts per category and per channel of the window. `asOf` bounds "overdue" for a window
   * still running (the end, or now when earlier): an order is overdue only once its due time passed.
   */
  countByCode(window: Window, asOf: Date): Promise<{ byCategory: CodeCounts[]; byChannel: CodeCounts[] }>;
}

/** A count row with its display name (the policy's category or channel name). */
export interface NamedCounts extends CodeCounts {
  name: string;
}

export interface CountsSection {
  byCategory: NamedCounts[];
  byChannel: NamedCounts[];
  total: OrderCounts;
}

/** Each unit's indicator figures over the report's window, read by the assessment's definitions. */
export interface UnitFiguresSection {
  indicators: IndicatorHeading[];
  units: Array<{ unit: string; figures: Record<string, IndicatorFigure> }>;
}

interface ReportBase {
  city: string;
  cityName: string;
  /** The period as written: `2026-10-05` (the week's Monday), `2026-10`, `2026`. */
  period: string;
  /** Local first and last day of the period. */
  firstDay: string;
  lastDay: string;
  /** When the report was made (ISO), from the Clock. */
  asOf: string;
}

export interface PublishedMonth {
  runId: string;
  publishedAt: string;
  computedAt: string;
  result: AssessmentResult;
  measures: AccountabilityMeasure[];
}

export interface WeeklyReport extends ReportBase, CountsSection {
  kind: 'weekly';
  unitFigures: UnitFiguresSection;
}

export interface MonthlyReport extends ReportBase, CountsSection {
  kind: 'monthly';
  /** The month's published assessment run, or null while it is not published. */
  published: PublishedMonth | null;
}

export interface AnnualMonth extends OrderCounts {
  period: string;
  published: boolean;
}

export interface AnnualReport extends ReportBase {
  kind: 'annual';
  months: AnnualMonth[];
  total: OrderCounts;
  /** Each unit's published score of each month (null: not published, or no score). */
  scores: Array<{ unit: string; byMonth: Array<number | null> }>;
  unitFigures: UnitFiguresSection;
}

/** One unit of the bulletin (AS-11): its count indicators and why it is named. */
export interface BulletinEntry {
  unit: string;
  group: string | null;
  counts: Record<string, number>;
  entries: Array<{ ruleId: string; list: string; reason: string; by: string | null; detail: string }>;
}

export interface BulletinReport extends ReportBase {
  kind: 'bulletin';
  published: { runId: string; publishedAt: string } | null;
  /** The count indicators of the published run, shown as the bulletin's columns. */
  indicators: IndicatorHeading[];
  units: BulletinEntry[];
}

export type Report = WeeklyReport | MonthlyReport | AnnualReport | BulletinReport;
export type ReportKind = Report['kind'];
export const REPORT_KINDS: readonly ReportKind[] = ['weekly', 'monthly', 'annual', 'bulletin'];
