/**
 * A report, or an assessment run, as titled tables of cells with Chinese headings: the one form
 * the pages draw and the .xlsx and CSV downloads write, so a download holds the figures of its
 * page. Every figure column carries its definition (the policy's for indicators, zh-CN.ts
 * `reports.definitions` for counts), listed under its table.
 */
import type { AccountabilityMeasure, AssessmentResult, IndicatorHeading } from '../../engine/assessment/assessment.types';
import { COUNT_KEYS, type CountsSection, type NamedCounts, type OrderCounts, type Report, type UnitFiguresSection } from '../../engine/reports/report.types';
import { translate } from '../render';
import { chineseDateText } from '../../shared/local-time';

export type CellFormat = 'text' | 'int' | 'rate' | 'score';
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  format: CellFormat;
  /** What the figure counts, shown under the table. */
  definition?: string;
}

export interface Table {
  key: string;
  title: string;
  /** A sentence shown above the rows (e.g. the month is not published). */
  note?: string;
  columns: Column[];
  rows: Cell[][];
}

export interface ReportDocument {
  title: string;
  /** Download name without extension (ASCII): `<city>-weekly-2026-10-05`. */
  fileName: string;
  tables: Table[];
}

const r = (key: string, params?: Record<string, unknown>) => translate(`reports.${key}`, params);
const a = (key: string, params?: Record<string, unknown>) => translate(`assessment.${key}`, params);

