import type { RequestAuth } from '../../api/middleware/authenticate';
import { monthOf, previousMonth } from '../../engine/assessment/periods';
import { addDays, ZoneClock } from '../../engine/calendar/local-date';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { ReportService } from '../../engine/reports/report.service';
import { REPORT_KINDS, type Report, type ReportKind } from '../../engine/reports/report.types';
import type { Clock } from '../../shared/clock';
import { formatTime } from '../format';
import { renderPage, translate } from '../render';
import { reportDocument } from '../reports/report-tables';
import { tableView } from '../reports/table-view';
import { policyOf } from './page-deps';

export interface ReportsQuery {
  kind: ReportKind;
  week: string | null;
  period: string | null;
  year: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function reportsQuery(q: Record<string, unknown>): ReportsQuery {
  const kind = REPORT_KINDS.find((k) => k === q.kind) ?? 'weekly';
  return { kind, week: text(q.week), period: text(q.period), year: text(q.year) };
}

/** The period shown when none is asked for: last week, last month, this year (city time). */
function defaults(clock: Clock, timeZone: string) {
  const today = new ZoneClock(timeZone).localDate(clock.now());
  return { week: addDays(today, -7), period: previousMonth(monthOf(clock.now(), timeZone)), year: today.slice(0, 4) };
}

function build(reports: ReportService, auth: RequestAuth, q: ReportsQuery, d: ReturnType<typeof defaults>): { report: Promise<Report>; query: Record<string, string> } {
  const city = auth.user.city;
  if (q.kind === 'weekly') return { report: reports.weekly(auth.actor, city, q.week ?? d.week), query: { week: q.week ?? d.week } };
  if (q.kind === 'annual') return { report: reports.annual(auth.actor, city, Number(q.year ?? d.year)), query: { year: q.year ?? d.year } };
  const period = q.period ?? d.period;
  return { report: q.kind === 'monthly' ? reports.monthly(auth.actor, city, period) : reports.bulletin(auth.actor, city, period), query: { period } };
}

/** /reports: one report (weekly, monthly, annual or the AS-11 bulletin) as the tables its downloads hold. */
export async function reportsPage(reports: ReportService, catalog: CityCatalog, clock: Clock, auth: RequestAuth, q: ReportsQuery): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const d = defaults(clock, policy.timezone);
  const { report: pending, query } = build(reports, auth, q, d);
  const report = await pending;
  const doc = reportDocument(report);
  const search = new URLSearchParams(query).toString();
  const base = `/api/reports/${encodeURIComponent(report.city)}/${report.kind}`;
  return renderPage(
    'reports',
    { title: translate('reports.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/reports' },
    {
      kind: report.kind,
      tabs: REPORT_KINDS.map((k) => ({ kind: k, label: translate(`reports.kinds.${k}`), current: k === report.kind, href: `/reports?kind=${k}` })),
      input: report.kind === 'weekly' ? { name: 'week', type: 'date', label: translate('reports.week'), value: query.week } : report.kind === 'annual' ? { name: 'year', type: 'number', label: translate('reports.year'), value: query.year } : { name: 'period', type: 'month', label: translate('reports.month'), value: query.period },
      title: doc.title,
      asOf: formatTime(report.asOf, policy.timezone),
      downloads: { xlsx: `${base}.xlsx?${search}`, csv: `${base}.csv?${search}` },
      tables: doc.tables.map(tableView),
    },
  );
}
