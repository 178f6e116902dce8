import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { DashboardService } from '../../engine/queries/dashboard-queries';
import { ForbiddenError } from '../../shared/errors';
import { formatTime } from '../format';
import { renderPage, translate } from '../render';
import { policyOf } from './page-deps';

export const DASHBOARD_ROLES = new Set(['dispatcher', 'operator', 'admin', 'supervisor', 'auditor']);

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * The dashboard: figures computed on the server (DashboardService), shown as ECharts charts
 * (dashboard.js reads them from each chart's data-chart attribute, escaped JSON) and as the
 * same numbers in a table under each chart.
 */
export async function dashboardPage(dashboard: DashboardService, catalog: CityCatalog, auth: RequestAuth): Promise<string> {
  if (!DASHBOARD_ROLES.has(auth.user.role)) throw new ForbiddenError('ROLE_NOT_ALLOWED', `${auth.user.role} has no dashboard`);
  const policy = policyOf(catalog, auth.user.city);
  const f = await dashboard.figures(auth.user.city);
  const t = (key: string) => translate(`dashboard.${key}`);
  const overview = [
    { key: 'intakeToday', label: t('intakeToday'), value: f.intakeToday },
    { key: 'open', label: t('open'), value: f.open },
    { key: 'overdue', label: t('overdue'), value: f.overdue },
    { key: 'dueSoon', label: t('dueSoon'), value: f.dueSoon },
  ];
  const units = f.byUnit.map((u) => ({ unit: u.unit ?? t('noUnit'), open: u.open, overdue: u.overdue, dueSoon: u.dueSoon }));
  const onTime = {
    closed: f.closedThisMonth,
    onTime: f.onTimeThisMonth,
    late: f.closedThisMonth - f.onTimeThisMonth,
    rate: percent(f.onTimeRate),
  };
  const charts = {
    overview: JSON.stringify({ kind: 'bar', labels: overview.map((o) => o.label), series: [{ name: t('count'), values: overview.map((o) => o.value) }] }),
    units: JSON.stringify({
      kind: 'bar',
      labels: units.map((u) => u.unit),
      series: [
        { name: t('open'), values: units.map((u) => u.open) },
        { name: t('overdue'), values: units.map((u) => u.overdue) },
        { name: t('dueSoon'), values: units.map((u) => u.dueSoon) },
      ],
    }),
    onTime: JSON.stringify({
      kind: 'gauge',
      name: t('onTimeRate'),
      value: f.onTimeRate === null ? null : Math.round(f.onTimeRate * 1000) / 10,
      empty: t('noneClosed'),
    }),
  };
  return renderPage(
    'dashboard',
    { title: t('title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/dashboard', script: 'dashboard.js' },
    { overview, units, onTime, charts, asOf: formatTime(f.asOf, policy.timezone) },
  );
}