/** A cell as the page shows it (the CSV writes the same text; the .xlsx keeps numbers as numbers). */
export function cellText(format: CellFormat, value: Cell): string {
  if (value === null || value === '') return format === 'text' ? '' : '—';
  if (typeof value === 'string') return value;
  if (format === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (format === 'score') return value.toFixed(2);
  return String(value);
}

function countColumns(): Column[] {
  return COUNT_KEYS.map((k) => ({ key: k, label: r(`columns.${k}`), format: 'int', definition: r(`definitions.${k}`) }));
}

const countCells = (c: OrderCounts): Cell[] => COUNT_KEYS.map((k) => c[k]);

function codeTable(key: 'byCategory' | 'byChannel', first: string, rows: NamedCounts[], total: OrderCounts | null): Table {
  const body = rows.map((c): Cell[] => [c.name, ...countCells(c)]);
  if (total) body.push([r('total'), ...countCells(total)]);
  return { key, title: r(`tables.${key}`), columns: [{ key: 'name', label: first, format: 'text' }, ...countColumns()], rows: body };
}

function countsTables(c: CountsSection): Table[] {
  const channelTotal = c.byChannel.reduce((t, x) => ({ ...t, received: t.received + x.received }), { received: 0 });
  const channels = codeTable('byChannel', r('columns.channel'), c.byChannel, null);
  channels.columns = channels.columns.slice(0, 2);
  channels.rows = [...c.byChannel.map((x): Cell[] => [x.name, x.received]), [r('total'), channelTotal.received]];
  return [codeTable('byCategory', r('columns.category'), c.byCategory, c.total), channels];
}

/** Indicator columns: a rate's value and its hits/base, a count's value. */
function indicatorColumns(indicators: readonly IndicatorHeading[]): Column[] {
  return indicators.flatMap((h): Column[] =>
    h.kind === 'rate'
      ? [
          { key: h.key, label: h.name, format: 'rate', definition: h.definition },
          { key: `${h.key}.ratio`, label: r('columns.ratio', { name: h.name }), format: 'text' },
        ]
      : [{ key: h.key, label: h.name, format: 'int', definition: h.definition }],
  );
}

function indicatorCells(indicators: readonly IndicatorHeading[], figures: Record<string, { base: number; hits: number; value: number | null }>): Cell[] {
  return indicators.flatMap((h): Cell[] => {
    const f = figures[h.key] ?? { base: 0, hits: 0, value: h.kind === 'count' ? 0 : null };
    return h.kind === 'rate' ? [f.value, `${f.hits}/${f.base}`] : [f.hits];
  });
}

function unitFiguresTable(key: string, s: UnitFiguresSection): Table {
  return {
    key,
    title: r(`tables.${key}`),
    columns: [{ key: 'unit', label: r('columns.unit'), format: 'text' }, ...indicatorColumns(s.indicators)],
    rows: s.units.map((u) => [u.unit, ...indicatorCells(s.indicators, u.figures)]),
  };
}

/** An assessment run's three tables: indicators and their definitions, units, accountability lists. */
export function runTables(result: AssessmentResult, measures: readonly AccountabilityMeasure[]): Table[] {
  const indicators: Table = {
    key: 'indicators',
    title: r('tables.indicators'),
    columns: [
      { key: 'name', label: a('indicator'), format: 'text' },
      { key: 'definition', label: a('definition'), format: 'text' },
      { key: 'kind', label: a('kind'), format: 'text' },
      { key: 'weight', label: a('weight'), format: 'score' },
    ],
    rows: result.indicators.map((h) => [h.name, h.definition, a(`kinds.${h.kind}`), h.weight]),
  };
  const manual = result.manualItems.map((m): Column => ({ key: `manual.${m.key}`, label: m.name, format: 'score', definition: a('maxPoints', { max: m.max }) }));
  const units: Table = {
    key: 'units',
    title: r('tables.units'),
    // The result first (score, grade, rank), then what it is made of: a wide table never hides it to the right.
    columns: [
      { key: 'unit', label: a('unit'), format: 'text' },
      { key: 'group', label: a('group'), format: 'text' },
      { key: 'score', label: a('score'), format: 'score' },
      { key: 'grade', label: a('grade'), format: 'text' },
      { key: 'rank', label: a('rank'), format: 'int' },
      { key: 'deductions', label: a('deductions'), format: 'score' },
      ...indicatorColumns(result.indicators),
      ...manual,
    ],
    rows: result.units.map((u) => [
      u.unit,
      u.group ?? '',
      u.score,
      u.grade ?? '',
      u.rank ?? (u.assessed ? null : a('notRanked')),
      u.deductions,
      ...indicatorCells(result.indicators, u.figures),
      ...result.manualItems.map((m) => u.manual[m.key] ?? null),
    ]),
  };
  const lists: Table = {
    key: 'lists',
    title: r('tables.lists'),
    ...(result.lists.length === 0 ? { note: a('noLists') } : {}),
    columns: [
      { key: 'ruleId', label: a('ruleId'), format: 'text' },
      { key: 'list', label: a('list'), format: 'text' },
      { key: 'unit', label: a('unit'), format: 'text' },
      { key: 'group', label: a('group'), format: 'text' },
      { key: 'reason', label: a('reason'), format: 'text' },
      { key: 'by', label: a('by'), format: 'text' },
      { key: 'detail', label: a('detail'), format: 'text' },
      { key: 'measures', label: a('measures'), format: 'text' },
    ],
    rows: result.lists.map((e) => [
      e.ruleId,
      e.list,
      e.unit,
      e.group ?? '',
      e.reason,
      e.by ?? '',
      e.detail,
      measures.filter((m) => m.unit === e.unit && m.ruleId === e.ruleId).map((m) => (m.note ? `${m.measure}（${m.note}）` : m.measure)).join('；'),
    ]),
  };
  return [indicators, units, lists];
}

function annualTables(report: Extract<Report, { kind: 'annual' }>): Table[] {
  const months: Table = {
    key: 'months',
    title: r('tables.months'),
    columns: [{ key: 'month', label: r('columns.month'), format: 'text' }, ...countColumns(), { key: 'published', label: r('columns.published'), format: 'text' }],
    rows: [
      ...report.months.map((m): Cell[] => [m.period, ...countCells(m), r(m.published ? 'columns.yes' : 'columns.no')]),
      [r('total'), ...countCells(report.total), ''],
    ],
  };
  const scores: Table = {
    key: 'scores',
    title: r('tables.scores'),
    columns: [{ key: 'unit', label: r('columns.unit'), format: 'text' }, ...report.months.map((m): Column => ({ key: m.period, label: m.period, format: 'score' }))],
    rows: report.scores.map((s) => [s.unit, ...s.byMonth]),
  };
  return [months, scores, unitFiguresTable('yearFigures', report.unitFigures)];
}

function bulletinTable(report: Extract<Report, { kind: 'bulletin' }>): Table {
  return {
    key: 'bulletin',
    title: r('tables.bulletin'),
    ...(report.published === null ? { note: r('notPublished') } : report.units.length === 0 ? { note: r('noneListed') } : {}),
    columns: [
      { key: 'unit', label: r('columns.unit'), format: 'text' },
      ...report.indicators.map((h): Column => ({ key: h.key, label: h.name, format: 'int', definition: h.definition })),
      { key: 'reasons', label: r('columns.reasons'), format: 'text' },
      { key: 'details', label: r('columns.details'), format: 'text' },
    ],
    rows: report.units.map((u) => [
      u.unit,
      ...report.indicators.map((h) => u.counts[h.key] ?? 0),
      [...new Set(u.entries.map((e) => `${e.ruleId} ${e.list}：${e.reason}`))].join('；'),
      u.entries.map((e) => e.detail).join('；'),
    ]),
  };
}

function tablesOf(report: Report): Table[] {
  if (report.kind === 'weekly') return [...countsTables(report), unitFiguresTable('unitFigures', report.unitFigures)];
  if (report.kind === 'annual') return annualTables(report);
  if (report.kind === 'bulletin') return [bulletinTable(report)];
  const counts = countsTables(report);
  if (!report.published) return [...counts, { key: 'status', title: r('tables.status'), note: r('notPublished'), columns: [], rows: [] }];
  return [...counts, ...runTables(report.published.result, report.published.measures)];
}

/** A report as its document: title, download name and tables. */
export function reportDocument(report: Report): ReportDocument {
  const span = report.kind === 'annual' ? `${report.period}年` : r('span', { first: chineseDateText(report.firstDay), last: chineseDateText(report.lastDay) });
  return {
    title: r('docTitle', { city: report.cityName, kind: r(`kinds.${report.kind}`), span }),
    fileName: `${report.city}-${report.kind}-${report.period}`,
    tables: tablesOf(report),
  };
}

/** An assessment run as a document (its download). */
export function runDocument(cityName: string, result: AssessmentResult, measures: readonly AccountabilityMeasure[], published: boolean): ReportDocument {
  const state = published ? a('published') : a('draft');
  return {
    title: `${cityName}${a('period', { period: result.period })}（${state}，${a('policyVersion')} ${result.policyVersion}）`,
    fileName: `${result.city}-assessment-${result.period}${published ? '' : '-draft'}`,
    tables: runTables(result, measures),
  };
}
